import type { Readable } from 'node:stream';
import type { GraphData } from '../graph.types';
import type { ExportAbout } from './export.about';
import { jsonStream } from './json.writer';

/**
 * The writers of the XML and CSV formats, loaded by the first export that needs one: their libraries (archiver,
 * csv-stringify, xmlbuilder2, graphology-gexf) are several megabytes of heap that a server answering GraphQL
 * would otherwise hold from its start.
 */
function loadedOnFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
// Requires, not imports: an import would load the writers' libraries at start.
/* eslint-disable @typescript-eslint/no-require-imports */
const csv = loadedOnFirstUse(() => require('./csv.writer') as typeof import('./csv.writer'));
const gexf = loadedOnFirstUse(() => require('./gexf.writer') as typeof import('./gexf.writer'));
const graphml = loadedOnFirstUse(() => require('./graphml.writer') as typeof import('./graphml.writer'));
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The export formats, one list: the route serves `/graph/export.<extension>` for each, the README lists them and
 * an unknown extension is answered with their names. The extension is also the saved file's.
 */
export interface ExportFormat {
  /** e.g. `graphml`: served at `/graph/export.graphml`, saved as `mce-graph….graphml`. */
  extension: string;
  /** The Content-Type of the answer. */
  contentType: string;
  /** Which tools read it, for the README and the answer to an unknown format. */
  description: string;
  write(graph: GraphData, about: ExportAbout): Readable;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    extension: 'graphml',
    // The media type the GraphML specification proposes; not registered with IANA, as none for graphs are.
    contentType: 'application/graphml+xml; charset=utf-8',
    description: 'GraphML, for yEd, Gephi, Cytoscape, NetworkX (read_graphml) and igraph',
    write: (graph, about) => graphml().graphmlStream(graph, about),
  },
  {
    extension: 'gexf',
    contentType: 'application/gexf+xml; charset=utf-8',
    description: "GEXF 1.2, Gephi's own format (NetworkX: read_gexf)",
    write: (graph, about) => gexf().gexfStream(graph, about),
  },
  {
    extension: 'nodes.csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    description: "the nodes as CSV (Gephi's spreadsheet import, pandas, R, Excel)",
    write: (graph) => csv().nodesCsvStream(graph),
  },
  {
    extension: 'edges.csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    description: 'the edges as CSV, their source and target naming the ids of nodes.csv',
    write: (graph) => csv().edgesCsvStream(graph),
  },
  {
    extension: 'csv.zip',
    contentType: 'application/zip',
    description: 'both CSV files in one zip',
    write: (graph, about) => csv().csvZipStream(graph, about),
  },
  {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    description: "JSON: the graph query's nodes and edges, in NetworkX's node-link layout",
    write: jsonStream,
  },
];

const FORMAT_OF_FILE = new Map(EXPORT_FORMATS.map((format) => [`export.${format.extension}`, format]));

/** The format a file name under `/graph/` asks for (`export.graphml`), if it is one. */
export function exportFormatOf(fileName: string): ExportFormat | undefined {
  return FORMAT_OF_FILE.get(fileName);
}
