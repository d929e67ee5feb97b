/**
 * The GraphQL documents the side-by-side benchmark sends: each operation once in this API's schema (sent to this
 * server, the hand-written baseline and the ceiling, whose answers must be the same bytes) and once in
 * PostGraphile's (its own names for the same tables; its answers are compared as facts, see facts.ts).
 *
 * Every list names its order in PostGraphile's document (name, then id; position, then id; year, then id), the
 * default orders of this API, so that both return the same rows in the same order.
 */

/** `conference(year:)` with its host city and country, attendance, and topics with their themes. */
export const CONFERENCE = `query BenchConference($year: Int!) {
  conference(year: $year) {
    id
    year
    title
    status
    hostCity { id name country { id code name } }
    attendance { participants approximate wording }
    topics(first: 50) { nodes { id wording kind position theme { id name } } }
  }
}`;

export const CONFERENCE_POSTGRAPHILE = `query BenchConference($year: Int!) {
  allConferences(condition: { year: $year }, first: 1) {
    nodes {
      rowId
      year
      title
      status
      cityByHostCityId { rowId name countryByCountryId { rowId code name } }
      attendanceParticipants
      attendanceApproximate
      attendanceWording
      topicsByConferenceId(first: 50, orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) {
        nodes { rowId wording kind position themeByThemeId { rowId name } }
      }
    }
  }
}`;

/**
 * A list page, `organisations(first: 20)`, with its total count and each organisation's country; with `after`,
 * the deep cursor page (the last one). Each server gets its own cursors (PostGraphile's are not ours).
 */
export const ORGANISATIONS = `query BenchOrganisations($first: Int!, $after: String) {
  organisations(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name slug kind country { id code name } }
  }
}`;

export const ORGANISATIONS_POSTGRAPHILE = `query BenchOrganisations($first: Int!, $after: Cursor) {
  allOrganisations(first: $first, after: $after, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) {
    totalCount
    pageInfo { hasNextPage }
    nodes { rowId name slug kind countryByCountryId { rowId code name } }
  }
}`;

/** Three levels of lists: countries, each one's organisations, each organisation's city and conferences hosted. */
export const COUNTRIES_NESTED = `query BenchCountriesNested {
  countries(first: 20) {
    nodes {
      id
      code
      name
      organisations(first: 20) {
        nodes {
          id
          name
          city { id name }
          conferencesHosted(first: 5) { nodes { id year } }
        }
      }
    }
  }
}`;

export const COUNTRIES_NESTED_POSTGRAPHILE = `query BenchCountriesNested {
  allCountries(first: 20, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) {
    nodes {
      rowId
      code
      name
      organisationsByCountryId(first: 20, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) {
        nodes {
          rowId
          name
          cityByCityId { rowId name }
          conferencesByHostOrganisationId(first: 5, orderBy: [YEAR_ASC, PRIMARY_KEY_ASC]) { nodes { rowId year } }
        }
      }
    }
  }
}`;

/** `node(id:)` of an organisation, with its country. */
export const NODE = `query BenchNode($id: ID!) {
  node(id: $id) {
    id
    ... on Organisation { name slug kind country { id code name } }
  }
}`;

export const NODE_POSTGRAPHILE = `query BenchNode($id: ID!) {
  node(id: $id) {
    ... on Organisation { rowId name slug kind countryByCountryId { rowId code name } }
  }
}`;

/** A filtered list: the organisations of one country, by name. */
export const FILTERED = `query BenchFiltered($countryCode: String!) {
  organisations(first: 20, filter: { countryCode: { eq: $countryCode } }) {
    totalCount
    nodes { id name slug city { id name } }
  }
}`;

export const FILTERED_POSTGRAPHILE = `query BenchFiltered($countryId: Int!) {
  allOrganisations(first: 20, condition: { countryId: $countryId }, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) {
    totalCount
    nodes { rowId name slug cityByCityId { rowId name } }
  }
}`;

/**
 * The analysts' operations, which only this API offers (the hand-written baseline and PostGraphile have nothing
 * like them): measured on this server, uncached and cached, and the ceiling.
 */

/** `search(query:)`: ten ranked hits across every kind, each with its record's id. */
export const SEARCH = `query BenchSearch($query: String!) {
  search(query: $query, first: 10) {
    totalCount
    nodes { kind label score field snippet highlights { start length } record { ... on Node { id } } }
  }
}`;

/** A page of conferences with three facet groups and the attendance aggregates beside it. */
export const FACETS = `query BenchFacets {
  conferences(first: 5) {
    totalCount
    nodes { id year }
    facets { year { value count } hostCountry { country { code } count } theme { theme { slug } count } }
    aggregates { count participants { count sum min max average } }
  }
}`;

/** `paths(from:, to:)`: the shortest connections between two records, step by step. */
export const PATHS = `query BenchPaths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 4, first: 3) {
    length
    nodes { ... on Node { id } }
    steps { label direction sentence }
  }
}`;
