import type { RecordKind } from './kinds';

/** The page's only counterpart: this server's GraphQL endpoint (the page's CSP allows nothing else). */
const ENDPOINT = '/graphql';

/** The SDK's registered operations the page sends, by name, put in by explore/build.mjs from the SDK's manifest. */
declare const EXPLORER_OPERATIONS: Record<'Graph' | 'Paths' | 'Search' | 'Countries' | 'Themes', string>;

export interface GraphFilter {
  kinds?: RecordKind[];
  fromYear?: number;
  toYear?: number;
  countries?: string[];
  themes?: string[];
}

export interface GraphNode {
  id: string;
  kind: RecordKind;
  label: string;
  degree: number;
  country: string | null;
  years: number[];
  themes: string[];
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  text: string;
  year: number | null;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  nodeCount: number;
  edgeCount: number;
}

export interface SearchHit {
  record: { id: string };
  kind: RecordKind;
  label: string;
  /** The field that matched, e.g. "otherName" for "Firenze", and the text around the match. */
  field: string;
  snippet: string;
  highlights: { start: number; length: number }[];
}

export interface PathStep {
  from: { id: string };
  to: { id: string };
  /** The graph edge walked (GraphEdge.id), and whether the step walks it from its source (FORWARD) or back. */
  edgeId: string;
  direction: 'FORWARD' | 'BACKWARD';
  label: string;
  text: string;
  year: number | null;
}

export interface Path {
  length: number;
  nodes: { id: string }[];
  steps: PathStep[];
}

export interface Choice {
  value: string;
  label: string;
}

export class ApiError extends Error {}

async function request<T>(
  operation: keyof typeof EXPLORER_OPERATIONS,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: EXPLORER_OPERATIONS[operation], operationName: operation, variables }),
    signal,
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new ApiError(body.errors.map((error) => error.message).join('; '));
  if (!body.data) throw new ApiError(`The server answered ${response.status} with no data.`);
  return body.data;
}

export async function fetchGraph(filter: GraphFilter): Promise<Graph> {
  return (await request<{ graph: Graph }>('Graph', { filter })).graph;
}

export async function searchRecords(query: string, first: number, signal: AbortSignal): Promise<SearchHit[]> {
  return (await request<{ search: { nodes: SearchHit[] } }>('Search', { query, first }, signal)).search.nodes;
}

export async function fetchPaths(from: string, to: string): Promise<Path[]> {
  return (await request<{ paths: Path[] }>('Paths', { from, to, maxHops: 4, first: 3 })).paths;
}

/** The country and theme lists of the filter form: ISO codes and theme slugs are what GraphFilter takes. */
export async function fetchChoices(): Promise<{ countries: Choice[]; themes: Choice[] }> {
  const [{ countries }, { themes }] = await Promise.all([
    request<{ countries: { nodes: { code: string; name: string }[] } }>('Countries', { first: 100 }),
    request<{ themes: { nodes: { slug: string; name: string }[] } }>('Themes', { first: 100 }),
  ]);
  const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label);
  return {
    countries: countries.nodes.map((country) => ({ value: country.code, label: country.name })).sort(byLabel),
    themes: themes.nodes.map((theme) => ({ value: theme.slug, label: theme.name })).sort(byLabel),
  };
}

/** The export endpoint's address for a format, with the drawing's filters as query parameters. */
export function exportUrl(format: 'graphml' | 'gexf' | 'json' | 'zip', filter: GraphFilter): string {
  const parameters = new URLSearchParams();
  if (filter.kinds?.length) parameters.set('kinds', filter.kinds.join(','));
  if (filter.fromYear !== undefined) parameters.set('fromYear', String(filter.fromYear));
  if (filter.toYear !== undefined) parameters.set('toYear', String(filter.toYear));
  if (filter.countries?.length) parameters.set('countries', filter.countries.join(','));
  if (filter.themes?.length) parameters.set('themes', filter.themes.join(','));
  const query = parameters.toString();
  return `/graph/export.${format}${query ? `?${query}` : ''}`;
}
