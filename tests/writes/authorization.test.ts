import { isDeepStrictEqual } from 'node:util';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { encodeGlobalId } from '../../server/common/global-id';
import { TYPE_NAME_OF_KIND } from '../../server/common/record-kind';
import { Role } from '../../server/modules/access/access.entity';
import { protectedTypes as PROTECTED_TYPES } from '../../server/modules/domains';
import { authenticate, createApiKey, requireAnyRole } from '../../server/modules/access/access.service';
import { createSchema } from '../../server/schema';
import { databaseState } from '../helpers/database-state';
import { postGraphQL, type GraphQLResponse } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Who may see the protected types (PROTECTED_TYPES: API keys and audit entries, admins only), by every path. The
 * fields tried come from the built schema: every field whose type is a protected type, an interface or union it
 * belongs to (`Node`), or a connection, edge or payload that leads to one (including the root fields `apiKeys`,
 * `auditLog`, `node`, `nodes` and the key mutations, and any such field added later to any type). Each is tried
 * in one request along a shortest path from the root (`node(id:)` of an audit entry, then its `apiKey`), without a
 * key, with an editor key and with an admin key. Fields that need arguments take them from ARGUMENTS; one missing
 * there fails the test. (In tests/writes/: it creates keys and audit entries.)
 */

const UNAUTHENTICATED = {
  code: 'UNAUTHENTICATED',
  message: 'This needs an API key: send it as `Authorization: Bearer <key>`.',
};
const FORBIDDEN = { code: 'FORBIDDEN', message: 'This needs an API key with the role ADMIN.' };
const PROTECTED_NAMES = PROTECTED_TYPES.map(({ type }) => type.name);

let server: TestServer;
let schema: GraphQLSchema;
let adminKey: string;
let editorKey: string;
const ids = {} as { prato: string; ApiKey: string; AuditEntry: string; revocable: string };
const TARGET_KEY_NAME = 'authorization test target';

/**
 * Arguments of the fields that need some, by schema coordinate. `towards` is the object type the request goes on
 * to from the field (for `node`, the type whose record it must return); undefined: the field cannot lead there.
 */
const ARGUMENTS: Record<string, (towards: string) => string | undefined> = {
  'Query.node': (towards) => idOf(towards) && `(id: "${idOf(towards)}")`,
  // A public record first: it must still be answered next to a refused one.
  'Query.nodes': (towards) => idOf(towards) && `(ids: ["${ids.prato}", "${idOf(towards)}"])`,
  'Mutation.createApiKey': () => '(input: { name: "authorization test created", role: EDITOR })',
  'Mutation.revokeApiKey': () => `(id: "${ids.revocable}")`,
};

/** The id of this file's record of a type, for `node`/`nodes`. */
function idOf(typeName: string): string | undefined {
  return (ids as Record<string, string | undefined>)[typeName];
}

function post(document: string, key?: string): Promise<GraphQLResponse<Record<string, unknown>>> {
  return postGraphQL(server.endpoint, document, undefined, key ? { authorization: `Bearer ${key}` } : {});
}

beforeAll(async () => {
  server = await startTestServer();
  schema = await createSchema();
  const em = server.orm.em.fork();
  adminKey = (await createApiKey(em, 'authorization test admin', Role.ADMIN)).key;
  editorKey = (await createApiKey(em, 'authorization test editor', Role.EDITOR)).key;
  ids.revocable = encodeGlobalId(
    'ApiKey',
    (await createApiKey(em, 'authorization test revocable', Role.EDITOR)).apiKey.id,
  );
  // Made through the API, so that it leaves an audit entry to look for.
  const created = await post(
    `mutation { createApiKey(input: { name: "${TARGET_KEY_NAME}", role: EDITOR }) { apiKey { id } } }`,
    adminKey,
  );
  ids.ApiKey = (created.data as { createApiKey: { apiKey: { id: string } } }).createApiKey.apiKey.id;
  const log = await post(`{ auditLog(filter: { recordId: "${ids.ApiKey}" }) { nodes { id } } }`, adminKey);
  ids.AuditEntry = (log.data as { auditLog: { nodes: Array<{ id: string }> } }).auditLog.nodes[0].id;
  const conference = await post('{ conference(year: 2011) { hostCity { id name } } }');
  expect(conference.data).toMatchObject({ conference: { hostCity: { name: 'Prato' } } });
  ids.prato = (conference.data as { conference: { hostCity: { id: string } } }).conference.hostCity.id;
});
afterAll(() => server.close());

// ---------------------------------------------------------------------------------------------------------------
// The schema walk

const compositeTypes = () =>
  Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLCompositeType => !type.name.startsWith('__') && isCompositeType(type),
  );

/** A record of its own (it implements `Node`), as opposed to a connection, an edge or a mutation's payload. */
const isRecordType = (type: GraphQLNamedType) =>
  isObjectType(type) && type.getInterfaces().some((face) => face.name === 'Node');

/**
 * Abstract fields whose answers are only some of their type's possible types, as the server guarantees: a search
 * hit's record (typed `Node`) is always one of the RecordKind types (server/common/record-kind.ts), which hold no
 * protected type (checked below).
 */
const ANSWERED_TYPES: Record<string, readonly string[]> = {
  'SearchHit.record': Object.values(TYPE_NAME_OF_KIND),
};

/** The types a field's answer can be: its own, with every possible type of an abstract one (or ANSWERED_TYPES'). */
function answeredTypes(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): GraphQLNamedType[] {
  const narrowed = ANSWERED_TYPES[`${parent.name}.${field.name}`];
  if (narrowed) return narrowed.map((name) => schema.getType(name)!);
  const named = getNamedType(field.type);
  return isAbstractType(named) ? [named, ...schema.getPossibleTypes(named)] : [named];
}

/**
 * Names of the types whose value can be, or hand out directly, a `target`: the type itself, an interface or union
 * it belongs to (such as `Node`), and the types without a record of their own (lists' items are their type; a
 * connection, an edge, a payload) one of whose fields leads there. A public record type stops the walk: a field
 * of its own that leads to a `target` is tried in its own right.
 */
function typesLeadingTo(target: string): Set<string> {
  const leading = new Set([target]);
  for (let grew = true; grew;) {
    grew = false;
    for (const type of compositeTypes()) {
      if (leading.has(type.name) || isRecordType(type)) continue;
      const next: readonly GraphQLNamedType[] = isAbstractType(type)
        ? schema.getPossibleTypes(type)
        : Object.values(type.getFields()).flatMap((field) => answeredTypes(type, field));
      if (next.some((named) => leading.has(named.name))) {
        leading.add(type.name);
        grew = true;
      }
    }
  }
  return leading;
}

/** Every field of an object type (Query and Mutation included) whose answer can hold a `target`: "Type.field". */
function fieldsLeadingTo(target: string): string[] {
  const leading = typesLeadingTo(target);
  return compositeTypes()
    .filter(isObjectType)
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => answeredTypes(type, field).some((named) => leading.has(named.name)))
        .map((field) => `${type.name}.${field.name}`),
    )
    .sort();
}

const requiresArguments = (field: GraphQLField<unknown, unknown>) =>
  field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

/** One step of a request: a field of `parent` (with its arguments), and `... on to` when the field is abstract. */
interface Hop {
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  args: string;
  fragment: boolean;
  to: GraphQLObjectType;
}

/** The field's arguments towards `to`: '' when it needs none, null when it needs some that ARGUMENTS does not give. */
function argumentsOf(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  to: GraphQLObjectType,
): string | null {
  const table = ARGUMENTS[`${parent.name}.${field.name}`];
  if (table) return table(to.name) ?? null;
  return requiresArguments(field) ? null : '';
}

/** Every step out of an object type: through each field to its type, or to each type an abstract field can be. */
function hopsFrom(parent: GraphQLObjectType): Array<Omit<Hop, 'args'> & { args: string | null }> {
  return Object.values(parent.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    const targets = answeredTypes(parent, field).filter(isObjectType);
    return targets.map((to) => ({
      parent,
      field,
      fragment: isAbstractType(named),
      to,
      args: argumentsOf(parent, field, to),
    }));
  });
}

/** A shortest request path from any of `starts` to an object of type `goal`. */
function shortestPath(starts: GraphQLObjectType[], goal: string): Hop[] | null {
  const reached = new Map<string, Hop[]>(starts.map((start) => [start.name, []]));
  const queue = [...starts];
  for (let type = queue.shift(); type; type = queue.shift()) {
    const path = reached.get(type.name)!;
    if (type.name === goal) return path;
    for (const hop of hopsFrom(type)) {
      if (hop.args === null || reached.has(hop.to.name)) continue;
      reached.set(hop.to.name, [...path, { ...hop, args: hop.args }]);
      queue.push(hop.to);
    }
  }
  return null;
}

/** The operation that follows the path, with `__typename` on every object and all plain fields at its end. */
function documentOf(path: Hop[]): string {
  const end = path[path.length - 1].to;
  const plain = Object.values(end.getFields()).filter(
    (field) => isLeafType(getNamedType(field.type)) && !requiresArguments(field),
  );
  let selection = `{ __typename ${plain.map((field) => field.name).join(' ')} }`;
  for (const hop of [...path].reverse()) {
    const inner = hop.fragment ? `{ __typename ... on ${hop.to.name} ${selection} }` : selection;
    selection = `{ __typename ${hop.field.name}${hop.args} ${inner} }`;
  }
  return `${path[0].parent === schema.getMutationType() ? 'mutation' : 'query'} ${selection}`;
}

interface Trial {
  /** The field tried, e.g. "AuditEntry.apiKey". */
  field: string;
  mutation: boolean;
  document: string;
}

/**
 * One request per field that can lead to `target`: the shortest way from a root to the field's type, the field,
 * and the shortest way on to a `target`. Fields that need arguments ARGUMENTS does not give go to `missing`, fields
 * no request can reach to `unreachable`.
 */
function trialsFor(target: string, missing: string[], unreachable: string[]): Trial[] {
  const leading = typesLeadingTo(target);
  const roots = [schema.getQueryType()!, schema.getMutationType()!];
  return fieldsLeadingTo(target).flatMap((coordinate) => {
    const [parentName, fieldName] = coordinate.split('.');
    const parent = schema.getType(parentName) as GraphQLObjectType;
    const hops = hopsFrom(parent).filter((hop) => hop.field.name === fieldName && leading.has(hop.to.name));
    const usable = hops.filter((hop) => hop.args !== null);
    if (usable.length === 0) {
      missing.push(coordinate);
      return [];
    }
    // Through a query when there is a way: a mutation only to reach what only a mutation answers (a payload).
    const up = roots.includes(parent)
      ? []
      : (shortestPath([roots[0]], parentName) ?? shortestPath([roots[1]], parentName));
    for (const hop of usable) {
      const down = shortestPath([hop.to], target);
      if (up && down) {
        const path = [...up, { ...hop, args: hop.args! }, ...down];
        return [
          { field: coordinate, mutation: path[0].parent === schema.getMutationType(), document: documentOf(path) },
        ];
      }
    }
    unreachable.push(coordinate);
    return [];
  });
}

/** The protected types of which the answer holds a record (by its `__typename`). */
function protectedTypesIn(value: unknown): string[] {
  const found = new Set<string>();
  JSON.stringify(value, (key, child: unknown) => {
    if (key === '__typename' && typeof child === 'string' && PROTECTED_NAMES.includes(child)) found.add(child);
    return child;
  });
  return [...found];
}

/** The distinct errors of an answer (a list may be refused item by item) and the protected records it holds. */
function refusal(result: GraphQLResponse<Record<string, unknown>>) {
  const errors = new Map(
    (result.errors ?? []).map((error) => [
      `${error.extensions?.code} ${error.message}`,
      { code: error.extensions?.code, message: error.message },
    ]),
  );
  return { errors: [...errors.values()], leaked: protectedTypesIn(result.data) };
}

// ---------------------------------------------------------------------------------------------------------------

describe('the protected types', () => {
  it('are declared once, for the guard and this test: API keys and audit entries, for admins', () => {
    expect(PROTECTED_TYPES.map(({ type, roles }) => [type.name, roles])).toEqual([
      ['ApiKey', [Role.ADMIN]],
      ['AuditEntry', [Role.ADMIN]],
    ]);
  });

  it('are never among the kinds of record search, the graph and paths answer with', () => {
    expect(Object.values(TYPE_NAME_OF_KIND).filter((name) => PROTECTED_NAMES.includes(name))).toEqual([]);
  });

  it('are refused at their root lists with the codes and messages this file expects everywhere', async () => {
    for (const root of ['apiKeys', 'auditLog']) {
      for (const [key, expected] of [
        [undefined, UNAUTHENTICATED],
        [editorKey, FORBIDDEN],
      ] as const) {
        const result = await post(`{ ${root} { totalCount } }`, key);
        expect({
          root,
          errors: result.errors?.map((error) => ({
            code: error.extensions?.code,
            message: error.message,
            path: error.path,
          })),
        }).toEqual({
          root,
          errors: [{ ...expected, path: [root] }],
        });
      }
    }
  });

  for (const { type } of PROTECTED_TYPES) {
    const target = type.name;
    it(`${target}: every field that can reach one refuses it to a caller without a key or with an editor key, and gives it to an admin`, async () => {
      const missing: string[] = [];
      const unreachable: string[] = [];
      const trials = trialsFor(target, missing, unreachable);
      expect({ fieldsNeedingArgumentsInTheTable: missing, unreachable }).toEqual({
        fieldsNeedingArgumentsInTheTable: [],
        unreachable: [],
      });
      expect(trials.map((trial) => trial.field)).toEqual(expect.arrayContaining(KNOWN_PATHS[target]));

      const outcomes = [];
      for (const trial of trials) {
        const before = trial.mutation ? await databaseState(server.orm) : undefined;
        const anonymous = refusal(await post(trial.document));
        const editor = refusal(await post(trial.document, editorKey));
        const unchanged = !trial.mutation || isDeepStrictEqual(await databaseState(server.orm), before);
        const admin = await post(trial.document, adminKey);
        outcomes.push({
          field: trial.field,
          anonymous,
          editor,
          unchanged,
          admin: { errors: admin.errors ?? [], answered: protectedTypesIn(admin.data).includes(target) },
        });
      }
      expect(outcomes).toEqual(
        trials.map((trial) => ({
          field: trial.field,
          anonymous: { errors: [UNAUTHENTICATED], leaked: [] },
          editor: { errors: [FORBIDDEN], leaked: [] },
          unchanged: true,
          admin: { errors: [], answered: true },
        })),
      );
    });
  }
});

/** Fields that reach each protected type today (the walk may find more later; it must not find fewer). */
const KNOWN_PATHS: Record<string, string[]> = {
  ApiKey: [
    'Query.node',
    'Query.nodes',
    'Query.apiKeys',
    'ApiKeyConnection.nodes',
    'ApiKeyEdge.node',
    'AuditEntry.apiKey',
    'Mutation.createApiKey',
    'CreatedApiKey.apiKey',
    'Mutation.revokeApiKey',
  ],
  AuditEntry: ['Query.node', 'Query.nodes', 'Query.auditLog', 'AuditEntryConnection.nodes', 'AuditEntryEdge.node'],
};

describe('node(id:) and nodes(ids:) with the id of a protected record', () => {
  const keyFields = '{ id ... on ApiKey { name role prefix } ... on AuditEntry { entityType before after } }';

  it('refuse it without a key: an UNAUTHENTICATED error at its path, nothing of the record', async () => {
    const result = await post(`{ node(id: "${ids.ApiKey}") ${keyFields} }`);
    expect(result).toMatchObject({
      status: 200,
      data: { node: null },
      errors: [{ message: UNAUTHENTICATED.message, path: ['node'], extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(result.errors).toHaveLength(1);
    const entry = await post(`{ node(id: "${ids.AuditEntry}") ${keyFields} }`);
    expect(entry).toMatchObject({
      data: { node: null },
      errors: [{ path: ['node'], extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(JSON.stringify(entry)).not.toContain(TARGET_KEY_NAME);
  });

  it('refuse each such item of nodes(ids:) at its own index and still answer the others', async () => {
    const result = await post(
      `{ nodes(ids: ["${ids.prato}", "${ids.ApiKey}", "${ids.AuditEntry}"]) { ... on City { name } ... on ApiKey { name } } }`,
      editorKey,
    );
    expect(result.data).toEqual({ nodes: [{ name: 'Prato' }, null, null] });
    // GraphQL leaves the order of errors open (they are listed as the items settle), so they are compared by path.
    const byPath = (errors: typeof result.errors) =>
      [...(errors ?? [])].sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
    expect(byPath(result.errors).map((error) => [error.path, error.extensions?.code, error.message])).toEqual([
      [['nodes', 1], 'FORBIDDEN', FORBIDDEN.message],
      [['nodes', 2], 'FORBIDDEN', FORBIDDEN.message],
    ]);
  });

  it('refuse an id of a protected type that names nothing alike, so that refusals do not tell which ids exist', async () => {
    const unknown = encodeGlobalId('ApiKey', 2_147_483_647);
    expect(
      (await post(`{ node(id: "${unknown}") { id } }`)).errors?.map((error) => [error.path, error.extensions?.code]),
    ).toEqual([[['node'], 'UNAUTHENTICATED']]);
    expect(
      (await post(`{ node(id: "${unknown}") { id } }`, editorKey)).errors?.map((error) => [
        error.path,
        error.extensions?.code,
      ]),
    ).toEqual([[['node'], 'FORBIDDEN']]);
    expect(await post(`{ node(id: "${unknown}") { id } }`, adminKey)).toMatchObject({ data: { node: null } });
    const list = await post(`{ nodes(ids: ["${ids.prato}", "${unknown}"]) { ... on City { name } } }`);
    expect(list.data).toEqual({ nodes: [{ name: 'Prato' }, null] });
    expect(list.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['nodes', 1], 'UNAUTHENTICATED'],
    ]);
  });

  it('give it to an admin', async () => {
    const result = await post(`{ node(id: "${ids.ApiKey}") ${keyFields} }`, adminKey);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      node: { id: ids.ApiKey, name: TARGET_KEY_NAME, role: 'EDITOR', prefix: expect.stringMatching(/^[0-9a-f]{12}$/) },
    });
    const entry = await post(`{ node(id: "${ids.AuditEntry}") ${keyFields} }`, adminKey);
    expect(entry.data).toMatchObject({
      node: {
        id: ids.AuditEntry,
        entityType: 'ApiKey',
        before: null,
        after: { name: TARGET_KEY_NAME, role: 'EDITOR' },
      },
    });
  });
});

describe('the role check of @Authorized and of the protected types', () => {
  /** What `requireAnyRole` threw, as a client would see it. */
  function refusalOf(check: () => void) {
    try {
      check();
    } catch (error) {
      const { message, extensions } = error as { message: string; extensions: { code: string } };
      return { code: extensions.code, message };
    }
    return 'allowed';
  }

  it('lets a key through that has any one of the roles named, as `@Authorized(...roles)` means', async () => {
    const editor = await authenticate(server.orm.em.fork(), `Bearer ${editorKey}`);
    const admin = await authenticate(server.orm.em.fork(), `Bearer ${adminKey}`);
    expect(refusalOf(() => requireAnyRole(editor, [Role.ADMIN, Role.EDITOR]))).toBe('allowed');
    expect(refusalOf(() => requireAnyRole(editor, [Role.EDITOR]))).toBe('allowed');
    expect(refusalOf(() => requireAnyRole(admin, [Role.ADMIN, Role.EDITOR]))).toBe('allowed');
    expect(refusalOf(() => requireAnyRole(editor, [Role.ADMIN]))).toEqual(FORBIDDEN);
    expect(refusalOf(() => requireAnyRole(null, [Role.ADMIN, Role.EDITOR]))).toEqual(UNAUTHENTICATED);
  });
});
