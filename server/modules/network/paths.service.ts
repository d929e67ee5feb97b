import { BadUserInputError } from '../../common/errors';
import type { RecordKind } from '../../common/record-kind';
import type { RowReader } from '../../common/rows';
import { recordRefOf, type RecordRef } from './graph-records';
import type { RelationshipLabel } from './relationship-label';

/** The longest path asked for: six hops already reach most of the graph from anywhere in it. */
export const MAX_HOPS = 6;
/** The most paths asked for at once. */
export const MAX_PATHS = 10;

/** One edge walked: forwards (from its source to its target) or backwards (from its target to its source). */
export interface PathStepData {
  from: PathNodeData;
  to: PathNodeData;
  label: RelationshipLabel;
  forward: boolean;
  year: number | null;
}

/** A record on a path, with what the graph calls it ("Trikala"). */
export interface PathNodeData extends RecordRef {
  label: string;
}

export interface PathData {
  nodes: PathNodeData[];
  steps: PathStepData[];
}

export interface PathsRequest {
  from: string;
  to: string;
  maxHops: number;
  first: number;
}

/**
 * The shortest paths between two records, edges walked either way: every path of the least length there is, up
 * to `maxHops`, at most `first` of them; none when the records are further apart; one of length 0 from a record
 * to itself. Ids of other types, or of records that do not exist, and limits out of range are BAD_USER_INPUT.
 *
 * One statement, in SQL over the graph's edges, whatever the graph's size (see PATHS_SQL).
 */
export async function findPaths(rows: RowReader, request: PathsRequest): Promise<PathData[]> {
  const from = recordRefOf(request.from, ['from']);
  const to = recordRefOf(request.to, ['to']);
  if (!Number.isInteger(request.maxHops) || request.maxHops < 0 || request.maxHops > MAX_HOPS) {
    throw new BadUserInputError(`\`maxHops\` must be from 0 to ${MAX_HOPS} (got ${request.maxHops}).`, ['maxHops']);
  }
  if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_PATHS) {
    throw new BadUserInputError(`\`first\` must be from 1 to ${MAX_PATHS} (got ${request.first}).`, ['first']);
  }
  const [answer] = await rows.sql<{
    from_exists: boolean;
    to_exists: boolean;
    paths: PathRow[] | string;
    labels: LabelRow[] | string;
  }>(PATHS_SQL, [from.kind, from.id, to.kind, to.id, request.maxHops, request.first]);
  for (const [end, exists] of [
    ['from', answer.from_exists],
    ['to', answer.to_exists],
  ] as const) {
    if (!exists) throw new BadUserInputError(`\`${end}\` names no record: "${request[end]}" does not exist.`, [end]);
  }
  const labels = new Map(parsed(answer.labels).map((row) => [`${row.kind}:${row.id}`, row.label]));
  return parsed(answer.paths).map(({ nodes, steps }) => {
    const refs = nodes.map(([kind, id]) => ({ kind, id, label: labels.get(`${kind}:${id}`) ?? '' }));
    return {
      nodes: refs,
      steps: steps.map((step, index) => ({ ...step, from: refs[index], to: refs[index + 1] })),
    };
  });
}

interface LabelRow extends RecordRef {
  label: string;
}

/** Drivers hand `json` columns back parsed (pg) or as text (some poolers); both are taken. */
function parsed<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

interface PathRow {
  nodes: Array<[RecordKind, number]>;
  steps: Array<{ label: RelationshipLabel; forward: boolean; year: number | null }>;
}

/**
 * The edges of the record `at` (a row of the query with `kind` and `id`), taken either way: `kind`, `id` of the
 * record at the other end, and the edge's `label`, `forward` (walked from its source to its target) and `year`.
 * Read from `relationship_edge` through its two indexes, so that each step reads only these rows.
 */
function edgesOf(at: string): string {
  return `(
      select e.target_kind as kind, e.target_id as id, e.label, true as forward, e.year
        from relationship_edge e where e.source_kind = ${at}.kind and e.source_id = ${at}.id
      union all
      select e.source_kind, e.source_id, e.label, false, e.year
        from relationship_edge e where e.target_kind = ${at}.kind and e.target_id = ${at}.id
    )`;
}

/**
 * Step 1 below for one end: the records within `radius` (an expression over `params`) hops of the record in the
 * `params` columns `kindColumn` and `idColumn`, each with the depth it was reached at.
 */
function reach(name: string, kindColumn: string, idColumn: string, radius: string): string {
  return `${name}(kind, id, depth) as (
  select ${kindColumn}, ${idColumn}, 0 from params
  union
  select n.kind, n.id, r.depth + 1
    from ${name} r cross join lateral ${edgesOf('r')} as n
   where r.depth < (select ${radius} from params)
)`;
}

/**
 * Step 3 below for one end: from the meeting records back towards that end (`distances`: its `from_distance` or
 * `to_distance`), each step one nearer to it, with that distance.
 */
function backFromMeeting(name: string, distances: 'from_distance' | 'to_distance'): string {
  return `${name}(kind, id, distance) as (
  select kind, id, ${distances} from meet
  union
  select u.kind, u.id, u.distance
    from ${name} v cross join lateral ${edgesOf('v')} as n
    join ${distances} u on (u.kind, u.id) = (n.kind, n.id) and u.distance = v.distance - 1
)`;
}

/**
 * Bounded at any size of graph, as a bidirectional breadth-first search is, over `relationship_edge` (the
 * `relationship` view's edges, indexed from both ends; see its migration):
 *  1. each record's distance from `from` up to ⌈maxHops/2⌉ hops, and from `to` up to ⌊maxHops/2⌋ (recursive:
 *     rows (record, depth), which UNION keeps once), over the edges taken both ways. A path of length L ≤
 *     maxHops has a record within both reaches (the one min(L, ⌈maxHops/2⌉) steps from `from`), so
 *  2. L is the least sum of a record's two distances over the records both reached (`meet`: those summing to L);
 *  3. the records on shortest paths: from the meeting records back towards `from`, each step one nearer to it
 *     (`from_part`), and on towards `to` likewise (`to_part`); each with its distance from `from`;
 *  4. the paths themselves, walked from `from` along the edges between those records, each step one further
 *     from `from`: every such walk ends at `to`, and no other path is as short. Walks are taken in a fixed order
 *     (by the rank of each step among its alternatives) and a walk whose ranks add up to `first` or more is
 *     dropped: the first `first` walks in that order never are (each one's ranks add up to at most one more than
 *     the one before it), and at most C(first + L - 1, L) walks are ever built, however many shortest paths the
 *     graph holds.
 * The records' existence, and the labels of the records on the paths, come back in the same statement, from one
 * reading of `related_record` by id.
 */
const PATHS_SQL = `
with recursive
params as (
  select ?::text as from_kind, ?::int as from_id, ?::text as to_kind, ?::int as to_id,
         ?::int as max_hops, ?::int as first
),
${reach('from_reach', 'from_kind', 'from_id', '(max_hops + 1) / 2')},
${reach('to_reach', 'to_kind', 'to_id', 'max_hops / 2')},
from_distance as (select kind, id, min(depth) as distance from from_reach group by kind, id),
to_distance as (select kind, id, min(depth) as distance from to_reach group by kind, id),
meeting as (
  select min(f.distance + t.distance) as length from from_distance f join to_distance t using (kind, id)
),
meet as (
  select f.kind, f.id, f.distance as from_distance, t.distance as to_distance
    from from_distance f join to_distance t using (kind, id) cross join meeting m
   where f.distance + t.distance = m.length
),
${backFromMeeting('from_part', 'from_distance')},
${backFromMeeting('to_part', 'to_distance')},
on_shortest as (
  select kind, id, distance from from_part
  union
  select t.kind, t.id, m.length - t.distance from to_part t cross join meeting m
),
shortest_edge as (
  select a.kind, a.id, n.kind as next_kind, n.id as next_id, n.label, n.forward, n.year
    from on_shortest a cross join lateral ${edgesOf('a')} as n
    join on_shortest b on (b.kind, b.id) = (n.kind, n.id) and b.distance = a.distance + 1
),
walk(kind, id, depth, nodes, steps, ranks, excess) as (
  select p.from_kind, p.from_id, 0, jsonb_build_array(jsonb_build_array(p.from_kind, p.from_id)), '[]'::jsonb,
         array[]::int[], 0
    from params p cross join meeting m
   where m.length is not null
  union all
  select n.next_kind, n.next_id, w.depth + 1,
         w.nodes || jsonb_build_array(jsonb_build_array(n.next_kind, n.next_id)),
         w.steps || jsonb_build_array(jsonb_build_object('label', n.label, 'forward', n.forward, 'year', n.year)),
         w.ranks || n.rank, w.excess + n.rank - 1
    from walk w
    cross join lateral (
      select e.next_kind, e.next_id, e.label, e.forward, e.year,
             (row_number() over (order by e.next_kind, e.next_id, e.label, e.forward))::int as rank
        from shortest_edge e
       where e.kind = w.kind and e.id = w.id
       limit (select first from params)
    ) as n
   where w.excess + n.rank - 1 < (select first from params)
),
found as (
  select w.nodes, w.steps, w.ranks
    from walk w cross join meeting m
   where w.depth = m.length and (w.kind, w.id) = (select to_kind, to_id from params)
   order by w.ranks
   limit (select first from params)
),
path_record as (
  select distinct n ->> 0 as kind, (n ->> 1)::int as id from found f cross join jsonb_array_elements(f.nodes) as n
),
asked(kind, id) as (select from_kind, from_id from params union select to_kind, to_id from params),
-- One reading of related_record for both ends and every record on the paths: by id first (an array, which
-- PostgreSQL passes into every branch of the view, to its primary key), then by kind and id. Planning the view
-- once rather than per kind keeps the statement's planning short.
labelled as (
  select r.kind, r.id, r.label from related_record r
   where r.id = any(array(select id from path_record union select id from asked))
     and (r.kind, r.id) in (select kind, id from path_record union select kind, id from asked)
)
select
  exists (select 1 from labelled l, params p where (l.kind, l.id) = (p.from_kind, p.from_id)) as from_exists,
  exists (select 1 from labelled l, params p where (l.kind, l.id) = (p.to_kind, p.to_id)) as to_exists,
  (select coalesce(json_agg(json_build_object('nodes', f.nodes, 'steps', f.steps) order by f.ranks), '[]')
     from found f) as paths,
  (select coalesce(json_agg(json_build_object('kind', l.kind, 'id', l.id, 'label', l.label)), '[]')
     from labelled l where (l.kind, l.id) in (select kind, id from path_record)
  ) as labels`;
