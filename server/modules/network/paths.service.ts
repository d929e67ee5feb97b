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
 * One statement, in SQL over the `relationship` view, whatever the graph's size (see PATHS_SQL).
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
 * Bounded at any size of graph, as a bidirectional breadth-first search is:
 *  1. each record's distance from `from` and from `to` (recursive: rows (record, depth), which UNION keeps once,
 *     stopping at maxHops), over the edges taken both ways;
 *  2. the least length L where the two meet (the sum of a record's two distances);
 *  3. the paths themselves, walked from `from` along the edges between records whose two distances add up to L
 *     (the only records on a shortest path), each step one further from `from`: every such walk ends at `to`, and no other path is as short. Walks are taken in
 *     a fixed order (by the rank of each step among its alternatives) and a walk whose ranks add up to `first`
 *     or more is dropped: the first `first` walks in that order never are (each one's ranks add up to at most one
 *     more than the one before it), and at most C(first + L - 1, L) walks are ever built, however many shortest
 *     paths the graph holds.
 * The records' existence, and the labels of the records on the paths, come back in the same statement.
 */
const PATHS_SQL = `
with recursive
params as (
  select ?::text as from_kind, ?::int as from_id, ?::text as to_kind, ?::int as to_id,
         ?::int as max_hops, ?::int as first
),
edge as (
  select source_kind as kind, source_id as id, target_kind as next_kind, target_id as next_id, label, year,
         true as forward
    from relationship
  union all
  select target_kind, target_id, source_kind, source_id, label, year, false from relationship
),
from_reach(kind, id, depth) as (
  select from_kind, from_id, 0 from params
  union
  select e.next_kind, e.next_id, r.depth + 1
    from from_reach r join edge e on e.kind = r.kind and e.id = r.id
   where r.depth < (select max_hops from params)
),
to_reach(kind, id, depth) as (
  select to_kind, to_id, 0 from params
  union
  select e.next_kind, e.next_id, r.depth + 1
    from to_reach r join edge e on e.kind = r.kind and e.id = r.id
   where r.depth < (select max_hops from params)
),
from_distance as (select kind, id, min(depth) as distance from from_reach group by kind, id),
to_distance as (select kind, id, min(depth) as distance from to_reach group by kind, id),
meeting as (
  select min(f.distance + t.distance) as length
    from from_distance f join to_distance t using (kind, id)
   where f.distance + t.distance <= (select max_hops from params)
),
on_shortest as (
  select f.kind, f.id, f.distance
    from from_distance f join to_distance t using (kind, id) cross join meeting m
   where f.distance + t.distance = m.length
),
shortest_edge as (
  select e.*
    from edge e
    join on_shortest a on a.kind = e.kind and a.id = e.id
    join on_shortest b on b.kind = e.next_kind and b.id = e.next_id and b.distance = a.distance + 1
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
)
select
  exists (select 1 from related_record r, params p where (r.kind, r.id) = (p.from_kind, p.from_id)) as from_exists,
  exists (select 1 from related_record r, params p where (r.kind, r.id) = (p.to_kind, p.to_id)) as to_exists,
  (select coalesce(json_agg(json_build_object('nodes', f.nodes, 'steps', f.steps) order by f.ranks), '[]')
     from found f) as paths,
  (select coalesce(json_agg(json_build_object('kind', r.kind, 'id', r.id, 'label', r.label)), '[]')
     from related_record r
    where (r.kind, r.id) in (select n ->> 0, (n ->> 1)::int from found f cross join jsonb_array_elements(f.nodes) as n)
  ) as labels`;
