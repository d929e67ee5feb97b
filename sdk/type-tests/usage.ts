/**
 * Compile-time checks of the SDK's types, run by `npm run typecheck` (tsc over sdk/tsconfig.json).
 * Correct usage must compile; each `@ts-expect-error` line must fail to compile, or tsc reports it unused.
 */
import {
  createClient,
  GraphQLRequestError,
  NetworkError,
  TimeoutError,
  type ConferenceQuery,
  type OrganisationKind,
} from '../src/index';

const client = createClient({
  url: 'http://127.0.0.1:4000/graphql',
  headers: async () => ({ authorization: 'Bearer x' }),
});

export async function correctUsage(): Promise<void> {
  const { conference } = await client.conference({ year: 2014 });
  const title: string | null | undefined = conference?.title;
  const status: 'HELD' | 'PLANNED' | undefined = conference?.status;
  const participants: number | null | undefined = conference?.attendance.participants;
  const first: ConferenceQuery['conference'] = conference;
  const kind: OrganisationKind = 'COUNTY';
  await client.organisations({ filter: { kind: { eq: kind } }, first: 10 });
  await client.countries();
  for await (const member of client.paginate(
    client.organisations,
    { filter: { isMember: true } },
    (data) => data.organisations,
  )) {
    const name: string = member.name;
    void name;
  }
  try {
    await client.countries({ first: 500 });
  } catch (error) {
    if (error instanceof GraphQLRequestError) {
      const code: string | undefined = error.errors[0].code;
      void code;
    } else if (error instanceof TimeoutError || error instanceof NetworkError) {
      void error.message;
    }
  }
  void [title, status, participants, first];
}

export async function wrongUsage(): Promise<void> {
  const { conference } = await client.conference({ year: 2014 });
  // @ts-expect-error: a misspelled field does not exist on the result
  void conference?.titel;
  // @ts-expect-error: a required variable is missing
  await client.conference({});
  // @ts-expect-error: the variables of an operation with required ones cannot be left out
  await client.conference();
  // @ts-expect-error: a variable of the wrong type
  await client.conference({ year: '2014' });
  // @ts-expect-error: an enum value the API does not have
  await client.organisations({ filter: { kind: { eq: 'VILLAGE' } } });
  // @ts-expect-error: an unknown filter field
  await client.organisations({ filter: { population: { gt: 1 } } });
  // @ts-expect-error: a field of a fragment the operation does not select
  void conference?.hostCity?.country.alpha3;
  // @ts-expect-error: client options need the endpoint URL
  createClient({ timeoutMs: 1000 });
}
