import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Node } from '../../common/base.entity';
import type { RequestContext } from '../../context';
import { Graph, GraphFilter, GraphNode } from './graph.objects';
import { loadGraph } from './graph.service';
import { recordOf } from './records.loader';
import { recordRefOf } from './graph-records';

/**
 * What a whole graph may cost: it returns every record and edge there are (hundreds on the seeded dataset, many
 * more at scale), so each field asked of its nodes and edges counts as if for GRAPH_SIZE_ESTIMATE of them.
 */
export const GRAPH_SIZE_ESTIMATE = 500;

@Resolver(() => Graph)
export class GraphResolver {
  @Query(() => Graph, {
    description:
      'The relationship graph: records of the kinds in RecordKind as nodes, their links as labelled edges (e.g. Larissa HOSTED the 2022 conference), filtered by kind, years, countries and themes. Costs as many points as 500 records times the fields asked of each.',
    complexity: ({ childComplexity }) => 1 + GRAPH_SIZE_ESTIMATE * Math.max(childComplexity, 1),
  })
  async graph(
    @Arg('filter', () => GraphFilter, {
      nullable: true,
      description: 'Which part of the graph, e.g. { countries: ["GR"] }; the whole graph when left out.',
    })
    filter: GraphFilter | null | undefined,
    @Ctx() { rows }: RequestContext,
  ): Promise<Graph> {
    const graph = await loadGraph(rows, filter);
    return { ...graph, nodeCount: graph.nodes.length, edgeCount: graph.edges.length };
  }
}

@Resolver(() => GraphNode)
export class GraphNodeResolver {
  @FieldResolver(() => Node, { description: 'The record itself, e.g. the City named "Trikala".' })
  record(@Root() node: GraphNode, @Ctx() ctx: RequestContext) {
    return recordOf(ctx, recordRefOf(node.id, ['id']));
  }
}
