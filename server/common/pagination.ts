import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { BadUserInputError } from './errors';
import { textArgumentProblem } from './text-input';
import { OrderDirection, PageInfo, type ConnectionArgs, type ConnectionPage } from './connection';
import { orderByFor, refuseCountOrder, relatedCountOf, type RelatedCount } from './ordering';
import type { RowReader } from './rows';
import type { FacetSource } from './facets';

/**
 * Keyset (cursor) pagination shared by every connection in the API.
 *
 * A cursor is base64url(JSON [orderField, orderValue, id]): the ordering it was issued for, the value of the
 * ordered column and the row id as a tie-breaker. Because the page is found with `WHERE (value, id) > cursor`
 * rather than OFFSET, a page stays correct while rows are added or removed before it.
 */

/** An ordering on one non-null column, always followed by `id` so that the order is total. */
export interface OrderSpec {
  /** Property name of the entity; GraphQL `<Type>OrderField` enum values are these names. */
  field: string;
  direction: OrderDirection;
}

export interface PaginationLimits {
  maxPageSize: number;
  defaultPageSize: number;
}

export interface CursorPosition {
  value: string | number;
  id: number;
}

export interface PageWindow {
  /** How many items the page may hold. */
  size: number;
  /** True when the page is counted from the end of the window (`last`). */
  fromEnd: boolean;
  after?: CursorPosition;
  before?: CursorPosition;
}

type WithId = { id: number };

/** Ids and numeric columns are PostgreSQL `integer`s: a cursor holding a larger number was not issued here. */
const MAX_INTEGER = 2_147_483_647;

/** `value` is the ordered value when it is not the node's own (a count the list is ordered by). */
export function encodeCursor(
  order: OrderSpec,
  node: WithId,
  value: unknown = (node as unknown as Record<string, unknown>)[order.field],
): string {
  return Buffer.from(JSON.stringify([order.field, value, node.id]), 'utf8').toString('base64url');
}

/** A value as a cursor of ours holds it: a number, or a text PostgreSQL can compare (it cannot hold NUL). */
function isCursorValue(value: unknown): value is string | number {
  return typeof value === 'number' || (typeof value === 'string' && textArgumentProblem(value) === undefined);
}

function decodeCursor(cursor: string, order: OrderSpec, argument: 'after' | 'before'): CursorPosition {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    !isCursorValue(parsed[1]) ||
    !Number.isSafeInteger(parsed[2]) ||
    parsed[2] < 0 ||
    parsed[2] > MAX_INTEGER
  ) {
    throw new BadUserInputError(`\`${argument}\` is not a valid cursor; use a cursor from a previous page.`, [
      argument,
    ]);
  }
  if (parsed[0] !== order.field) {
    throw new BadUserInputError(
      `\`${argument}\` is a cursor for another ordering (${parsed[0]}); the page is ordered by ${order.field}.`,
      [argument],
    );
  }
  return { value: parsed[1], id: parsed[2] };
}

function resolvePageWindow(args: ConnectionArgs, order: OrderSpec, limits: PaginationLimits): PageWindow {
  for (const argument of ['first', 'last'] as const) {
    const size = args[argument];
    if (size != null && (size < 0 || size > limits.maxPageSize)) {
      throw new BadUserInputError(`\`${argument}\` must be between 0 and ${limits.maxPageSize} (got ${size}).`, [
        argument,
      ]);
    }
  }
  if (args.first != null && args.last != null) {
    throw new BadUserInputError('Pass either `first` or `last`, not both.', ['last']);
  }
  return {
    size: args.first ?? args.last ?? limits.defaultPageSize,
    fromEnd: args.last != null,
    after: args.after != null ? decodeCursor(args.after, order, 'after') : undefined,
    before: args.before != null ? decodeCursor(args.before, order, 'before') : undefined,
  };
}

/** Where an item of a count-ordered list stands: its count (its cursor's value) and its rank. */
export interface RankedPosition {
  count: number;
  rank: number;
}

/** An item of a page; its cursor is encoded only if a client asks for it (most ask for `nodes`). */
class PageEdge<T extends WithId> {
  constructor(
    readonly node: T,
    private readonly order: OrderSpec,
    private readonly position?: RankedPosition,
  ) {}

  get cursor(): string {
    return this.position
      ? encodeCursor(this.order, this.node, this.position.count)
      : encodeCursor(this.order, this.node);
  }

  /** The item's rank when the list is ordered by a count (ties share one); null otherwise. */
  get rank(): number | null {
    return this.position?.rank ?? null;
  }
}

/**
 * A page as its connection reads it. Its nodes are the rows themselves; its edges (an object per row, for the
 * cursor) are made only when a client asks for `edges`, and cursors only when asked for: most pages are asked
 * for `nodes` and `hasNextPage` at most, and a nested query builds a page for every parent.
 */
class Page<T extends WithId> implements ConnectionPage<T> {
  readonly pageInfo: PageInfo;
  facets?: FacetSource;
  private builtEdges?: PageEdge<T>[];

  constructor(
    readonly nodes: T[],
    window: PageWindow,
    hasMore: boolean,
    private readonly order: OrderSpec,
    readonly countTotal: () => Promise<number>,
    private readonly positions?: WeakMap<T, RankedPosition>,
  ) {
    this.pageInfo = new PageBounds(
      // Counting from the start, "previous" items exist whenever the page starts after a cursor (the cursor's
      // own row precedes it); counting from the end, the same holds for "next" items and `before`.
      window.fromEnd ? window.before != null : hasMore,
      window.fromEnd ? hasMore : window.after != null,
      this,
    );
  }

  get edges(): PageEdge<T>[] {
    return (this.builtEdges ??= this.nodes.map((node) => this.edgeOf(node)));
  }

  /** The cursor of the page's first or last node, null on an empty page: without the other nodes' edges. */
  cursorAt(end: 'start' | 'end'): string | null {
    const { nodes } = this;
    if (nodes.length === 0) return null;
    const index = end === 'start' ? 0 : nodes.length - 1;
    return (this.builtEdges?.[index] ?? this.edgeOf(nodes[index])).cursor;
  }

  private edgeOf(node: T): PageEdge<T> {
    return new PageEdge(node, this.order, this.positions?.get(node));
  }
}

/** A page's `pageInfo`: its cursors are its first and last nodes', encoded when asked for. */
class PageBounds<T extends WithId> implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly page: Page<T>,
  ) {}

  get startCursor(): string | null {
    return this.page.cursorAt('start');
  }

  get endCursor(): string | null {
    return this.page.cursorAt('end');
  }
}

/** The page of `rows` (the page's rows and at most one more, which tells that more follow) in `window`. */
function buildPage<T extends WithId>(
  rows: T[],
  window: PageWindow,
  order: OrderSpec,
  countTotal: () => Promise<number>,
  positions?: WeakMap<T, RankedPosition>,
): ConnectionPage<T> {
  const hasMore = rows.length > window.size;
  // A copy only when it must differ: the rows may be a loader's, shared by every field that asks for them.
  const pageRows = hasMore || window.fromEnd ? rows.slice(0, window.size) : rows;
  if (window.fromEnd) pageRows.reverse();
  return new Page(pageRows, window, hasMore, order, countTotal, positions);
}

function keysetCondition(order: OrderSpec, position: CursorPosition, side: 'after' | 'before'): FilterQuery<object> {
  const ascending = order.direction === OrderDirection.ASC;
  const operator = (side === 'after') === ascending ? '$gt' : '$lt';
  if (order.field === 'id') return { id: { [operator]: position.id } };
  return {
    $or: [
      { [order.field]: { [operator]: position.value } },
      { [order.field]: position.value, id: { [operator]: position.id } },
    ],
  };
}

/**
 * A cursor's value must have the type of the column it orders by (a text column's cursor holds a string), or
 * the comparison would fail in the database: a forged or damaged cursor is bad input, like any other.
 */
function checkCursorValues<T>(em: EntityManager, entity: EntityName<T>, order: OrderSpec, window: PageWindow): void {
  if (order.field === 'id') return;
  if (relatedCountOf(order)) {
    for (const side of ['after', 'before'] as const) {
      const position = window[side];
      if (position && !(Number.isSafeInteger(position.value) && (position.value as number) >= 0))
        throw new BadUserInputError(`\`${side}\` is not a valid cursor; use a cursor from a previous page.`, [side]);
    }
    return;
  }
  const properties = em.getMetadata().find(entity)?.properties as Record<string, { runtimeType?: string }> | undefined;
  const runtimeType = properties?.[order.field]?.runtimeType;
  const expected = runtimeType === 'number' ? 'number' : 'string';
  for (const side of ['after', 'before'] as const) {
    const position = window[side];
    const fits =
      position === undefined ||
      (expected === 'number'
        ? typeof position.value === 'number' &&
          Number.isInteger(position.value) &&
          Math.abs(position.value) <= MAX_INTEGER
        : typeof position.value === 'string' && (runtimeType !== 'Date' || !Number.isNaN(Date.parse(position.value))));
    if (!fits)
      throw new BadUserInputError(`\`${side}\` is not a valid cursor; use a cursor from a previous page.`, [side]);
  }
}

/**
 * What the database must be asked for one page of `entity` rows in `order`: the cursor conditions, the
 * ordering (reversed when counting from the end, so that LIMIT takes the last rows) and how many rows to take
 * (one more than the page holds, to tell whether there is more). Bad arguments are refused here, before any SQL.
 */
export interface PagePlan {
  window: PageWindow;
  conditions: FilterQuery<object>[];
  orderBy: QueryOrderMap<object>;
  take: number;
  /** Set when the list is ordered by a count: the page is then read by `RowReader.rankedPage`. */
  ranked?: RankedPlan;
}

/** A page of a count-ordered list as SQL needs it: the count, its direction and the cursors' positions. */
export interface RankedPlan {
  count: RelatedCount;
  ascending: boolean;
  /** Counting from the end: the rows are read in the reverse order (and turned round afterwards). */
  reversed: boolean;
  after?: CursorPosition;
  before?: CursorPosition;
  take: number;
}

export function planPage<T>(
  em: EntityManager,
  entity: EntityName<T>,
  order: OrderSpec,
  args: ConnectionArgs,
  limits: PaginationLimits,
): PagePlan {
  const window = resolvePageWindow(args, order, limits);
  checkCursorValues(em, entity, order, window);
  const count = relatedCountOf(order);
  if (count) {
    const ranked: RankedPlan = {
      count,
      ascending: order.direction === OrderDirection.ASC,
      reversed: window.fromEnd,
      after: window.after,
      before: window.before,
      take: window.size + 1,
    };
    return { window, conditions: [], orderBy: {}, take: ranked.take, ranked };
  }
  const conditions: FilterQuery<object>[] = [];
  if (window.after) conditions.push(keysetCondition(order, window.after, 'after'));
  if (window.before) conditions.push(keysetCondition(order, window.before, 'before'));
  return { window, conditions, orderBy: orderByFor(order, window.fromEnd), take: window.size + 1 };
}

/** The page made of the rows a plan asked for, in the plan's (possibly reversed) order. */
export function pageOf<T extends WithId>(
  rows: T[],
  plan: PagePlan,
  order: OrderSpec,
  countTotal: () => Promise<number>,
  positions?: WeakMap<T, RankedPosition>,
): ConnectionPage<T> {
  return buildPage(rows, plan.window, order, countTotal, positions);
}

/**
 * One page of `entity` rows matching `where`, in one SQL query (plus a COUNT only if totalCount is selected),
 * read as plain records.
 */
export async function paginateQuery<T extends WithId>(
  em: EntityManager,
  rows: RowReader,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  order: OrderSpec,
  args: ConnectionArgs,
  limits: PaginationLimits,
  { withTotalCount = false }: { withTotalCount?: boolean } = {},
): Promise<ConnectionPage<T>> {
  const plan = planPage(em, entity, order, args, limits);
  if (plan.ranked) {
    const ranked = await rows.rankedPage(entity, where, plan.ranked);
    const positions = new WeakMap(ranked.map((item) => [item.record, item.position]));
    return pageOf(
      ranked.map((item) => item.record),
      plan,
      order,
      () => rows.count(entity, where),
      positions,
    );
  }
  const pageWhere = { $and: [where, ...plan.conditions] } as FilterQuery<T>;
  const options = { orderBy: plan.orderBy as QueryOrderMap<T>, limit: plan.take };
  // The count the client asks for comes with the page, in its statement (an empty page does not carry it).
  const { records, total } = withTotalCount
    ? await rows.findCounted(entity, pageWhere, where, options)
    : { records: await rows.find(entity, pageWhere, options), total: null };
  return pageOf(records, plan, order, async () => total ?? rows.count(entity, where));
}

/**
 * One page of an already loaded, already ordered list — used by nested connections, whose rows for all parents
 * are fetched together in one batched query. The cursor format is the same as for `paginateQuery`; positions
 * are found by row id so that they agree with the database's collation.
 */
export function paginateLoaded<T extends WithId>(
  orderedRows: T[],
  order: OrderSpec,
  args: ConnectionArgs,
  limits: PaginationLimits,
): ConnectionPage<T> {
  refuseCountOrder(order);
  const window = resolvePageWindow(args, order, limits);
  const start = window.after ? boundaryOf(orderedRows, window.after, order, 'after') : 0;
  const end = window.before ? boundaryOf(orderedRows, window.before, order, 'before') : orderedRows.length;
  const inWindow = orderedRows.slice(start, Math.max(start, end));
  const rows = window.fromEnd ? inWindow.reverse() : inWindow;
  return buildPage(rows.slice(0, window.size + 1), window, order, async () => orderedRows.length);
}

/**
 * Where a cursor cuts the list: just past its row for `after`, at its row for `before`. When the row has since
 * gone, the cut falls where it would sort, so the page still continues from the same place.
 */
function boundaryOf<T extends WithId>(
  orderedRows: T[],
  position: CursorPosition,
  order: OrderSpec,
  side: 'after' | 'before',
): number {
  const index = orderedRows.findIndex((row) => row.id === position.id);
  if (index >= 0) return side === 'after' ? index + 1 : index;
  const ascending = order.direction === OrderDirection.ASC;
  const sortsAfterCursor = (row: T) => {
    const value = order.field === 'id' ? row.id : (row as unknown as Record<string, string | number>)[order.field];
    const compared = value === position.value ? row.id - position.id : value > position.value ? 1 : -1;
    return ascending ? compared > 0 : compared < 0;
  };
  const next = orderedRows.findIndex(sortsAfterCursor);
  return next < 0 ? orderedRows.length : next;
}
