import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Random GraphQL operations made from schema.graphql, reproducible from a seed: well-typed queries and mutations
 * with edge-case arguments (as literals or variables), and broken variants of them. Used by fuzz.test.ts.
 */

export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
}

/** A small seeded PRNG (mulberry32): the same seed gives the same operations, on any machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number from `low` to `high`, both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length) chosen.push(pool.splice(this.int(0, pool.length - 1), 1)[0]);
    return chosen;
  }
  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(0, 255)));
  }
}

/** Real keys and ids read from the running server, so that some arguments hit existing records. */
export interface Harvest {
  ids: string[];
  cursors: string[];
  slugs: string[];
  names: string[];
}

/** How adventurous values may be: `safe` values pass GraphQL's own type checks; `edge` ones may not (2^31). */
export type ValueMode = 'safe' | 'edge';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const SAFE_INTS = [
  0, -1, 1, 2, 3, 5, 10, 20, 99, 100, 101, 1000, 2010, 2012, 2019, 2020, 2099, 2_147_483_647, -2_147_483_648,
];
const EDGE_INTS = [2_147_483_648, -2_147_483_649, 2 ** 53, 1e21, 1.5, -0.5];
const FLOATS = [0, -1, 0.5, 1e-9, 1e300, -1e300, 3.14159];

function strings(random: Random, harvest: Harvest): string[] {
  // Cut by code points, never inside a surrogate pair: lone surrogates are not text (they are tested apart).
  const long = (unit: string, length: number) =>
    Array.from(unit.repeat(Math.ceil(length / unit.length)))
      .slice(0, length)
      .join('');
  return [
    '',
    ' ',
    'a',
    'Vienna',
    'vienna',
    'VIENNA',
    'Firenze',
    'AT',
    'aut',
    'at',
    'Zürich',
    'Saarbrücken',
    '東京',
    'مرحبا',
    '🙂🚀',
    'e\u0301',
    '\u202eevil',
    '\u0000',
    'a\u0000b',
    '\ufeff',
    '\n\t\r',
    '%',
    '_',
    '\\',
    '"',
    "'",
    "'; drop table country; --",
    '1 OR 1=1',
    '%%%__\\%',
    '${x}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    'null',
    'undefined',
    'NaN',
    '-1',
    '2012',
    '2012-05-10',
    long('x', random.int(200, 210)),
    long('ü', random.int(250, 300)),
    long('abc ', random.int(1_000, 5_000)),
    long('🙂', random.int(500, 3_000)),
    random.bytes(random.int(1, 40)).toString('base64'),
    random.bytes(random.int(1, 40)).toString('base64url'),
    random.pick(harvest.slugs),
    random.pick(harvest.names),
    random.pick(harvest.names).toUpperCase(),
  ];
}

/** Ids that look like ours but are not, and random base64. */
function fakeIds(random: Random, harvest: Harvest): string[] {
  return [
    random.pick(harvest.ids),
    random.pick(harvest.ids),
    random.pick(harvest.ids).slice(0, -1),
    `${random.pick(harvest.ids)}=`,
    b64(`Country:${random.pick([0, -1, 99999, 2_147_483_648, 99_999_999_999])}`),
    b64(`Nope:${random.int(1, 50)}`),
    b64(`country:${random.int(1, 50)}`),
    b64(`City:${random.int(1, 400)}`),
    b64(`Conference:${random.int(1, 20)}`),
    b64(`ApiKey:${random.int(1, 5)}`),
    b64('Country:1:2'),
    b64('Country: 1'),
    b64('Country:01'),
    b64('__proto__:1'),
    random.bytes(random.int(0, 30)).toString('base64url'),
    random.bytes(random.int(1, 30)).toString('base64'),
    '',
    '!!!',
    '====',
  ];
}

/** Cursors: real ones, and base64url JSON of the wrong shape, the wrong field, wrong value types, huge ids. */
function fakeCursors(random: Random, harvest: Harvest): string[] {
  const field = random.pick([
    'id',
    'name',
    'code',
    'year',
    'slug',
    'startDate',
    'createdAt',
    'kind',
    'rank',
    'wording',
  ]);
  const value = random.pick<unknown>([
    'abc',
    '',
    'Vienna',
    2012,
    -1,
    1e300,
    1.5,
    '2012-05-10',
    'not-a-date',
    '\u0000',
    'x'.repeat(300),
    true,
    null,
    [],
    {},
  ]);
  const id = random.pick<unknown>([1, 0, -1, 2_147_483_647, 2_147_483_648, 2 ** 53 - 1, 2 ** 53, 1.5, '1', null]);
  return [
    random.pick(harvest.cursors),
    random.pick(harvest.cursors),
    b64(JSON.stringify([field, value, id])),
    b64(JSON.stringify([field, value, id])),
    b64(JSON.stringify([field, value])),
    b64(JSON.stringify({ field, value, id })),
    b64('null'),
    b64('[]'),
    b64('[1,2,3]'),
    b64('{"__proto__": {"polluted": true}}'),
    b64('['),
    random.bytes(random.int(0, 40)).toString('base64url'),
    '',
    '***',
  ];
}

/** A value of `type` that GraphQL accepts (mode `safe`) or may refuse (mode `edge`). */
export function generateValue(
  type: GraphQLInputType,
  random: Random,
  harvest: Harvest,
  mode: ValueMode,
  name = '',
  depth = 0,
): unknown {
  if (!isNonNullType(type) && random.chance(0.12)) return null;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const length = random.pick([0, 1, 1, 2, 3, random.int(4, 40), ...(mode === 'edge' ? [random.int(100, 800)] : [])]);
    return Array.from({ length }, () =>
      generateValue(inner.ofType as GraphQLInputType, random, harvest, mode, name, depth + 1),
    );
  }
  if (isEnumType(inner)) return random.pick(inner.getValues()).name;
  if (isInputObjectType(inner)) {
    const result: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || (depth < 3 && random.chance(0.35))) {
        result[field.name] = generateValue(field.type, random, harvest, mode, field.name, depth + 1);
      }
    }
    return result;
  }
  switch (inner.name) {
    case 'Int':
      return random.chance(0.3)
        ? random.int(-50, 3000)
        : random.pick(mode === 'edge' ? [...SAFE_INTS, ...EDGE_INTS] : SAFE_INTS);
    case 'Float':
      return random.pick(FLOATS);
    case 'Boolean':
      return random.chance(0.5);
    case 'ID':
      return random.pick(fakeIds(random, harvest));
    case 'LocalDate':
      return random.pick([
        '2012-05-10',
        '2030-01-01',
        '1900-01-01',
        '9999-12-31',
        '0001-01-01',
        ...(mode === 'edge' ? ['2012-02-30', '2012-13-01', 'yesterday', '', '20120510'] : []),
      ]);
    case 'DateTime':
      return random.pick([
        '2012-05-10T10:00:00Z',
        '2030-01-01T00:00:00.000Z',
        '1970-01-01T00:00:00Z',
        ...(mode === 'edge' ? ['2012-05-10', 'now', '', '9999-99-99T99:99:99Z'] : []),
      ]);
    case 'JSON':
      return random.pick<unknown>([{}, { a: 1 }, [1, 'two'], 'text', 3, true]);
    default: {
      if (/^(after|before)$/.test(name)) return random.pick(fakeCursors(random, harvest));
      if (/slug/i.test(name) && random.chance(0.5)) return random.pick(harvest.slugs);
      return random.pick(strings(random, harvest));
    }
  }
}

/** `value` written as a GraphQL literal of `type` (the way a client would inline it). */
export function printLiteral(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    return `[${items.map((item) => printLiteral(item, inner.ofType as GraphQLInputType)).join(', ')}]`;
  }
  if (isInputObjectType(inner) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = inner.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${fields[key] ? printLiteral(item, fields[key].type) : printJson(item)}`)
      .join(', ')} }`;
  }
  if (isEnumType(inner) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  return printJson(value);
}

/** Any JSON value as a GraphQL literal (objects need name keys; others are dropped). */
function printJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(printJson).join(', ')}]`;
  if (typeof value === 'object') {
    return `{ ${Object.entries(value as Record<string, unknown>)
      .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
      .map(([key, item]) => `${key}: ${printJson(item)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

export interface Operation {
  kind: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Send it with the editor's key. */
  withKey?: boolean;
  /** Send it as GET (no content type, as urql does) instead of POST. */
  get?: boolean;
  /** A raw body, sent as is instead of { query, variables }. */
  rawBody?: Uint8Array<ArrayBuffer> | string;
}

/** Builds operations over one schema, with one PRNG: call order decides the operations, so keep it stable. */
export class OperationGenerator {
  private variableCount = 0;
  private aliasCount = 0;
  private definitions: string[] = [];
  private variables: Record<string, unknown> = {};

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly random: Random,
    private readonly harvest: Harvest,
  ) {}

  /** Arguments for `field`: every required one, some optional ones; each as a literal or a variable. */
  private args(
    field: GraphQLField<unknown, unknown>,
    mode: ValueMode,
    options: { omitRequired?: boolean } = {},
  ): string {
    const chosen = field.args.filter((arg: GraphQLArgument) => {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (required) return !options.omitRequired;
      if (arg.name === 'first' || arg.name === 'last') return this.random.chance(0.5);
      return this.random.chance(0.3);
    });
    // Connections: keep to `first` or `last`, and mostly small pages, so that the cost limit is hit only sometimes.
    if (
      chosen.some((arg) => arg.name === 'first') &&
      chosen.some((arg) => arg.name === 'last') &&
      this.random.chance(0.8)
    ) {
      chosen.splice(
        chosen.findIndex((arg) => arg.name === 'last'),
        1,
      );
    }
    if (!chosen.length) return '';
    const written = chosen.map((arg) => {
      let value = generateValue(arg.type, this.random, this.harvest, mode, arg.name);
      if ((arg.name === 'first' || arg.name === 'last') && this.random.chance(0.7)) value = this.random.int(0, 5);
      if (this.random.chance(0.5)) {
        const name = `v${this.variableCount++}`;
        this.definitions.push(`$${name}: ${String(arg.type)}`);
        this.variables[name] = value;
        return `${arg.name}: $${name}`;
      }
      return `${arg.name}: ${printLiteral(value, arg.type)}`;
    });
    return `(${written.join(', ')})`;
  }

  /** A random selection set on `type`, at most `depth` levels deep. */
  private selection(type: GraphQLNamedType, depth: number, mode: ValueMode): string {
    if (isAbstractType(type)) {
      const possible = this.random.pick(this.schema.getPossibleTypes(type));
      return `{ __typename ... on ${possible.name} ${this.selection(possible, depth, mode)} }`;
    }
    const object = type as GraphQLObjectType;
    const fields = Object.values(object.getFields());
    const usable = depth > 0 ? fields : fields.filter((field) => isLeafType(getNamedType(field.type)));
    const picked = this.random.some(usable, this.random.int(1, 4));
    const parts = picked.map((field) => {
      const alias = this.random.chance(0.1) ? `a${this.aliasCount++}: ` : '';
      const directive = this.random.chance(0.05)
        ? ` @${this.random.pick(['include', 'skip'])}(if: ${this.random.chance(0.5)})`
        : '';
      const named = getNamedType(field.type);
      const sub = isLeafType(named) ? '' : ` ${this.selection(named, depth - 1, mode)}`;
      return `${alias}${field.name}${this.args(field, mode)}${directive}${sub}`;
    });
    return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
  }

  private start(): void {
    this.variableCount = 0;
    this.aliasCount = 0;
    this.definitions = [];
    this.variables = {};
  }

  private finish(kind: string, keyword: 'query' | 'mutation', body: string): Operation {
    const head = this.definitions.length
      ? `${keyword} Fuzz(${this.definitions.join(', ')})`
      : this.random.chance(0.5) && keyword === 'query'
        ? ''
        : keyword;
    return { kind, query: `${head} ${body}`.trim(), variables: this.definitions.length ? this.variables : undefined };
  }

  private rootField(
    root: GraphQLObjectType,
    mode: ValueMode,
    options: { omitRequired?: boolean } = {},
    field = this.random.pick(Object.values(root.getFields())),
  ): string {
    const named = getNamedType(field.type);
    const sub = isLeafType(named) ? '' : ` ${this.selection(named, this.random.int(1, 4), mode)}`;
    return `${field.name}${this.args(field, mode, options)}${sub}`;
  }

  /** (a) A well-formed query: one to three root fields, random arguments. */
  query(mode: ValueMode): Operation {
    this.start();
    const root = this.schema.getQueryType()!;
    const fields = Array.from(
      { length: this.random.int(1, 3) },
      (_, index) => `${index ? `r${index}: ` : ''}${this.rootField(root, mode)}`,
    );
    return this.finish(mode === 'safe' ? 'query' : 'query-edge', 'query', `{ ${fields.join(' ')} }`);
  }

  /** (c) One mutation with random input; `withKey` sends the editor's key. */
  mutation(mode: ValueMode, withKey: boolean, fieldName?: string): Operation {
    this.start();
    const root = this.schema.getMutationType()!;
    const field = fieldName ? root.getFields()[fieldName] : undefined;
    const body = `{ ${this.rootField(root, mode, {}, field)} }`;
    return { ...this.finish(withKey ? 'mutation-editor' : 'mutation-anonymous', 'mutation', body), withKey };
  }

  /** (b) A broken operation: wrong types, unknown names, missing arguments, garbled or truncated text, bytes. */
  broken(): Operation {
    const how = this.random.int(0, 11);
    const base = this.random.chance(0.8) ? this.query('safe') : this.mutation('safe', false);
    const { query, variables } = base;
    const insertAt = (text: string, at: number, insert: string) => text.slice(0, at) + insert + text.slice(at);
    const braces = [...query.matchAll(/\{/g)].map((match) => match.index ?? 0);
    switch (how) {
      case 0: {
        // A variable of the wrong type (or undeclared variables, when there are none).
        const wrong = this.random.pick<unknown>([
          'text',
          7,
          -2.5,
          true,
          {},
          [],
          [[]],
          { eq: 1 },
          null,
          'x'.repeat(5000),
          2 ** 40,
        ]);
        const name = variables ? this.random.pick(Object.keys(variables)) : 'undeclared';
        return { kind: 'wrong-variable-type', query, variables: { ...variables, [name]: wrong } };
      }
      case 1:
        return {
          kind: 'unknown-field',
          query: insertAt(query, this.random.pick(braces) + 1, ` bogus${this.random.int(0, 9)} `),
          variables,
        };
      case 2: {
        const withArgs = query.indexOf('(', query.indexOf('{'));
        const fixed =
          withArgs > 0
            ? insertAt(query, withArgs + 1, 'bogusArg: 1, ')
            : query.replace(/\{ (\w+)/, '{ $1(bogusArg: "x")');
        return { kind: 'unknown-argument', query: fixed, variables };
      }
      case 3: {
        // A root field that needs arguments, called without them.
        this.start();
        const roots = [this.schema.getQueryType()!, this.schema.getMutationType()!];
        const root = this.random.pick(roots);
        const needy = Object.values(root.getFields()).filter((field) =>
          field.args.some((arg) => isNonNullType(arg.type)),
        );
        const body = `{ ${this.rootField(root, 'safe', { omitRequired: true }, this.random.pick(needy))} }`;
        return this.finish('missing-argument', root === roots[0] ? 'query' : 'mutation', body);
      }
      case 4:
        return { kind: 'truncated', query: query.slice(0, this.random.int(0, query.length - 1)), variables };
      case 5: {
        let garbled = query;
        for (let edit = this.random.int(1, 6); edit > 0; edit -= 1) {
          const at = this.random.int(0, garbled.length);
          const noise = this.random.pick([
            '{',
            '}',
            '(',
            ')',
            '[',
            ']',
            ':',
            '$',
            '@',
            '!',
            '...',
            '"',
            '"""',
            '#',
            '\\',
            ',',
            '=',
            '|',
            '&',
            '\u0000',
            '\ud800',
            '🙂',
            ' on ',
            'fragment',
            '0x1F',
            '1e',
            '-',
          ]);
          garbled = this.random.chance(0.5)
            ? insertAt(garbled, at, noise)
            : garbled.slice(0, at) + garbled.slice(at + this.random.int(1, 5));
        }
        return { kind: 'garbled', query: garbled, variables };
      }
      case 6:
        return { kind: 'random-text', query: this.random.bytes(this.random.int(0, 300)).toString('latin1') };
      case 7:
        return {
          kind: 'random-bytes-body',
          query: '',
          rawBody: new Uint8Array(this.random.bytes(this.random.int(0, 500))),
        };
      case 8: {
        // A document that is fine, with a body of the wrong shape around it.
        const shapes: unknown[] = [
          { query, variables: this.random.pick<unknown>(['{}', [], 5, true, 'null']) },
          { query, operationName: this.random.pick<unknown>([5, {}, [], 'Nope', '']) },
          {
            query,
            extensions: this.random.pick<unknown>([
              5,
              [],
              'x',
              { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
            ]),
          },
          { query: this.random.pick<unknown>([5, null, [], {}, true]) },
          { variables },
          [{ query }],
          query,
        ];
        return { kind: 'body-shape', query, rawBody: JSON.stringify(this.random.pick(shapes)) };
      }
      case 9:
        return {
          kind: 'bad-directive',
          query: insertAt(
            query,
            this.random.pick(braces) + 1,
            ` __typename @${this.random.pick(['skip(if: "yes")', 'include', 'nope', 'deprecated', 'skip(if: $nope)', 'include(if: true) @include(if: false)'])} `,
          ),
          variables,
        };
      case 10:
        return {
          kind: 'bad-fragment',
          query:
            insertAt(
              query,
              this.random.pick(braces) + 1,
              ` ...${this.random.pick(['Missing', 'on Nope { x }', 'on Country { name }', 'on Node { id }'])} `,
            ) + this.random.pick(['', ' fragment Unused on Country { name }', ' fragment X on Query { ...X }']),
          variables,
        };
      default:
        return {
          kind: 'operation-name',
          query: `${query} ${this.random.pick(['query', 'mutation', 'subscription', 'query Fuzz { __typename }', '{ __typename }'])}`,
          variables,
        };
    }
  }
}
