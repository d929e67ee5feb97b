import { Readable } from 'node:stream';
import type { GraphData } from '../graph.types';
import type { ExportAbout } from './export.about';

/**
 * The graph as JSON: the nodes and edges exactly as the `graph` query answers them (graph.types.ts), lists as
 * lists, in the node-link layout NetworkX reads as it is (`nx.node_link_graph(data, edges="edges")`; in
 * NetworkX 2.x `link="edges"`): `directed` and `multigraph` say what kind of graph it is, `graph` what was
 * exported. Written a few hundred elements at a time, never as one string.
 */
const ELEMENTS_PER_CHUNK = 200;

export function jsonStream(graph: GraphData, about: ExportAbout): Readable {
  return Readable.from(jsonChunks(graph, about));
}

function* jsonChunks(graph: GraphData, about: ExportAbout): Generator<string> {
  const header = { directed: true, multigraph: true, graph: { title: about.title, filter: about.filter } };
  yield `${JSON.stringify(header).slice(0, -1)},\n"nodes":[`;
  yield* elements(graph.nodes);
  yield '],\n"edges":[';
  yield* elements(graph.edges);
  yield ']}\n';
}

function* elements(items: readonly object[]): Generator<string> {
  for (let start = 0; start < items.length; start += ELEMENTS_PER_CHUNK) {
    const chunk = items.slice(start, start + ELEMENTS_PER_CHUNK).map((item) => JSON.stringify(item));
    yield `${start ? ',' : ''}\n${chunk.join(',\n')}`;
  }
}
