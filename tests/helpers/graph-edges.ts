/**
 * How far the graph's edge table (`relationship_edge`) is from the `relationship` view it materialises: the
 * view's edges it lacks and the edges it has that the view does not, as multisets, and how many it holds. One
 * statement, for any SQL runner (the ORM's connection, a knex transaction).
 */
export const EDGE_TABLE_AGAINST_VIEW_SQL = (() => {
  const columns = 'source_kind, source_id, target_kind, target_id, label, year';
  return `select
    (select count(*)::int from (select ${columns} from relationship except all
                                select ${columns} from relationship_edge) as d) as missing,
    (select count(*)::int from (select ${columns} from relationship_edge except all
                                select ${columns} from relationship) as d) as extra,
    (select count(*)::int from relationship_edge) as edges`;
})();

export interface EdgeTableDifference {
  missing: number;
  extra: number;
  edges: number;
}
