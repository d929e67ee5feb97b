import { createClient, type MceClient } from '@mce/sdk';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The search index follows every write, in the writing transaction: a record created through a mutation is found
 * at once, a renamed one under its new name only, a deleted one no more; other names (a city's aliases, an
 * organisation's listed-as name) come and go with the rows that hold them. API keys and the audit log, which hold
 * the names of everything written, are never found.
 */
let server: TestServer;
let anonymous: MceClient;
let editor: MceClient;
let admin: MceClient;

beforeAll(async () => {
  server = await startTestServer();
  const em = server.orm.em.fork();
  const clientWith = (key: string) =>
    createClient({ url: server.endpoint, headers: { authorization: `Bearer ${key}` } });
  anonymous = createClient({ url: server.endpoint });
  editor = clientWith((await createApiKey(em, 'search test editor', Role.EDITOR)).key);
  admin = clientWith((await createApiKey(em, 'search test admin', Role.ADMIN)).key);
});
afterAll(() => server.close());

/** Each hit as [kind, label, field]. */
async function found(query: string, kinds?: Array<'CITY' | 'ORGANISATION' | 'THEME' | 'CONFERENCE'>) {
  const { search } = await anonymous.search({ query, kinds, first: 100 });
  return search.nodes.map((hit) => [hit.kind, hit.label, hit.field]);
}

describe('the search index follows writes', () => {
  it('finds a created theme by its name above the same word in a motto, then only by its new name, then not at all', async () => {
    expect(await found('Renaissance')).toEqual([['CONFERENCE', '2016 conference', 'title']]);
    const { createTheme } = await editor.createTheme({
      input: { name: 'Renaissance', slug: 'search-test-renaissance', description: 'Cities reborn through ICT.' },
    });
    // The theme's whole name (1) outranks the word in the 2016 motto "City Renaissance in the Digital Age".
    expect(await found('Renaissance')).toEqual([
      ['THEME', 'Renaissance', 'name'],
      ['CONFERENCE', '2016 conference', 'title'],
    ]);
    expect(await found('reborn')).toEqual([['THEME', 'Renaissance', 'description']]);

    const { updateTheme } = await editor.updateTheme({
      input: { id: createTheme.id, version: createTheme.version, name: 'Rinascimento' },
    });
    expect(await found('Renaissance')).toEqual([['CONFERENCE', '2016 conference', 'title']]);
    expect(await found('Rinascimento')).toEqual([['THEME', 'Rinascimento', 'name']]);
    // The label of every document of the record follows the rename, the description's too.
    expect(await found('reborn')).toEqual([['THEME', 'Rinascimento', 'description']]);

    await editor.deleteTheme({ id: updateTheme.id, version: updateTheme.version });
    expect(await found('Rinascimento')).toEqual([]);
    expect(await found('reborn')).toEqual([]);
  });

  it("keeps a city's other names with the city: added, replaced and deleted with it", async () => {
    const { createCity } = await editor.createCity({
      input: { name: 'La Spezia', slug: 'search-test-la-spezia', countryCode: 'IT', aliases: [{ name: 'Spezza' }] },
    });
    expect(await found('Spezza', ['CITY'])).toEqual([['CITY', 'La Spezia', 'otherName']]);
    expect(await found('La Spez', ['CITY'])).toEqual([['CITY', 'La Spezia', 'name']]);

    const { updateCity } = await editor.updateCity({
      input: {
        id: createCity.id,
        version: createCity.version,
        name: 'Golfo dei Poeti',
        aliases: [{ name: 'Città del Golfo' }],
      },
    });
    // The other names were replaced: the old one is gone, the new one found, under the new name.
    expect(await found('Spezza', ['CITY'])).toEqual([]);
    expect(await found('citta del golfo', ['CITY'])).toEqual([['CITY', 'Golfo dei Poeti', 'otherName']]);
    expect(await found('Golfo', ['CITY'])).toEqual([['CITY', 'Golfo dei Poeti', 'name']]);
    expect(await found('La Spezia', ['CITY'])).toEqual([]);

    await editor.deleteCity({ id: updateCity.id, version: updateCity.version });
    expect(await found('Golfo', ['CITY'])).toEqual([]);
    expect(await found('Città del Golfo', ['CITY'])).toEqual([]);
  });

  it('finds an organisation by the name its membership lists it under, while the membership lasts', async () => {
    const { createOrganisation } = await editor.createOrganisation({
      input: { name: 'Search Test Agency', slug: 'search-test-agency', kind: 'AGENCY', countryCode: 'IT' },
    });
    expect(await found('Agenzia di Prova', ['ORGANISATION'])).toEqual([]);
    const { createMembership } = await editor.createMembership({
      input: { organisationId: createOrganisation.id, listedAs: 'Agenzia di Prova' },
    });
    expect(await found('Agenzia di Prova', ['ORGANISATION'])).toEqual([
      ['ORGANISATION', 'Search Test Agency', 'otherName'],
    ]);
    await editor.deleteMembership({ id: createMembership.id, version: createMembership.version });
    expect(await found('Agenzia di Prova', ['ORGANISATION'])).toEqual([]);
    expect(await found('Search Test Agency', ['ORGANISATION'])).toEqual([
      ['ORGANISATION', 'Search Test Agency', 'name'],
    ]);
    const { organisation } = await anonymous.organisation({ slug: 'search-test-agency' });
    await editor.deleteOrganisation({ id: createOrganisation.id, version: organisation!.version });
    expect(await found('Search Test Agency')).toEqual([]);
  });

  it('highlights in UTF-16 offsets, as JavaScript strings count, past emoji and accents', async () => {
    const description = '🙂🚀 Städte über Brücken verbinden';
    const { createTheme } = await editor.createTheme({
      input: { name: 'Ökosystem Süd', slug: 'search-test-okosystem', description },
    });
    const { search } = await anonymous.search({ query: 'brucken', kinds: ['THEME'] });
    expect(search.nodes).toEqual([
      expect.objectContaining({
        field: 'description',
        snippet: description,
        highlights: [{ start: description.indexOf('Brücken'), length: 'Brücken'.length }],
      }),
    ]);
    // Typed halfway, without the accent: the typed part of the word is highlighted, in the record's spelling.
    const { search: typed } = await anonymous.search({ query: 'okosys sud', kinds: ['THEME'] });
    const [hit] = typed.nodes;
    expect(hit.highlights.map((range) => hit.snippet.slice(range.start, range.start + range.length))).toEqual([
      'Ökosys',
      'Süd',
    ]);
    await editor.deleteTheme({ id: createTheme.id, version: createTheme.version });
  });

  it('never finds API keys or the audit log', async () => {
    await admin.createApiKey({ input: { name: 'Quetzalcoatl importer', role: 'EDITOR' } });
    const { createTheme } = await editor.createTheme({
      input: { name: 'Xylophone theme', slug: 'search-test-xylophone', description: 'Deleted again at once.' },
    });
    await editor.deleteTheme({ id: createTheme.id, version: createTheme.version });
    // The key's name is in `api_key`, the theme's name in the audit entries of its creation and deletion.
    const [audited] = await server.orm.em
      .fork()
      .getConnection()
      .execute(
        `select count(*)::int as count from audit_entry where coalesce("before", "after")::text like '%Xylophone theme%'`,
      );
    expect(audited.count).toBe(2);
    expect(await found('Quetzalcoatl')).toEqual([]);
    expect(await found('Xylophone')).toEqual([]);
    expect(await found('search test editor')).toEqual([]);
  });

  it('holds after all of it exactly the documents the records give (search_source), no more and no fewer', async () => {
    const connection = server.orm.em.fork().getConnection();
    const columns = 'kind, record_id, field, text, label, weight';
    const [difference] = await connection.execute(
      `select
        (select count(*)::int from (select ${columns} from search_source where search_key(text) <> ''
          except all select ${columns} from search_document) as missing) as missing,
        (select count(*)::int from (select ${columns} from search_document
          except all select ${columns} from search_source) as extra) as extra,
        (select count(*)::int from search_document) as documents`,
    );
    expect({ missing: difference.missing, extra: difference.extra }).toEqual({ missing: 0, extra: 0 });
    expect(difference.documents).toBeGreaterThan(300);
  });
});
