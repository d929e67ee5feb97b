import { createClient, type MceClient } from '@mce/sdk';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { databaseState } from '../helpers/database-state';
import { failure } from '../helpers/failure';
import { queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * "An organisation's city is in its organisation's country" is held by the database (a composite foreign key
 * from organisation (city_id, country_id) to city (id, country_id)); the API answers a write that would break it
 * with the same error, code and argument path whichever side the write comes from.
 */
let server: TestServer;
let editor: MceClient;

beforeAll(async () => {
  server = await startTestServer();
  editor = createClient({
    url: server.endpoint,
    headers: {
      authorization: `Bearer ${(await createApiKey(server.orm.em.fork(), 'city-in-country editor', Role.EDITOR)).key}`,
    },
  });
});
afterAll(() => server.close());

/** The one error a call fails with, after checking that it changed no table. */
async function refusal(call: () => Promise<unknown>) {
  const before = await databaseState(server.orm);
  const error = await failure(call());
  expect(await databaseState(server.orm)).toEqual(before);
  expect(error.errors).toHaveLength(1);
  const [{ message, code, argumentPath }] = error.errors;
  return { message, code, argumentPath };
}

async function viennaRecords() {
  const data = await queryData<{
    organisation: { id: string; version: number };
    city: { id: string; version: number };
  }>(server.endpoint, '{ organisation(slug: "vienna") { id version } city(slug: "vienna") { id version } }');
  return data;
}

describe("an organisation's city is in its country", () => {
  it('refuses a new organisation in a city of another country, naming the city', async () => {
    expect(
      await refusal(() =>
        editor.createOrganisation({
          input: { name: 'Misplaced', slug: 'misplaced', kind: 'AGENCY', countryCode: 'FR', citySlug: 'vienna' },
        }),
      ),
    ).toEqual({
      message: 'No City has the slug "vienna" in France.',
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'citySlug'],
    });
  });

  it('refuses moving an organisation to a city of another country, or to a country its city is not in', async () => {
    const { organisation } = await viennaRecords();
    const { id, version } = organisation;
    expect(await refusal(() => editor.updateOrganisation({ input: { id, version, citySlug: 'berlin' } }))).toEqual({
      message: 'No City has the slug "berlin" in Austria.',
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'citySlug'],
    });
    expect(await refusal(() => editor.updateOrganisation({ input: { id, version, countryCode: 'DE' } }))).toEqual({
      message: 'No City has the slug "vienna" in Germany.',
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'citySlug'],
    });
  });

  it('refuses moving a city to another country while organisations are in it', async () => {
    const { city } = await viennaRecords();
    expect(
      await refusal(() => editor.updateCity({ input: { id: city.id, version: city.version, countryCode: 'DE' } })),
    ).toEqual({
      message: '1 organisation(s) in this city would be left in another country; move them first.',
      code: 'CONFLICT',
      argumentPath: ['input', 'countryCode'],
    });
  });

  it('still lets an organisation move with its city, and a city without organisations move', async () => {
    const { createCity } = await editor.createCity({
      input: { name: 'Test Borderville', slug: 'test-borderville', countryCode: 'AT' },
    });
    const { updateCity } = await editor.updateCity({
      input: { id: createCity.id, version: createCity.version, countryCode: 'DE' },
    });
    expect(updateCity).toMatchObject({ slug: 'test-borderville', country: { code: 'DE' } });
    const { createOrganisation } = await editor.createOrganisation({
      input: {
        name: 'Test Borderville Council',
        slug: 'test-borderville-council',
        kind: 'CITY_COUNCIL',
        countryCode: 'DE',
        citySlug: 'test-borderville',
      },
    });
    const { updateOrganisation } = await editor.updateOrganisation({
      input: { id: createOrganisation.id, version: createOrganisation.version, countryCode: 'AT', citySlug: 'vienna' },
    });
    expect(updateOrganisation).toMatchObject({ country: { code: 'AT' }, city: { slug: 'vienna' } });
    await editor.deleteOrganisation({ id: updateOrganisation.id, version: updateOrganisation.version });
    await editor.deleteCity({ id: updateCity.id, version: updateCity.version });
  });

  it('is a rule of the database itself, whichever side a write comes from', async () => {
    const connection = server.orm.em.getConnection();
    await expect(
      connection.execute(
        `update organisation set country_id = (select id from country where code = 'DE') where slug = 'vienna'`,
      ),
    ).rejects.toMatchObject({ constraint: 'organisation_city_in_country_foreign' });
    await expect(
      connection.execute(
        `update city set country_id = (select id from country where code = 'DE') where slug = 'vienna'`,
      ),
    ).rejects.toMatchObject({ constraint: 'organisation_city_in_country_foreign' });
  });
});
