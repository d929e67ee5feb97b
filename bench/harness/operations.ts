/**
 * The side-by-side benchmark's operations: each one's request bodies for this API's schema (this server, the
 * hand-written baseline, the ceiling) and for PostGraphile's, their variables rotating over rows that exist (read
 * from the database with SQL, and PostGraphile's cursor from PostGraphile), and how an answer of either schema is
 * reduced to its facts, so that PostGraphile's answers can be compared with ours.
 */
import { Client } from 'pg';
import * as documents from './documents';

export interface Operation {
  /** Short name, for the tables. */
  name: string;
  /** What it asks for, for the report. */
  description: string;
  ours: { rootField: string; bodies: string[] };
  postgraphile?: { rootField: string; bodies: string[] };
  /** An operation the hand-written baseline does not implement (the analysts'): not sent to it. */
  notInBaseline?: true;
  /**
   * A write: its bodies are made one at a time from the answers before (`ours.bodies` is empty), sent with an
   * API key, to this server only (uncached and cached; the ceiling replays fixed answers).
   */
  write?: {
    headers: Record<string, string>;
    sequence: { next(): string; answered(text: string): void; refresh(): Promise<void> };
  };
}

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
const PAGE = 20;

/** PostGraphile's node ids: base64 of JSON `[Type, id]`. */
const postgraphileNodeId = (type: string, id: number) =>
  Buffer.from(JSON.stringify([type, id]), 'utf8').toString('base64');
const ourGlobalId = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
/** This API's cursors: base64url of JSON `[orderField, orderValue, id]`. */
const ourCursor = (field: string, value: unknown, id: number) =>
  Buffer.from(JSON.stringify([field, value, id]), 'utf8').toString('base64url');

async function postgraphileCursor(postgraphileEndpoint: string, offset: number): Promise<string> {
  const response = await fetch(postgraphileEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query { allOrganisations(first: 1, offset: ${offset}, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { pageInfo { endCursor } } }`,
    }),
  });
  const answer = (await response.json()) as { data?: { allOrganisations?: { pageInfo?: { endCursor?: string } } } };
  const cursor = answer.data?.allOrganisations?.pageInfo?.endCursor;
  if (!cursor) throw new Error(`PostGraphile gave no cursor at offset ${offset}: ${JSON.stringify(answer)}`);
  return cursor;
}

/** The operations, their variables read from the database at `databaseUrl`. */
export async function benchOperations(
  databaseUrl: string,
  postgraphileEndpoint: string | undefined,
): Promise<Operation[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = async <T>(text: string) => (await client.query<T & Record<string, unknown>>(text)).rows;
    const years = (await rows<{ year: number }>('SELECT year FROM conference ORDER BY year')).map((row) => row.year);
    const organisationIds = (await rows<{ id: number }>('SELECT id FROM organisation ORDER BY id')).map(
      (row) => row.id,
    );
    const countries = await rows<{ id: number; code: string }>(
      'SELECT id, code FROM country WHERE id IN (SELECT country_id FROM organisation) ORDER BY code',
    );
    const byName = await rows<{ id: number; name: string }>('SELECT id, name FROM organisation ORDER BY name, id');
    if (years.length === 0 || byName.length === 0)
      throw new Error('the database holds no conferences or organisations: migrate and seed it');
    // The deep page is the last full page: the cursor of the row just before it.
    const deepOffset = Math.max(0, byName.length - PAGE - 1);
    const deepRow = byName[deepOffset];
    const pg = postgraphileEndpoint !== undefined;
    // Path ends that exist at every scale: the seed dataset's own records (db:scale only adds to it).
    const [trikala, larissa] = await rows<{ id: number }>(
      "SELECT id FROM city WHERE slug IN ('trikala', 'larissa') ORDER BY slug DESC",
    );
    const [vitako, barcelonaUniversity] = await rows<{ id: number }>(
      "SELECT id FROM organisation WHERE slug IN ('vitako', 'autonomous-university-of-barcelona') ORDER BY slug DESC",
    );
    if (!trikala || !larissa || !vitako || !barcelonaUniversity)
      throw new Error('the database lacks the seed records the path operation uses: migrate and seed it');

    return [
      {
        name: 'conference',
        description: '`conference(year:)` with host city and country, attendance, topics → theme',
        ours: { rootField: 'conference', bodies: years.map((year) => body(documents.CONFERENCE, { year })) },
        postgraphile: pg
          ? {
              rootField: 'allConferences',
              bodies: years.map((year) => body(documents.CONFERENCE_POSTGRAPHILE, { year })),
            }
          : undefined,
      },
      {
        name: 'organisations',
        description: '`organisations(first: 20)` with totalCount and country',
        ours: { rootField: 'organisations', bodies: [body(documents.ORGANISATIONS, { first: PAGE })] },
        postgraphile: pg
          ? { rootField: 'allOrganisations', bodies: [body(documents.ORGANISATIONS_POSTGRAPHILE, { first: PAGE })] }
          : undefined,
      },
      {
        name: 'nested',
        description: '`countries(first: 20)` → organisations(first: 20) → city, conferencesHosted(first: 5)',
        ours: { rootField: 'countries', bodies: [body(documents.COUNTRIES_NESTED, {})] },
        postgraphile: pg
          ? { rootField: 'allCountries', bodies: [body(documents.COUNTRIES_NESTED_POSTGRAPHILE, {})] }
          : undefined,
      },
      {
        name: 'node',
        description: '`node(id:)` of an organisation with its country',
        ours: {
          rootField: 'node',
          bodies: organisationIds.map((id) => body(documents.NODE, { id: ourGlobalId('Organisation', id) })),
        },
        postgraphile: pg
          ? {
              rootField: 'node',
              bodies: organisationIds.map((id) =>
                body(documents.NODE_POSTGRAPHILE, { id: postgraphileNodeId('Organisation', id) }),
              ),
            }
          : undefined,
      },
      {
        name: 'deep page',
        description: `\`organisations(first: 20, after:)\`, the last page (after row ${deepOffset + 1} of ${byName.length} by name)`,
        ours: {
          rootField: 'organisations',
          bodies: [body(documents.ORGANISATIONS, { first: PAGE, after: ourCursor('name', deepRow.name, deepRow.id) })],
        },
        postgraphile: pg
          ? {
              rootField: 'allOrganisations',
              bodies: [
                body(documents.ORGANISATIONS_POSTGRAPHILE, {
                  first: PAGE,
                  after: await postgraphileCursor(postgraphileEndpoint, deepOffset),
                }),
              ],
            }
          : undefined,
      },
      {
        name: 'filtered',
        description:
          '`organisations(filter: { countryCode })` with totalCount and city, over every country with organisations',
        ours: {
          rootField: 'organisations',
          bodies: countries.map(({ code }) => body(documents.FILTERED, { countryCode: code })),
        },
        postgraphile: pg
          ? {
              rootField: 'allOrganisations',
              bodies: countries.map(({ id }) => body(documents.FILTERED_POSTGRAPHILE, { countryId: id })),
            }
          : undefined,
      },
      {
        name: 'search',
        description:
          "`search(query:, first: 10)` with each hit's record id, over four queries (exact, other name, typo, prefix)",
        ours: {
          rootField: 'search',
          bodies: ['Zurich', 'Firenze', 'Ljublana', 'Hamb'].map((query) => body(documents.SEARCH, { query })),
        },
        notInBaseline: true,
      },
      {
        name: 'facets',
        description: '`conferences(first: 5)` with year, host-country and theme facets and attendance aggregates',
        ours: { rootField: 'conferences', bodies: [body(documents.FACETS, {})] },
        notInBaseline: true,
      },
      {
        name: 'paths',
        description:
          '`paths(from:, to:, maxHops: 4, first: 3)`: Trikala to Larissa, VITAKO to the Autonomous University of Barcelona',
        ours: {
          rootField: 'paths',
          bodies: [
            body(documents.PATHS, { from: ourGlobalId('City', trikala.id), to: ourGlobalId('City', larissa.id) }),
            body(documents.PATHS, {
              from: ourGlobalId('Organisation', vitako.id),
              to: ourGlobalId('Organisation', barcelonaUniversity.id),
            }),
          ],
        },
        notInBaseline: true,
      },
    ];
  } finally {
    await client.end();
  }
}

/** PostGraphile's names for this API's fields. */
const POSTGRAPHILE_NAMES: Record<string, string> = {
  rowId: 'id',
  allConferences: 'conference',
  allOrganisations: 'organisations',
  allCountries: 'countries',
  cityByHostCityId: 'hostCity',
  countryByCountryId: 'country',
  cityByCityId: 'city',
  themeByThemeId: 'theme',
  topicsByConferenceId: 'topics',
  organisationsByCountryId: 'organisations',
  conferencesByHostOrganisationId: 'conferencesHosted',
};
const ATTENDANCE = {
  attendanceParticipants: 'participants',
  attendanceApproximate: 'approximate',
  attendanceWording: 'wording',
} as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Objects with their keys sorted, so that facts compare whatever order the fields came in. */
function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted(value[key])]),
    );
  return value;
}

/** The facts of one of our answers: row ids for global ids, no cursors (each server has its own). */
function ourFacts(value: Json): Json {
  if (Array.isArray(value)) return value.map(ourFacts);
  if (!value || typeof value !== 'object') return value;
  const facts: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'endCursor' || key === 'startCursor') continue;
    facts[key] =
      key === 'id' && typeof child === 'string'
        ? Number(Buffer.from(child, 'base64url').toString('utf8').split(':')[1])
        : ourFacts(child);
  }
  return facts;
}

/** The facts of one of PostGraphile's answers, in our names: a conference looked up by year, attendance grouped. */
function postgraphileFacts(value: Json, key?: string): Json {
  if (Array.isArray(value)) return value.map((item) => postgraphileFacts(item));
  if (!value || typeof value !== 'object') return value;
  if (key === 'allConferences') return postgraphileFacts((value.nodes as Json[] | undefined)?.[0] ?? null);
  const facts: Record<string, Json> = {};
  for (const [field, child] of Object.entries(value)) {
    if (field in ATTENDANCE) {
      const attendance = (facts.attendance ??= {}) as Record<string, Json>;
      attendance[ATTENDANCE[field as keyof typeof ATTENDANCE]] = child;
      continue;
    }
    if (field === 'endCursor' || field === 'startCursor') continue;
    facts[POSTGRAPHILE_NAMES[field] ?? field] = postgraphileFacts(child, field);
  }
  return facts;
}

/** The facts of an answer body of either schema, as comparable text. */
export function factsOf(answerBody: string, schema: 'ours' | 'postgraphile'): string {
  const answer = JSON.parse(answerBody) as Json;
  return JSON.stringify(sorted(schema === 'ours' ? ourFacts(answer) : postgraphileFacts(answer)));
}
