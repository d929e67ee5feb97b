/**
 * The GraphQL operations the benchmarks drive: the SDK's own typed documents (sdk/operations, exported by
 * @mce/sdk), printed with graphql's `print`, so a benchmark measures what the SDK's users send. Their variables
 * rotate over real years, cursors and ids, read from the server first (with the SDK's client), so that every
 * request asks for something that exists.
 */
import {
  ConferenceDocument,
  CountriesWithMembersDocument,
  createClient,
  NodeDocument,
  OrganisationsDocument,
} from '@mce/sdk';
import { print, type DocumentNode } from 'graphql';
import type { Target } from './load';

/**
 * One request body per set of variables: `{ query, variables, operationName }`, as the SDK's client sends it. The
 * variables are checked against the typed document's.
 */
function bodies<V>(document: DocumentNode & { __apiType?: (variables: V) => unknown }, variableSets: V[]): string[] {
  const query = print(document);
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');
  const operationName = operation?.kind === 'OperationDefinition' ? operation.name?.value : undefined;
  return variableSets.map((variables) => JSON.stringify({ query, variables, operationName }));
}

/**
 * The four operations, each a POST to the endpoint's path: a lookup with nested lists (Conference), a list page
 * (Organisations, pages 1 and 2), three levels of lists (CountriesWithMembers) and node(id:) over organisations,
 * conferences, cities and countries.
 */
export async function graphqlTargets(endpoint: string): Promise<Target[]> {
  const client = createClient({ url: endpoint, timeoutMs: 30_000 });
  const [{ conferences }, { organisations }, { cities }, { countries }] = await Promise.all([
    client.conferences({ first: 100 }),
    client.organisations({ first: 20 }),
    client.cities({ first: 10 }),
    client.countries({ first: 10 }),
  ]);
  const years = conferences.nodes.map((node) => node.year);
  // The first page, and the second one when there is one.
  const next = organisations.pageInfo.endCursor;
  const cursors = next ? [null, next] : [null];
  const ids = [...organisations.nodes, ...conferences.nodes.slice(0, 10), ...cities.nodes, ...countries.nodes].map(
    (node) => node.id,
  );
  if (years.length === 0 || ids.length === 0) throw new Error('the database holds no conferences or organisations');

  const path = new URL(endpoint).pathname;
  const post = (name: string, rootField: string, requestBodies: string[]): Target => ({
    name,
    method: 'POST',
    path,
    rootField,
    bodies: requestBodies,
  });
  return [
    post(
      'Conference(year)',
      'conference',
      bodies(
        ConferenceDocument,
        years.map((year) => ({ year })),
      ),
    ),
    post(
      'Organisations(first: 20)',
      'organisations',
      bodies(
        OrganisationsDocument,
        cursors.map((after) => ({ first: 20, after })),
      ),
    ),
    post(
      'CountriesWithMembers(first: 20)',
      'countries',
      bodies(CountriesWithMembersDocument, [{ first: 20, membersFirst: 10 }]),
    ),
    post(
      'Node(id)',
      'node',
      bodies(
        NodeDocument,
        ids.map((id) => ({ id })),
      ),
    ),
  ];
}
