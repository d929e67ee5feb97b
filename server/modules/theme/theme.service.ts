import type { FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConnectionShape } from '../../common/connection';
import type { IntFilter } from '../../common/filters';
import type { ListArgsShape } from '../../common/list-args';
import { loaderKey } from '../../common/loaders';
import { BY_NAME, BY_TITLE, BY_YEAR, orderByFor, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import type { Editor } from '../access/editing';
import { Conference } from '../conference/conference.entity';
import { ConferenceConnection, conferenceWhere, type ConferenceFilter } from '../conference/conference.inputs';
import { Workshop } from '../workshop/workshop.entity';
import { WorkshopConnection, workshopWhere, type WorkshopFilter } from '../workshop/workshop.inputs';
import { Theme, Topic, type TopicKind } from './theme.entity';
import { ThemeConnection, themeWhere, type ThemeFilter } from './theme.inputs';

/** A topic as an input gives it: its wording, under a theme named by slug. */
export interface TopicWording {
  wording: string;
  themeSlug: string;
  kind: TopicKind;
  /** Left out where the record's topics carry no explanation (a workshop's); null records that there is none. */
  details?: string | null;
}

/**
 * Replaces a conference's or a workshop's topics with `topics`, numbered in their order; a theme slug that names
 * no theme is bad input naming its item (`input.topics.<index>.themeSlug`).
 */
export async function replaceTopics(
  editor: Editor,
  owner: { conference: Conference } | { workshop: Workshop },
  topics: TopicWording[],
): Promise<void> {
  const themes = await editor.referencesBySlug(
    Theme,
    topics.map((topic) => topic.themeSlug),
    (index) => ['input', 'topics', index, 'themeSlug'],
  );
  await editor.replaceChildren(
    Topic,
    owner,
    topics.map((topic, index) => ({
      ...owner,
      position: index + 1,
      wording: topic.wording,
      ...(topic.details === undefined ? {} : { details: topic.details }),
      kind: topic.kind,
      theme: themes[index],
    })),
  );
}

/**
 * Themes and conferences meet through topics: a theme's conferences are those with a topic under it, and a
 * conference's themes are those of its topics. Each direction is one batched query for all parents.
 */
type Pair = { themeId: number; ownerId: number };

async function topicPairs(
  em: EntityManager,
  owner: 'conference' | 'workshop',
  side: 'theme' | 'owner',
  ids: number[],
): Promise<Pair[]> {
  const where = side === 'theme' ? { theme: { $in: ids }, [owner]: { $ne: null } } : { [owner]: { $in: ids } };
  // Plain rows, not entities: partially loaded entities would sit in the request's identity map and be
  // served, incomplete, to later fields of the same request.
  const rows = await em
    .createQueryBuilder(Topic)
    .select(['theme', owner])
    .where(where as QBFilterQuery<Topic>)
    .execute<Array<Record<'theme' | typeof owner, number>>>('all');
  return rows.map((row) => ({ themeId: row.theme, ownerId: row[owner] }));
}

/** Related rows per parent, de-duplicated and in the order `rows` came in. */
function relate<T extends { id: number }>(
  pairs: Pair[],
  parentOf: (pair: Pair) => number,
  childOf: (pair: Pair) => number,
  rows: T[],
) {
  const position = new Map(rows.map((row, index) => [row.id, index]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const related = new Map<number, T[]>();
  for (const pair of pairs) {
    const child = byId.get(childOf(pair));
    if (!child) continue;
    const list = related.get(parentOf(pair)) ?? [];
    if (!list.includes(child)) list.push(child);
    related.set(parentOf(pair), list);
  }
  for (const list of related.values()) list.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return related;
}

export function conferencesOfTheme(
  ctx: RequestContext,
  themeId: number,
  args: ListArgsShape<ConferenceFilter, 'year'>,
): Promise<ConnectionShape<Conference>> {
  const order = orderSpec(args.orderBy, BY_YEAR);
  const where = conferenceWhere(args.filter) as FilterQuery<Conference>;
  const loader = ctx.loaders.group<Conference>(loaderKey('Theme.conferences', order, where), async (themeIds) => {
    const pairs = await topicPairs(ctx.em, 'conference', 'theme', themeIds);
    const conferences = await ctx.rows.find(
      Conference,
      { $and: [{ id: { $in: pairs.map((pair) => pair.ownerId) } }, where] },
      { orderBy: orderByFor<Conference>(order) },
    );
    return relate(
      pairs,
      (pair) => pair.themeId,
      (pair) => pair.ownerId,
      conferences,
    );
  });
  return ctx.loaders.connection(ConferenceConnection, loader, themeId, order, args);
}

export function workshopsOfTheme(
  ctx: RequestContext,
  themeId: number,
  args: ListArgsShape<WorkshopFilter, 'title' | 'slug'>,
): Promise<ConnectionShape<Workshop>> {
  const order = orderSpec(args.orderBy, BY_TITLE);
  const where = workshopWhere(args.filter) as FilterQuery<Workshop>;
  const loader = ctx.loaders.group<Workshop>(loaderKey('Theme.workshops', order, where), async (themeIds) => {
    const pairs = await topicPairs(ctx.em, 'workshop', 'theme', themeIds);
    const workshops = await ctx.rows.find(
      Workshop,
      { $and: [{ id: { $in: pairs.map((pair) => pair.ownerId) } }, where] },
      { orderBy: orderByFor<Workshop>(order) },
    );
    return relate(
      pairs,
      (pair) => pair.themeId,
      (pair) => pair.ownerId,
      workshops,
    );
  });
  return ctx.loaders.connection(WorkshopConnection, loader, themeId, order, args);
}

export function themesOfConference(
  ctx: RequestContext,
  conferenceId: number,
  args: ListArgsShape<ThemeFilter, 'name' | 'slug'>,
): Promise<ConnectionShape<Theme>> {
  const order = orderSpec(args.orderBy, BY_NAME);
  const loader = ctx.loaders.group<Theme>(
    loaderKey('Conference.themes', order, args.filter ?? null),
    async (conferenceIds) => {
      const pairs = await topicPairs(ctx.em, 'conference', 'owner', conferenceIds);
      const themes = await ctx.rows.find(
        Theme,
        { $and: [{ id: { $in: pairs.map((pair) => pair.themeId) } }, await themeWhereWithCounts(ctx.em, args.filter)] },
        { orderBy: orderByFor<Theme>(order) },
      );
      return relate(
        pairs,
        (pair) => pair.ownerId,
        (pair) => pair.themeId,
        themes,
      );
    },
  );
  return ctx.loaders.connection(ThemeConnection, loader, conferenceId, order, args);
}

/**
 * The theme filter, including `conferenceCount`, which needs the number of distinct conferences per theme:
 * computed in SQL and turned into a list of matching theme ids.
 */
export async function themeWhereWithCounts(
  em: EntityManager,
  filter: ThemeFilter | null | undefined,
): Promise<FilterQuery<Theme>> {
  const where = themeWhere(filter) as FilterQuery<Theme>;
  if (!filter?.conferenceCount) return where;
  const ids = await themeIdsByConferenceCount(em, filter.conferenceCount);
  return { $and: [where, { id: { $in: ids } }] };
}

async function themeIdsByConferenceCount(em: EntityManager, condition: IntFilter): Promise<number[]> {
  const counts: Array<{ id: number; conferences: string | number }> = await em.getConnection().execute(
    `select t.id, count(distinct tp.conference_id) as conferences
       from theme t left join topic tp on tp.theme_id = t.id
      group by t.id`,
  );
  return counts.filter(({ conferences }) => matchesInt(Number(conferences), condition)).map(({ id }) => id);
}

function matchesInt(value: number, condition: IntFilter): boolean {
  return (
    (condition.eq == null || value === condition.eq) &&
    (condition.ne == null || value !== condition.ne) &&
    (condition.in == null || condition.in.includes(value)) &&
    (condition.gt == null || value > condition.gt) &&
    (condition.gte == null || value >= condition.gte) &&
    (condition.lt == null || value < condition.lt) &&
    (condition.lte == null || value <= condition.lte)
  );
}
