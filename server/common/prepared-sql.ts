import { RawQueryFragment } from '@mikro-orm/core';

/**
 * SQL built once per shape of query, not once per request.
 *
 * The read path's SQL comes from MikroORM's query builder, whose cost is in building: turning a condition
 * object into SQL text. Two requests for the same kind of page ("organisations in these 3 countries, named
 * like ?, first 21 by name") differ only in their values, so the SQL is built once with stand-in values,
 * the stand-ins are found again among the query's bindings, and later requests of that shape put their own
 * values in those places.
 *
 * This is safe by construction: a shape is only reused when every stand-in came back exactly once as a binding
 * (so no value was written into the SQL text or dropped), and everything that can change the SQL text (keys,
 * operators, nulls, booleans, array lengths, raw fragments) is part of the shape rather than a value.
 */

export interface BuiltSql {
  sql: string;
  bindings: readonly unknown[];
}

type Slot = { value: number } | { constant: unknown };
interface Prepared {
  sql: string;
  slots: Slot[];
}

/** Enough for every shape a schema's filters produce in practice; past it, the oldest shapes are forgotten. */
const MAX_SHAPES = 2000;
const prepared = new Map<string, Prepared | null>();

/**
 * The SQL and bindings for `input` (any mix of objects, arrays and values), built by `build` — once per shape
 * of `input` under `scope`, then reused with this input's values.
 */
export function preparedSql<I>(scope: string, given: I, build: (input: I) => BuiltSql): BuiltSql {
  const input = withPaddedInLists(given);
  const values: unknown[] = [];
  const shape = shapeOf(input, values);
  if (shape === null) return build(input);
  const key = `${scope}|${shape}`;
  let entry = prepared.get(key);
  if (entry === undefined) {
    entry = prepare(input, values.length, build);
    if (prepared.size >= MAX_SHAPES) prepared.delete(prepared.keys().next().value!);
    prepared.set(key, entry);
  }
  if (!entry) return build(input);
  return {
    sql: entry.sql,
    bindings: entry.slots.map((slot) => ('value' in slot ? values[slot.value] : slot.constant)),
  };
}

/**
 * `$in` lists padded to the next power of two by repeating their last item (`in (1, 2, 3, 3)` means what
 * `in (1, 2, 3)` means), so that the lists of ids a request batches (1 to 100 of them) make 8 shapes, not 100.
 */
function withPaddedInLists<I>(input: I): I {
  if (Array.isArray(input)) return input.map(withPaddedInLists) as I;
  if (input === null || typeof input !== 'object' || Object.getPrototypeOf(input) !== Object.prototype) return input;
  const padded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === '$in' && Array.isArray(value) && value.length > 1) {
      const size = 2 ** Math.ceil(Math.log2(value.length));
      padded[key] = [...value, ...new Array<unknown>(size - value.length).fill(value[value.length - 1])];
    } else padded[key] = withPaddedInLists(value);
  }
  return padded as I;
}

/** A parameter's stand-in: a value of the same type that no real query holds. */
function standIn(value: string | number, index: number): string | number {
  return typeof value === 'string' ? `\u0000mce-value-${index}\u0000` : -1_999_000_000 - index;
}

function prepare<I>(input: I, count: number, build: (input: I) => BuiltSql): Prepared | null {
  let next = 0;
  const standIns: Array<string | number> = [];
  const substituted = substitute(input, (value) => {
    const stand = standIn(value, next++);
    standIns.push(stand);
    return stand;
  }) as I;
  if (next !== count) return null;
  const built = build(substituted);
  const seen = new Array<number>(count).fill(0);
  const slots: Slot[] = built.bindings.map((binding) => {
    const index = standIns.indexOf(binding as string | number);
    if (index < 0) return { constant: binding };
    seen[index]++;
    return { value: index };
  });
  return seen.every((times) => times === 1) ? { sql: built.sql, slots } : null;
}

function isParameter(value: unknown): value is string | number {
  return (
    (typeof value === 'string' && !RawQueryFragment.isKnownFragment(value)) ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * The shape of `input` as text, with its parameters pushed onto `values` in walking order; null when `input`
 * holds something this does not understand (a Date, an entity, a reference), which is then built every time.
 */
function shapeOf(input: unknown, values: unknown[]): string | null {
  if (isParameter(input)) {
    values.push(input);
    return typeof input === 'string' ? '$s' : '$n';
  }
  // Nulls and booleans change the SQL text (`is null`), so they are shape, not values.
  if (input === null || input === undefined || typeof input === 'boolean') return String(input);
  const parts: string[] = [];
  if (Array.isArray(input)) {
    for (const item of input) {
      const part = shapeOf(item, values);
      if (part === null) return null;
      parts.push(part);
    }
    return `[${parts.join(',')}]`;
  }
  if (typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    for (const [key, value] of Object.entries(input)) {
      const part = shapeOf(value, values);
      if (part === null) return null;
      parts.push(`${JSON.stringify(key)}:${part}`);
    }
    return `{${parts.join(',')}}`;
  }
  return null;
}

/** `input` with every parameter replaced by `replace(value)`, walked in the same order as `shapeOf`. */
function substitute(input: unknown, replace: (value: string | number) => unknown): unknown {
  if (isParameter(input)) return replace(input);
  if (Array.isArray(input)) return input.map((item) => substitute(item, replace));
  if (input !== null && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, substitute(value, replace)]));
  }
  return input;
}
