import { Readable } from 'node:stream';
import { MultiDirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import type { GraphData } from '../graph.types';
import type { ExportAbout } from './export.about';
import { EDGE_ATTRIBUTES, exportEdge, exportNode, NODE_ATTRIBUTES, type AttributeSpec } from './export.attributes';

type Value = string | number | string[];

/**
 * GEXF 1.2, Gephi's own format, written by graphology-gexf from a graphology graph (multi and directed: two
 * records may be linked by more than one relationship). Its `label` attributes become the GEXF labels of nodes
 * and edges; the lists (years, themes) are GEXF `liststring`s, which Gephi filters as lists and NetworkX reads as
 * the same `a|b` text as the other formats. graphology-gexf writes one string, so this format is not streamed: it
 * is sent as soon as it is written.
 */
export function gexfStream(graph: GraphData, about: ExportAbout): Readable {
  const model = new MultiDirectedGraph<Record<string, Value>, Record<string, Value>>();
  model.replaceAttributes({ creator: 'MCE graph', description: about.title });
  for (const node of graph.nodes) {
    const row = exportNode(node);
    model.addNode(row.id, gexfAttributes(NODE_ATTRIBUTES, row));
  }
  for (const edge of graph.edges) {
    const row = exportEdge(edge);
    model.addEdgeWithKey(row.id, row.source, row.target, gexfAttributes(EDGE_ATTRIBUTES, row));
  }
  return Readable.from([write(model, { version: '1.2', pretty: true })]);
}

/**
 * Only the attributes that have a value (an absent one is written as no `attvalue` at all); lists as lists of
 * text, which graphology-gexf declares `liststring` (a `listinteger` NetworkX cannot read).
 */
function gexfAttributes<Row>(specs: ReadonlyArray<AttributeSpec<Row>>, row: Row): Record<string, Value> {
  const attributes: Record<string, Value> = {};
  for (const { name } of specs) {
    const value = row[name] as unknown;
    if (Array.isArray(value)) {
      if (value.length) attributes[name] = value.map(String);
    } else if (value !== null && value !== undefined) attributes[name] = value as string | number;
  }
  return attributes;
}
