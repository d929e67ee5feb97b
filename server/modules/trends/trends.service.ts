import type DataLoader from 'dataloader';
import { BadUserInputError } from '../../common/errors';
import { groupBy } from '../../common/loaders';
import type { RowReader } from '../../common/rows';
import { EVENT_YEARS } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Theme, Topic } from '../theme/theme.entity';
import { DEFAULT_APPEARANCES, DEFAULT_MIN_COUNT, DEFAULT_PAIRS } from './trends.inputs';
import type { ThemeAppearance, ThemePair, ThemeYear } from './trends.types';

/**
 * Themes over time, in SQL. A theme appears in a year when a topic under it is on the programme of that year's
 * conference (announced ones included: the 2021 programme is the association's own) or of a workshop held that
 * year; a workshop without a date is an appearance with no year. Each per-theme field is one statement for every
 * theme of the request, through a loader.
 */

/** Ids as one array binding, so that the SQL text is the same however many there are. */
function idArray(ids: readonly number[]): string {
  return `{${ids.map((id) => Math.trunc(id)).join(',')}}`;
}

/** Every topic with the year and date of its conference or workshop: the one place that says when a topic was. */
const TOPIC_WHEN = `
  select tp.*,
         coalesce(c.year, cast(extract(year from w.held_on) as int)) as appearance_year,
         to_char(coalesce(c.start_date, w.held_on), 'YYYY-MM-DD') as appearance_date,
         w.title as workshop_title
    from topic tp
    left join conference c on c.id = tp.conference_id
    left join workshop w on w.id = tp.workshop_id`;

/** Each theme's distinct years, as (theme, year) rows. */
const THEME_YEARS = `select distinct theme_id, appearance_year as year from (${TOPIC_WHEN}) dated
                      where appearance_year is not null`;

type TimelineRow = Record<string, unknown> & {
  theme_id: number;
  appearance_year: number | null;
  appearance_date: string | null;
};

/**
 * The first `take` appearances of each theme, by year (undated workshops last), date and position in the
 * programme.
 */
async function timelines(rows: RowReader, themeIds: number[], take: number): Promise<Map<number, ThemeAppearance[]>> {
  const found = await rows.sql<TimelineRow>(
    `select * from (
       select topic_when.*,
              row_number() over (
                partition by theme_id
                order by appearance_year nulls last, appearance_date nulls first, workshop_title, position, id
              ) as rank
         from (${TOPIC_WHEN}) topic_when
        where theme_id = any(cast(? as int[]))
     ) ranked
     where rank <= ?
     order by theme_id, rank`,
    [idArray(themeIds), take],
  );
  const topics = rows.materialise(Topic, found);
  const appearances = found.map((row, index) => ({
    themeId: row.theme_id,
    appearance: { year: row.appearance_year, date: row.appearance_date, topic: topics[index] },
  }));
  return groupBy(
    appearances,
    (item) => item.themeId,
    (item) => item.appearance,
  );
}

export function themeTimeline(
  ctx: RequestContext,
  themeId: number,
  first: number | null | undefined,
): Promise<ThemeAppearance[]> {
  const take = checkedFirst(ctx, first ?? DEFAULT_APPEARANCES);
  return perThemeLoader(ctx, `Theme.timeline|${take}`, (ids) => timelines(ctx.rows, ids, take)).load(themeId);
}

/** The distinct years each theme appeared in, ascending. */
async function yearsOfThemes(rows: RowReader, themeIds: number[]): Promise<Map<number, number[]>> {
  const found = await rows.sql<{ theme_id: number; year: number }>(
    `select theme_id, year from (${THEME_YEARS}) years
      where theme_id = any(cast(? as int[]))
      order by theme_id, year`,
    [idArray(themeIds)],
  );
  return groupBy(
    found,
    (row) => row.theme_id,
    (row) => row.year,
  );
}

/** `years`, `firstYear`, `lastYear` and `recurs` share one statement for all themes of the request. */
export function yearsOfTheme(ctx: RequestContext, themeId: number): Promise<number[]> {
  return perThemeLoader(ctx, 'Theme.years', (ids) => yearsOfThemes(ctx.rows, ids)).load(themeId);
}

/**
 * Pairs of themes with topics at the same conference (workshops have one topic each, so they pair nothing):
 * `first_id` names the theme first in name order. Counted per conference, however many topics each had there.
 */
const PAIRS = `
  with shared as (
    select distinct a.theme_id as first_id, b.theme_id as second_id, a.conference_id
      from topic a
      join topic b on b.conference_id = a.conference_id
      join theme ta on ta.id = a.theme_id
      join theme tb on tb.id = b.theme_id
     where ta.name < tb.name
  )
  select s.first_id, s.second_id, ta.name as first_name, tb.name as second_name,
         cast(count(*) as int) as count,
         array_agg(s.conference_id order by c.year) as conference_ids
    from shared s
    join conference c on c.id = s.conference_id
    join theme ta on ta.id = s.first_id
    join theme tb on tb.id = s.second_id
   group by s.first_id, s.second_id, ta.name, tb.name
  having count(*) >= ?`;

type PairRow = { first_id: number; second_id: number; count: number; conference_ids: number[] };

function pairOf(row: PairRow): ThemePair {
  return { count: row.count, themeIds: [row.first_id, row.second_id], conferenceIds: row.conference_ids };
}

export interface PairOptions {
  minCount?: number | null;
  first?: number | null;
}

/**
 * The themes that appear together most, by count (most first), then by the two names; with `themeSlug`, only the
 * pairs that theme is in (none for a slug no theme has).
 */
export async function themePairs(
  ctx: RequestContext,
  options: PairOptions & { themeSlug?: string | null },
): Promise<ThemePair[]> {
  const take = checkedFirst(ctx, options.first ?? DEFAULT_PAIRS);
  const minCount = checkedMinCount(options.minCount ?? DEFAULT_MIN_COUNT);
  if (options.themeSlug != null) {
    const theme = await ctx.rows.findOne(Theme, { slug: options.themeSlug });
    return theme ? pairsOfTheme(ctx, theme.id, { minCount, first: take }) : [];
  }
  const found = await ctx.rows.sql<PairRow>(`${PAIRS} order by count desc, ta.name, tb.name limit ?`, [minCount, take]);
  return found.map(pairOf);
}

/** The pairs one theme is in, for every theme of the request in one statement (the limit applied per theme). */
async function pairsOfThemes(
  rows: RowReader,
  themeIds: number[],
  { minCount, first }: { minCount: number; first: number },
): Promise<Map<number, ThemePair[]>> {
  const found = await rows.sql<PairRow & { theme_id: number }>(
    `select * from (
       select pairs.*, member.id as theme_id,
              row_number() over (
                partition by member.id order by pairs.count desc, pairs.first_name, pairs.second_name
              ) as rank
         from (${PAIRS}) pairs
         join unnest(cast(? as int[])) as member(id) on member.id in (pairs.first_id, pairs.second_id)
     ) ranked
     where rank <= ?
     order by theme_id, rank`,
    [minCount, idArray(themeIds), first],
  );
  return groupBy(found, (row) => row.theme_id, pairOf);
}

export function pairsOfTheme(ctx: RequestContext, themeId: number, options: PairOptions): Promise<ThemePair[]> {
  const take = checkedFirst(ctx, options.first ?? DEFAULT_PAIRS);
  const minCount = checkedMinCount(options.minCount ?? DEFAULT_MIN_COUNT);
  return perThemeLoader(ctx, `Theme.appearsWith|${minCount}|${take}`, (ids) =>
    pairsOfThemes(ctx.rows, ids, { minCount, first: take }),
  ).load(themeId);
}

/**
 * Each year with a conference or a dated workshop from `fromYear` to `toYear`: its events, the themes on their
 * programmes, and which of them appear for the first time that year and which appeared in an earlier year too.
 */
export async function themeYears(
  ctx: RequestContext,
  range: { fromYear?: number | null; toYear?: number | null },
): Promise<ThemeYear[]> {
  const { from, to } = checkedYearRange(range);
  const found = await ctx.rows.sql<{
    year: number;
    conference_ids: number[];
    workshop_ids: number[];
    theme_ids: number[];
    new_theme_ids: number[];
    recurring_theme_ids: number[];
  }>(
    `with theme_year as (${THEME_YEARS}),
          first_year as (select theme_id, min(year) as year from theme_year group by theme_id),
          event_year as (
            select year from conference
             union
            select cast(extract(year from held_on) as int) from workshop where held_on is not null
          )
     select y.year,
            array(select c.id from conference c where c.year = y.year order by c.id) as conference_ids,
            array(select w.id from workshop w
                   where w.held_on is not null and cast(extract(year from w.held_on) as int) = y.year
                   order by w.held_on, w.title, w.id) as workshop_ids,
            array(select t.id from theme_year ty join theme t on t.id = ty.theme_id
                   where ty.year = y.year order by t.name) as theme_ids,
            array(select t.id from theme_year ty join theme t on t.id = ty.theme_id
                    join first_year f on f.theme_id = ty.theme_id
                   where ty.year = y.year and f.year = y.year order by t.name) as new_theme_ids,
            array(select t.id from theme_year ty join theme t on t.id = ty.theme_id
                    join first_year f on f.theme_id = ty.theme_id
                   where ty.year = y.year and f.year < y.year order by t.name) as recurring_theme_ids
       from event_year y
      where y.year between ? and ?
      order by y.year`,
    [from, to],
  );
  return found.map((row) => ({
    year: row.year,
    conferenceIds: row.conference_ids,
    workshopIds: row.workshop_ids,
    themeIds: row.theme_ids,
    newThemeIds: row.new_theme_ids,
    recurringThemeIds: row.recurring_theme_ids,
  }));
}

/** The years a `themeYears` range spans, for its cost: at most every event year. */
export function yearsSpanned(range: { fromYear?: number | null; toYear?: number | null }): number {
  const from = range.fromYear ?? EVENT_YEARS.first;
  const to = range.toYear ?? EVENT_YEARS.last;
  return Math.max(0, Math.min(to, EVENT_YEARS.last) - Math.max(from, EVENT_YEARS.first) + 1);
}

function checkedYearRange(range: { fromYear?: number | null; toYear?: number | null }): { from: number; to: number } {
  const from = range.fromYear ?? EVENT_YEARS.first;
  const to = range.toYear ?? EVENT_YEARS.last;
  if (from > to) {
    throw new BadUserInputError(`\`fromYear\` (${from}) must not be after \`toYear\` (${to}).`, ['fromYear']);
  }
  return { from, to };
}

/** A list's `first`, within the API's page size, as for every connection. */
function checkedFirst(ctx: RequestContext, first: number): number {
  if (first < 0 || first > ctx.limits.maxPageSize) {
    throw new BadUserInputError(`\`first\` must be between 0 and ${ctx.limits.maxPageSize} (got ${first}).`, ['first']);
  }
  return first;
}

function checkedMinCount(minCount: number): number {
  if (minCount < 1) {
    throw new BadUserInputError(`\`minCount\` must be at least 1 (got ${minCount}).`, ['minCount']);
  }
  return minCount;
}

/** A loader of per-theme rows, one per field and arguments, so that every theme's share is one statement. */
function perThemeLoader<T>(
  ctx: RequestContext,
  key: string,
  batch: (themeIds: number[]) => Promise<Map<number, T[]>>,
): DataLoader<number, T[]> {
  return ctx.loaders.group<T>(key, batch);
}
