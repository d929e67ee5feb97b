/**
 * The hand-written baseline's schema: the part of this API's schema that the benchmark's documents use, with the
 * same type, field and enum names, so that the same documents resolve to the same JSON. Plain graphql-js
 * resolvers over plain rows: one DataLoader per relation and request, nested pages cut per parent in SQL.
 */
import { buildSchema, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import type { Pool } from 'pg';
import { createLoaders, type Loaders, type Page, type Row, type TableName } from './loaders';

const SDL = /* GraphQL */ `
  interface Node {
    id: ID!
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum OrganisationKind {
    AGENCY
    ASSOCIATION
    CITY
    CITY_COUNCIL
    COMPANY
    CONSORTIUM
    COUNTY
    METROPOLITAN_AUTHORITY
    RESEARCH_CENTRE
    UNIVERSITY
  }
  enum ConferenceStatus {
    HELD
    PLANNED
  }
  enum TopicKind {
    KEY_TOPIC
    SESSION_TOPIC
    WORKSHOP_TOPIC
  }

  input StringFilter {
    eq: String
  }
  input OrganisationFilter {
    countryCode: StringFilter
  }

  type Country implements Node {
    id: ID!
    code: String!
    name: String!
    organisations(first: Int): OrganisationConnection!
  }
  type City implements Node {
    id: ID!
    name: String!
    slug: String!
    country: Country!
  }
  type Organisation implements Node {
    id: ID!
    name: String!
    slug: String!
    kind: OrganisationKind!
    country: Country!
    city: City
    conferencesHosted(first: Int): ConferenceConnection!
  }
  type Attendance {
    participants: Int
    approximate: Boolean!
    wording: String
  }
  type Conference implements Node {
    id: ID!
    year: Int!
    title: String
    status: ConferenceStatus!
    hostCity: City
    attendance: Attendance!
    topics(first: Int): TopicConnection!
  }
  type Theme implements Node {
    id: ID!
    name: String!
    slug: String!
  }
  type Topic implements Node {
    id: ID!
    wording: String!
    kind: TopicKind!
    position: Int!
    theme: Theme!
  }

  type CountryConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Country!]!
  }
  type OrganisationConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Organisation!]!
  }
  type ConferenceConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Conference!]!
  }
  type TopicConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Topic!]!
  }

  type Query {
    node(id: ID!): Node
    conference(year: Int!): Conference
    countries(first: Int, after: String): CountryConnection!
    organisations(first: Int, after: String, filter: OrganisationFilter): OrganisationConnection!
  }
`;

/** The type names of the global ids, by table. */
const TYPE_OF_TABLE: Record<TableName, string> = {
  country: 'Country',
  city: 'City',
  organisation: 'Organisation',
  conference: 'Conference',
  theme: 'Theme',
  topic: 'Topic',
};
const TABLE_OF_TYPE = Object.fromEntries(Object.entries(TYPE_OF_TABLE).map(([table, type]) => [type, table])) as Record<
  string,
  TableName
>;

/** This API's global ids: base64url of `Type:id`. */
export const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
function decodeGlobalId(id: string): { table: TableName; id: number } | undefined {
  const match = /^([A-Z][A-Za-z]*):([1-9]\d{0,9})$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  const table = match ? TABLE_OF_TYPE[match[1]] : undefined;
  return match && table ? { table, id: Number(match[2]) } : undefined;
}

export interface Context {
  loaders: Loaders;
}

type Args = {
  first?: number | null;
  after?: string | null;
  filter?: { countryCode?: { eq?: string | null } | null } | null;
};
type Resolver = GraphQLFieldResolver<Row, Context, Args>;

const DEFAULT_PAGE = 20;
const first = (args: Args) => args.first ?? DEFAULT_PAGE;

/** Connection fields of every connection type: the page comes ready from the loaders. */
const connection: Record<string, Resolver> = {
  totalCount: (page) => (page as unknown as Page).totalCount(),
  pageInfo: (page) => (page as unknown as Page).pageInfo,
  nodes: (page) => (page as unknown as Page).nodes,
};

const id =
  (table: TableName): Resolver =>
  (row) =>
    globalId(TYPE_OF_TABLE[table], row.id as number);

const resolvers: Record<string, Record<string, Resolver>> = {
  Query: {
    node: (_root, args, { loaders }) => {
      const decoded = decodeGlobalId((args as { id: string }).id);
      return decoded ? loaders.byId(decoded.table).load(decoded.id) : null;
    },
    conference: (_root, args, { loaders }) => loaders.conferenceByYear.load((args as { year: number }).year),
    countries: (_root, args, { loaders }) => loaders.rootPage('country', { first: first(args), after: args.after }),
    organisations: (_root, args, { loaders }) =>
      loaders.rootPage('organisation', {
        first: first(args),
        after: args.after,
        countryCode: args.filter?.countryCode?.eq ?? undefined,
      }),
  },
  Country: {
    id: id('country'),
    organisations: (country, args, { loaders }) =>
      loaders.childPage('organisation', 'country_id', first(args)).load(country.id as number),
  },
  City: {
    id: id('city'),
    country: (city, _args, { loaders }) => loaders.byId('country').load(city.countryId as number),
  },
  Organisation: {
    id: id('organisation'),
    country: (organisation, _args, { loaders }) => loaders.byId('country').load(organisation.countryId as number),
    city: (organisation, _args, { loaders }) =>
      organisation.cityId == null ? null : loaders.byId('city').load(organisation.cityId as number),
    conferencesHosted: (organisation, args, { loaders }) =>
      loaders.childPage('conference', 'host_organisation_id', first(args)).load(organisation.id as number),
  },
  Conference: {
    id: id('conference'),
    hostCity: (conference, _args, { loaders }) =>
      conference.hostCityId == null ? null : loaders.byId('city').load(conference.hostCityId as number),
    attendance: (conference) => ({
      participants: conference.attendanceParticipants,
      approximate: conference.attendanceApproximate,
      wording: conference.attendanceWording,
    }),
    topics: (conference, args, { loaders }) =>
      loaders.childPage('topic', 'conference_id', first(args)).load(conference.id as number),
  },
  Theme: { id: id('theme') },
  Topic: {
    id: id('topic'),
    theme: (topic, _args, { loaders }) => loaders.byId('theme').load(topic.themeId as number),
  },
  CountryConnection: connection,
  OrganisationConnection: connection,
  ConferenceConnection: connection,
  TopicConnection: connection,
};

/** Rows carry the table they came from, so that `node` can name their type. */
const resolveNodeType: GraphQLTypeResolver<Row, Context> = (row) => TYPE_OF_TABLE[row.__table as TableName];

export function buildHandwrittenSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type)) throw new Error(`no object type ${typeName}`);
    const typeFields = type.getFields() as Record<string, { resolve?: Resolver }>;
    for (const [fieldName, resolve] of Object.entries(fields)) {
      if (!typeFields[fieldName]) throw new Error(`no field ${typeName}.${fieldName}`);
      typeFields[fieldName].resolve = resolve;
    }
  }
  const node = schema.getType('Node');
  if (node && 'resolveType' in node) node.resolveType = resolveNodeType;
  return schema;
}

export const newContext = (pool: Pool): Context => ({ loaders: createLoaders(pool) });
