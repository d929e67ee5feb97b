import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Graph, GraphFilter, GraphNode } from './graph.objects';
import { loadGraph } from './graph.service';
import { recordOf } from './records.loader';
import { globalIdOf, GraphRecord, recordRefOf } from './graph-records';
import { Path, PathStep, StepDirection } from './paths.objects';
import { findPaths, MAX_HOPS, MAX_PATHS, type PathData } from './paths.service';
import { textOf } from './relationship-label';
import { edgeId } from './graph.service';

/**
 * What a whole graph may cost: it returns every record and edge there are (hundreds on the seeded dataset, many
 * more at scale), so each field asked of its nodes and edges counts as if for GRAPH_SIZE_ESTIMATE of them.
 */
export const GRAPH_SIZE_ESTIMATE = 500;

const DEFAULT_HOPS = 4;
const DEFAULT_PATHS = 3;

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
  @FieldResolver(() => GraphRecord, { description: 'The record itself, e.g. the City named "Trikala".' })
  record(@Root() node: GraphNode, @Ctx() ctx: RequestContext) {
    return recordOf(ctx, recordRefOf(node.id, ['id']));
  }
}

@Resolver(() => Path)
export class PathsResolver {
  @Query(() => [Path], {
    description: `The shortest connections between two records through the relationship graph, edges walked either way: every path of the least length there is (up to \`maxHops\`), at most \`first\` of them, e.g. Trikala → Greece → Larissa. Empty when the two are further apart; one path of length 0 from a record to itself. Costs \`first\` × (\`maxHops\` + 1) times the fields asked of each step.`,
    complexity: ({ args, childComplexity }) =>
      1 +
      Number(args.first ?? DEFAULT_PATHS) * (Number(args.maxHops ?? DEFAULT_HOPS) + 1) * Math.max(childComplexity, 1),
  })
  async paths(
    @Arg('from', () => ID, { description: "Global id of the record to start from, e.g. the city of Trikala's." })
    from: string,
    @Arg('to', () => ID, { description: "Global id of the record to reach, e.g. the city of Larissa's." })
    to: string,
    @Arg('maxHops', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_HOPS,
      description: `The longest path to look for, from 0 to ${MAX_HOPS} steps.`,
    })
    maxHops: number | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_PATHS,
      description: `How many of the equally short paths to answer, from 1 to ${MAX_PATHS}.`,
    })
    first: number | null,
    @Ctx() { rows }: RequestContext,
  ): Promise<Path[]> {
    const paths = await findPaths(rows, { from, to, maxHops: maxHops ?? DEFAULT_HOPS, first: first ?? DEFAULT_PATHS });
    return paths.map(pathObject);
  }

  @FieldResolver(() => [GraphRecord], {
    description: 'The records along the path, from `from` to `to`: one more than its steps.',
  })
  nodes(@Root() path: Path, @Ctx() ctx: RequestContext) {
    return path.nodeRefs.map((ref) => recordOf(ctx, ref));
  }
}

@Resolver(() => PathStep)
export class PathStepResolver {
  @FieldResolver(() => GraphRecord, { description: 'The record the step leaves, e.g. Greece.' })
  from(@Root() step: PathStep, @Ctx() ctx: RequestContext) {
    return recordOf(ctx, step.fromRef);
  }

  @FieldResolver(() => GraphRecord, { description: 'The record the step reaches, e.g. Larissa.' })
  to(@Root() step: PathStep, @Ctx() ctx: RequestContext) {
    return recordOf(ctx, step.toRef);
  }
}

/** A path as the API answers it: steps in words, their direction, the edge walked; records resolved on demand. */
function pathObject(path: PathData): Path {
  return {
    nodeRefs: path.nodes,
    length: path.steps.length,
    steps: path.steps.map((step) => {
      const [source, target] = step.forward ? [step.from, step.to] : [step.to, step.from];
      return {
        fromRef: step.from,
        toRef: step.to,
        label: step.label,
        text: textOf(step.label),
        direction: step.forward ? StepDirection.FORWARD : StepDirection.BACKWARD,
        sentence: `${source.label} ${textOf(step.label)} ${target.label}`,
        year: step.year,
        edgeId: edgeId(step.label, globalIdOf(source), globalIdOf(target)),
      };
    }),
  };
}
