import { Readable } from 'node:stream';
import { createCB } from 'xmlbuilder2';
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
 * GraphML (yEd, Gephi, NetworkX's read_graphml, igraph), streamed: xmlbuilder2's callback builder serialises each
 * element as it is added (escaping included), and the chunks leave a few hundred elements at a time, so a large
 * graph is never one string in memory. (graphology-graphml only parses; it serves the tests as a second reader.)
 * One `<key>` per attribute of export.attributes.ts, with its GraphML type and a description; a value that is
 * absent is not written, which GraphML readers take as "no value".
 */
const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';
/** yEd's extension: its own keys for what a node and an edge look like, here only their labels. */
const YFILES_NAMESPACE = 'http://www.yworks.com/xml/graphml';
const NODE_GRAPHICS = 'node.yed';
const EDGE_GRAPHICS = 'edge.yed';
const SCHEMA_LOCATION = `${GRAPHML_NAMESPACE} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd`;
/** Elements serialised between two chunks handed to the response. */
const ELEMENTS_PER_CHUNK = 200;

export function graphmlStream(graph: GraphData, about: ExportAbout): Readable {
  return Readable.from(graphmlChunks(graph, about));
}

function* graphmlChunks(graph: GraphData, about: ExportAbout): Generator<string> {
  let pending: string[] = [];
  const take = (): string => {
    const chunk = pending.join('');
    pending = [];
    return chunk;
  };
  const xml = createCB({ data: (chunk: string) => pending.push(chunk), prettyPrint: true });

  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  xml.ele('graphml', {
    xmlns: GRAPHML_NAMESPACE,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xmlns:y': YFILES_NAMESPACE,
    'xsi:schemaLocation': SCHEMA_LOCATION,
  });
  writeKeys(xml, 'node', NODE_ATTRIBUTES);
  writeKeys(xml, 'edge', EDGE_ATTRIBUTES);
  // yEd shows a node or edge label only from its own graphics keys; other readers skip them (NetworkX takes the
  // same label from them that `label` holds).
  xml.ele('key', { id: NODE_GRAPHICS, for: 'node', 'yfiles.type': 'nodegraphics' }).up();
  xml.ele('key', { id: EDGE_GRAPHICS, for: 'edge', 'yfiles.type': 'edgegraphics' }).up();
  xml.ele('graph', { id: 'G', edgedefault: 'directed' });
  xml.ele('desc').txt(about.title).up();
  yield take();

  for (const [index, node] of graph.nodes.entries()) {
    const row = exportNode(node);
    xml.ele('node', { id: row.id });
    writeData(xml, 'node', NODE_ATTRIBUTES, row);
    xml.ele('data', { key: NODE_GRAPHICS }).ele('y:ShapeNode').ele('y:NodeLabel').txt(row.label).up().up().up();
    xml.up();
    if (index % ELEMENTS_PER_CHUNK === ELEMENTS_PER_CHUNK - 1) yield take();
  }
  for (const [index, edge] of graph.edges.entries()) {
    const row = exportEdge(edge);
    xml.ele('edge', { id: row.id, source: row.source, target: row.target });
    writeData(xml, 'edge', EDGE_ATTRIBUTES, row);
    xml.ele('data', { key: EDGE_GRAPHICS }).ele('y:PolyLineEdge');
    xml.ele('y:Arrows', { source: 'none', target: 'standard' }).up();
    xml.ele('y:EdgeLabel').txt(row.label).up();
    xml.up().up();
    xml.up();
    if (index % ELEMENTS_PER_CHUNK === ELEMENTS_PER_CHUNK - 1) yield take();
  }
  xml.up().up().end();
  yield take();
}

type Builder = ReturnType<typeof createCB>;

/** A key's id says what it is for (`node.kind`), so that a reader of the file needs no lookup. */
function keyId(element: 'node' | 'edge', name: string): string {
  return `${element}.${name}`;
}

function writeKeys<Row>(xml: Builder, element: 'node' | 'edge', specs: ReadonlyArray<AttributeSpec<Row>>): void {
  for (const { name, type, list, description } of specs) {
    // GraphML has no lists: a list is its joined text.
    const graphmlType = list ? 'string' : type;
    xml.ele('key', { id: keyId(element, name), for: element, 'attr.name': name, 'attr.type': graphmlType });
    xml.ele('desc').txt(description).up();
    xml.up();
  }
}

function writeData<Row extends ExportNode | ExportEdge>(
  xml: Builder,
  element: 'node' | 'edge',
  specs: ReadonlyArray<AttributeSpec<Row>>,
  row: Row,
): void {
  for (const spec of specs) {
    const value = flatValue(spec, row);
    if (value !== null)
      xml
        .ele('data', { key: keyId(element, spec.name) })
        .txt(String(value))
        .up();
  }
}
