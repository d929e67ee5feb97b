import { Readable } from 'node:stream';
import archiver from 'archiver';
import { stringify } from 'csv-stringify';
import type { GraphData } from '../graph.types';
import type { ExportAbout } from './export.about';
import {
  EDGE_ATTRIBUTES,
  exportEdge,
  exportNode,
  flatValue,
  NODE_ATTRIBUTES,
  type AttributeSpec,
  type ExportEdge,
  type ExportNode,
} from './export.attributes';

/**
 * The graph as two tables, the layout of Gephi's spreadsheet import (and of pandas, R, Excel): nodes.csv with an
 * `id` and `label` column, edges.csv with `source` and `target` naming node ids. RFC 4180 (a header row, CRLF,
 * quotes where needed), UTF-8. Streamed row by row through csv-stringify, and for the zip through archiver, so
 * neither table is ever whole in memory. A cell that a spreadsheet would run as a formula (starting with =, +, -,
 * @) is prefixed with a quote: names are written by editors, and an export is opened by others.
 */
const NODE_COLUMNS = ['id', ...NODE_ATTRIBUTES.map((spec) => spec.name)];
const EDGE_COLUMNS = ['id', 'source', 'target', ...EDGE_ATTRIBUTES.map((spec) => spec.name)];

export function nodesCsvStream(graph: GraphData): Readable {
  return csvStream(NODE_COLUMNS, tableRows(graph.nodes, exportNode, ['id'], NODE_ATTRIBUTES));
}

export function edgesCsvStream(graph: GraphData): Readable {
  return csvStream(EDGE_COLUMNS, tableRows(graph.edges, exportEdge, ['id', 'source', 'target'], EDGE_ATTRIBUTES));
}

/** One zip holding `<name>.nodes.csv` and `<name>.edges.csv`, compressed as it streams. */
export function csvZipStream(graph: GraphData, about: ExportAbout): Readable {
  const zip = archiver('zip', { zlib: { level: 6 } });
  zip.append(nodesCsvStream(graph), { name: `${about.baseName}.nodes.csv` });
  zip.append(edgesCsvStream(graph), { name: `${about.baseName}.edges.csv` });
  // Entries are read one after another as the response takes them; finalize only closes the list.
  void zip.finalize();
  return zip;
}

function csvStream(columns: string[], rows: Iterable<Array<string | number | null>>): Readable {
  const csv = stringify({ header: true, columns, record_delimiter: 'windows', escape_formulas: true });
  return Readable.from(rows).pipe(csv);
}

/** Rows made as the stream asks for them, not all at once. */
function* tableRows<Item, Row extends ExportNode | ExportEdge>(
  items: readonly Item[],
  toRow: (item: Item) => Row,
  idColumns: ReadonlyArray<keyof Row>,
  specs: ReadonlyArray<AttributeSpec<Row>>,
): Generator<Array<string | number | null>> {
  for (const item of items) {
    const row = toRow(item);
    yield [...idColumns.map((column) => row[column] as string), ...specs.map((spec) => flatValue(spec, row))];
  }
}
