import { BadUserInputError } from '../../common/errors';
import { RecordKind } from '../../common/record-kind';
import type { RowReader } from '../../common/rows';
import type { GraphData, GraphEdgeData, GraphFilterData, GraphNodeData } from './graph.types';
import { globalIdOf, type RecordRef } from './graph-records';
import { RelationshipLabel, textOf } from './relationship-label';

/** At most this many countries, themes or kinds in one filter: more would name records that do not exist. */
export const MAX_FILTER_VALUES = 100;

type ArgumentPath = ReadonlyArray<string | number>;

/**
 * The filter as the graph's SQL takes it, checked: country codes upper-case, theme slugs trimmed and lower-case,
 * each known to the database; fromYear not after toYear. Every refusal is BAD_USER_INPUT naming the value
 * (`filter.countries.1`, under `argumentPath`), whether the filter came as GraphQL arguments or as the export
 * endpoint's query parameters. One statement, and only when the filter names countries or themes.
 */
export async function checkGraphFilter(
  rows: RowReader,
  filter: GraphFilterData | null | undefined,
  argumentPath: ArgumentPath = ['filter'],
): Promise<GraphFilterData> {
  const checked: GraphFilterData = {
    kinds: filter?.kinds ?? null,
    fromYear: filter?.fromYear ?? null,
    toYear: filter?.toYear ?? null,
    countries: filter?.countries?.map((code) => code.trim().toUpperCase()) ?? null,
    themes: filter?.themes?.map((slug) => slug.trim().toLowerCase()) ?? null,
  };
  for (const field of ['kinds', 'countries', 'themes'] as const) {
    const values = checked[field];
    if (values && values.length > MAX_FILTER_VALUES) {
      throw new BadUserInputError(`\`${field}\` may hold at most ${MAX_FILTER_VALUES} values (got ${values.length}).`, [
        ...argumentPath,
        field,
      ]);
    }
  }
  checked.kinds?.forEach((kind, index) => {
    if (!Object.values(RecordKind).includes(kind)) {
      throw new BadUserInputError(
        `"${String(kind)}" is not a record kind: use one of ${Object.values(RecordKind).join(', ')}.`,
        [...argumentPath, 'kinds', index],
      );
    }
  });
  for (const field of ['fromYear', 'toYear'] as const) {
    const year = checked[field];
    if (year != null && (!Number.isInteger(year) || year < 1000 || year > 9999)) {
      throw new BadUserInputError(`\`${field}\` must be a year of four digits, e.g. 2016 (got ${year}).`, [
        ...argumentPath,
        field,
      ]);
    }
  }
  if (checked.fromYear != null && checked.toYear != null && checked.fromYear > checked.toYear) {
    throw new BadUserInputError(
      `\`fromYear\` (${checked.fromYear}) is after \`toYear\` (${checked.toYear}): give a range such as 2012 to 2016.`,
      [...argumentPath, 'fromYear'],
    );
  }
  if (checked.countries?.length || checked.themes?.length) {
    const known = await rows.sql<{ facet: 'countries' | 'themes'; value: string }>(
      `select 'countries' as facet, code as value from country
        where code in (select jsonb_array_elements_text(?::jsonb))
       union all
       select 'themes', slug from theme where slug in (select jsonb_array_elements_text(?::jsonb))`,
      [JSON.stringify(checked.countries ?? []), JSON.stringify(checked.themes ?? [])],
    );
    for (const field of ['countries', 'themes'] as const) {
      const found = new Set(known.filter((row) => row.facet === field).map((row) => row.value));
      checked[field]?.forEach((value, index) => {
        if (!found.has(value)) {
          throw new BadUserInputError(
            field === 'countries'
              ? `"${value}" is not the ISO 3166-1 alpha-2 code of a country in the dataset (e.g. "GR").`
              : `"${value}" is not the slug of a theme (e.g. "cybersecurity").`,
            [...argumentPath, field, index],
          );
        }
      });
    }
  }
  return checked;
}

/**
 * The records of the kinds asked for, in the years asked for, in the countries and on the themes asked for, with
 * every edge between two of them and the degree of each in that graph. A record passes the country condition when
 * it is in one of the countries, or has no country and an edge to a record in one (a theme linked to an Italian
 * conference's topic); the theme condition alike. Dated records pass the years when one of their years is in the
 * range, dated edges when their year is; undated ones always do.
 *
 * One statement for the whole graph (two with a country or theme filter to check), whatever its size: the SQL
 * filters, joins and counts, and the rows come back as two JSON arrays.
 */
export async function loadGraph(rows: RowReader, filter: GraphFilterData | null | undefined): Promise<GraphData> {
  const checked = await checkGraphFilter(rows, filter);
  const [answer] = await rows.sql<{ nodes: GraphNodeRow[]; edges: GraphEdgeRow[] }>(GRAPH_SQL, [
    checked.fromYear,
    checked.toYear,
    jsonOrNull(checked.countries),
    jsonOrNull(checked.themes),
    jsonOrNull(checked.kinds),
  ]);
  const nodes: GraphNodeData[] = parsed(answer.nodes).map((row) => ({
    id: globalIdOf(row),
    kind: row.kind,
    label: row.label,
    degree: row.degree,
    country: row.country,
    years: row.years,
    themes: row.themes,
  }));
  const edges: GraphEdgeData[] = parsed(answer.edges).map((row) => {
    const source = globalIdOf({ kind: row.sourceKind, id: row.sourceId });
    const target = globalIdOf({ kind: row.targetKind, id: row.targetId });
    return {
      id: edgeId(row.label, source, target),
      source,
      target,
      label: row.label,
      text: textOf(row.label),
      year: row.year,
    };
  });
  return { nodes, edges };
}

/** An edge's id: its label and ends, which the view never repeats. */
export function edgeId(label: RelationshipLabel, source: string, target: string): string {
  return `${label}:${source}:${target}`;
}

interface GraphNodeRow extends RecordRef {
  label: string;
  country: string | null;
  years: number[];
  themes: string[];
  degree: number;
}

interface GraphEdgeRow {
  sourceKind: RecordKind;
  sourceId: number;
  targetKind: RecordKind;
  targetId: number;
  label: RelationshipLabel;
  year: number | null;
}

function jsonOrNull(values: readonly string[] | null | undefined): string | null {
  return values ? JSON.stringify(values) : null;
}

/** Drivers hand `json` columns back parsed (pg) or as text (some poolers); both are taken. */
function parsed<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

const GRAPH_SQL = `
with
facet as (
  select ?::int as from_year, ?::int as to_year, ?::jsonb as countries, ?::jsonb as themes, ?::jsonb as kinds
),
dated_edge as (
  select e.* from relationship e, facet f
   where e.year is null or (e.year >= coalesce(f.from_year, e.year) and e.year <= coalesce(f.to_year, e.year))
),
neighbour as (
  select source_kind as kind, source_id as id, target_kind as other_kind, target_id as other_id from dated_edge
  union all
  select target_kind, target_id, source_kind, source_id from dated_edge
),
in_country as (
  select r.kind, r.id from related_record r, facet f
   where f.countries is null or r.country in (select jsonb_array_elements_text(f.countries))
),
on_theme as (
  select r.kind, r.id from related_record r, facet f
   where f.themes is null or r.themes && array(select jsonb_array_elements_text(f.themes))
),
kept as (
  select r.kind, r.id, r.label, r.country, r.years, r.themes from related_record r, facet f
   where (f.kinds is null or r.kind in (select jsonb_array_elements_text(f.kinds)))
     and (cardinality(r.years) = 0
          or exists (select 1 from unnest(r.years) as y
                      where y >= coalesce(f.from_year, y) and y <= coalesce(f.to_year, y)))
     and ((r.kind, r.id) in (select kind, id from in_country)
          or (r.country is null
              and exists (select 1 from neighbour n join in_country c on (c.kind, c.id) = (n.other_kind, n.other_id)
                           where (n.kind, n.id) = (r.kind, r.id))))
     and ((r.kind, r.id) in (select kind, id from on_theme)
          or (cardinality(r.themes) = 0
              and exists (select 1 from neighbour n join on_theme t on (t.kind, t.id) = (n.other_kind, n.other_id)
                           where (n.kind, n.id) = (r.kind, r.id))))
),
kept_edge as (
  select e.* from dated_edge e
   where (e.source_kind, e.source_id) in (select kind, id from kept)
     and (e.target_kind, e.target_id) in (select kind, id from kept)
),
degree as (
  select kind, id, count(*)::int as degree from (
    select source_kind as kind, source_id as id from kept_edge
    union all
    select target_kind, target_id from kept_edge
  ) as ends group by kind, id
)
select
  (select coalesce(json_agg(json_build_object(
            'kind', k.kind, 'id', k.id, 'label', k.label, 'country', k.country, 'years', k.years,
            'themes', k.themes, 'degree', coalesce(d.degree, 0))
          order by k.kind, k.id), '[]')
     from kept k left join degree d on (d.kind, d.id) = (k.kind, k.id)) as nodes,
  (select coalesce(json_agg(json_build_object(
            'sourceKind', e.source_kind, 'sourceId', e.source_id, 'targetKind', e.target_kind,
            'targetId', e.target_id, 'label', e.label, 'year', e.year)
          order by e.label, e.source_kind, e.source_id, e.target_kind, e.target_id), '[]')
     from kept_edge e) as edges`;
