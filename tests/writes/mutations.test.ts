import { createClient, GraphQLRequestError, type MceClient } from '@mce/sdk';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/common/logger';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { failure } from '../helpers/failure';
import { captureLogs } from '../helpers/logs';
import { databaseState } from '../helpers/database-state';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';

/**
 * Editing the graph through the SDK over HTTP: every mutation needs a key with the right role, validates its
 * input, checks versions, runs in one transaction, and leaves the data exactly as it was when it fails.
 */
let server: TestServer;
let anonymous: MceClient;
let editor: MceClient;
let admin: MceClient;
let revokedKey: string;
let adminKey: string;

beforeAll(async () => {
  server = await startTestServer();
  const em = server.orm.em.fork();
  const clientWith = (key: string) =>
    createClient({ url: server.endpoint, headers: { authorization: `Bearer ${key}` } });
  anonymous = createClient({ url: server.endpoint });
  editor = clientWith((await createApiKey(em, 'test editor', Role.EDITOR)).key);
  adminKey = (await createApiKey(em, 'test admin', Role.ADMIN)).key;
  admin = clientWith(adminKey);
  const revoked = await createApiKey(em, 'revoked', Role.ADMIN);
  revokedKey = revoked.key;
  revoked.apiKey.revokedAt = new Date();
  await em.flush();
});
afterAll(() => server.close());

/** Runs a call that must fail with `code`, and checks that no table changed. */
async function rejectsWithoutChange(call: () => Promise<unknown>, code: string, argumentPath?: Array<string | number>) {
  const before = await databaseState(server.orm);
  const error = await failure(call());
  expect(error.codes).toEqual([code]);
  if (argumentPath) expect(error.errors[0].argumentPath).toEqual(argumentPath);
  expect(await databaseState(server.orm)).toEqual(before);
  return error;
}

const newTheme = {
  name: 'Test theme: data spaces',
  slug: 'test-data-spaces',
  description: 'Shared data spaces between cities.',
};

describe('access', () => {
  it('refuses a mutation without a key (UNAUTHENTICATED), changing nothing', async () => {
    const error = await rejectsWithoutChange(() => anonymous.createTheme({ input: newTheme }), 'UNAUTHENTICATED');
    expect(error.errors[0].message).toMatch(/Authorization: Bearer/);
  });

  it('refuses an unknown, malformed or revoked key (UNAUTHENTICATED)', async () => {
    for (const key of ['mce_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'not-a-key', revokedKey]) {
      const client = createClient({ url: server.endpoint, headers: { authorization: `Bearer ${key}` } });
      await rejectsWithoutChange(() => client.createTheme({ input: newTheme }), 'UNAUTHENTICATED');
    }
  });

  it('refuses admin work to an editor key (FORBIDDEN)', async () => {
    await rejectsWithoutChange(() => editor.createApiKey({ input: { name: 'sneaky', role: 'ADMIN' } }), 'FORBIDDEN');
    await rejectsWithoutChange(() => editor.auditLog(), 'FORBIDDEN');
  });

  it('keeps reads public', async () => {
    const { theme } = await anonymous.theme({ slug: 'cybersecurity' });
    expect(theme?.name).toBe('Cybersecurity');
  });

  it('lets an admin create a key that works at once, list keys without secrets, and revoke one', async () => {
    const { createApiKey: created } = await admin.createApiKey({ input: { name: 'importer', role: 'EDITOR' } });
    expect(created.key).toMatch(/^mce_[0-9a-f]{12}_/);
    expect(created.apiKey).toMatchObject({
      name: 'importer',
      role: 'EDITOR',
      prefix: created.key.slice(4, 16),
      revokedAt: null,
    });
    const importer = createClient({ url: server.endpoint, headers: { authorization: `Bearer ${created.key}` } });
    const { createTheme } = await importer.createTheme({
      input: { ...newTheme, name: 'Importer theme', slug: 'importer-theme' },
    });
    await importer.deleteTheme({ id: createTheme.id, version: createTheme.version });

    const { apiKeys } = await admin.apiKeys({ filter: { name: { eq: 'importer' } } });
    expect(apiKeys.nodes).toHaveLength(1);
    expect(JSON.stringify(apiKeys)).not.toContain(created.key.slice(17));

    await admin.revokeApiKey({ id: created.apiKey.id });
    await rejectsWithoutChange(() => importer.createTheme({ input: newTheme }), 'UNAUTHENTICATED');
  });
});

describe('countries', () => {
  it('create, update with the current version, and delete', async () => {
    const { createCountry } = await editor.createCountry({
      input: { code: 'PT', alpha3: 'PRT', name: 'Portugal', inEurope: true },
    });
    expect(createCountry).toMatchObject({ code: 'PT', name: 'Portugal', sourceLabel: null, version: 1 });
    const { updateCountry } = await editor.updateCountry({
      input: { id: createCountry.id, version: 1, sourceLabel: 'POR Portugal' },
    });
    expect(updateCountry).toMatchObject({ name: 'Portugal', sourceLabel: 'POR Portugal', version: 2 });
    await editor.deleteCountry({ id: createCountry.id, version: 2 });
    expect((await anonymous.country({ code: 'PT' })).country).toBeNull();
  });

  it.each([
    ['a lower-case code', { code: 'pt', alpha3: 'PRT', name: 'Portugal', inEurope: true }, ['input', 'code']],
    ['a two-letter alpha-3 code', { code: 'PT', alpha3: 'PR', name: 'Portugal', inEurope: true }, ['input', 'alpha3']],
    ['an empty name', { code: 'PT', alpha3: 'PRT', name: '', inEurope: true }, ['input', 'name']],
  ])('rejects %s (BAD_USER_INPUT naming the field)', async (_label, input, argumentPath) => {
    await rejectsWithoutChange(() => editor.createCountry({ input }), 'BAD_USER_INPUT', argumentPath);
  });

  it('refuses a code that exists (CONFLICT)', async () => {
    await rejectsWithoutChange(
      () => editor.createCountry({ input: { code: 'AT', alpha3: 'AUX', name: 'Austria again', inEurope: true } }),
      'CONFLICT',
    );
  });

  it('refuses a stale version (CONFLICT) and overwrites nothing', async () => {
    const { country } = await anonymous.country({ code: 'SE' });
    await rejectsWithoutChange(
      () => editor.updateCountry({ input: { id: country!.id, version: country!.version + 1, name: 'Svea' } }),
      'CONFLICT',
      ['version'],
    );
  });

  it('refuses to set a required field to null', async () => {
    const { country } = await anonymous.country({ code: 'SE' });
    await rejectsWithoutChange(
      () => editor.updateCountry({ input: { id: country!.id, version: country!.version, name: null } }),
      'BAD_USER_INPUT',
      ['input', 'name'],
    );
  });

  it('refuses to delete a country that members and cities refer to', async () => {
    const { country } = await anonymous.country({ code: 'AT' });
    const error = await rejectsWithoutChange(
      () => editor.deleteCountry({ id: country!.id, version: country!.version }),
      'CONFLICT',
    );
    expect(error.errors[0].message).toMatch(/refer to this one/);
  });

  it('answers NOT_FOUND for an ID of nothing, naming the argument', async () => {
    const missing = Buffer.from('Country:999999').toString('base64url');
    await rejectsWithoutChange(() => editor.deleteCountry({ id: missing, version: 1 }), 'NOT_FOUND', ['id']);
  });
});

describe('cities and organisations', () => {
  it('create a city with another name, a member organisation in it, and end its membership', async () => {
    const { createCity } = await editor.createCity({
      input: { name: 'Lisbon', slug: 'lisbon', countryCode: 'IT', aliases: [{ name: 'Lisboa', language: 'pt' }] },
    });
    expect(createCity).toMatchObject({
      name: 'Lisbon',
      country: { code: 'IT' },
      aliases: { nodes: [{ name: 'Lisboa', language: 'pt' }] },
    });
    expect((await anonymous.city({ name: 'lisboa' })).city?.id).toBe(createCity.id);

    const { createOrganisation } = await editor.createOrganisation({
      input: {
        name: 'Lisbon test member',
        slug: 'lisbon-test-member',
        kind: 'CITY',
        countryCode: 'IT',
        citySlug: 'lisbon',
      },
    });
    expect(createOrganisation).toMatchObject({ isMember: false, city: { slug: 'lisbon' }, country: { code: 'IT' } });
    const { createMembership } = await editor.createMembership({
      input: { organisationId: createOrganisation.id, listedAs: 'Lisboa' },
    });
    expect(createMembership).toMatchObject({ status: 'ACTIVE', listedAs: 'Lisboa', organisation: { isMember: true } });
    await rejectsWithoutChange(
      () => editor.createMembership({ input: { organisationId: createOrganisation.id } }),
      'CONFLICT',
    );

    const { updateMembership } = await editor.updateMembership({
      input: {
        id: createMembership.id,
        version: createMembership.version,
        status: 'FORMER',
        listedAs: 'Lisboa (former)',
      },
    });
    expect(updateMembership).toMatchObject({
      status: 'FORMER',
      listedAs: 'Lisboa (former)',
      note: null,
      organisation: { isMember: false },
    });

    const { updateCity } = await editor.updateCity({
      input: {
        id: createCity.id,
        version: createCity.version,
        aliases: [
          { name: 'Lisboa', language: 'pt' },
          { name: 'Olisipo', language: 'la' },
        ],
      },
    });
    expect(updateCity).toMatchObject({
      version: createCity.version + 1,
      aliases: { nodes: [{ name: 'Lisboa' }, { name: 'Olisipo' }] },
    });
    const { updateOrganisation } = await editor.updateOrganisation({
      input: { id: createOrganisation.id, version: createOrganisation.version, kind: 'CITY_COUNCIL', citySlug: null },
    });
    expect(updateOrganisation).toMatchObject({
      kind: 'CITY_COUNCIL',
      city: null,
      country: { code: 'IT' },
      version: createOrganisation.version + 1,
    });
    await editor.deleteMembership({ id: createMembership.id, version: updateMembership.version });
    expect((await anonymous.organisation({ slug: 'lisbon-test-member' })).organisation?.membership).toBeNull();

    // A city its organisations refer to cannot go; once they are gone, it can, with its other names.
    await editor.updateOrganisation({
      input: { id: createOrganisation.id, version: updateOrganisation.version, citySlug: 'lisbon' },
    });
    await rejectsWithoutChange(() => editor.deleteCity({ id: createCity.id, version: updateCity.version }), 'CONFLICT');
    await editor.deleteOrganisation({ id: createOrganisation.id, version: updateOrganisation.version + 1 });
    await editor.deleteCity({ id: createCity.id, version: updateCity.version });
    expect((await anonymous.city({ name: 'Lisboa' })).city).toBeNull();
    expect((await anonymous.memberships()).memberships.totalCount).toBe(48);
  });

  it('refuses references that do not exist or do not fit, naming the field', async () => {
    await rejectsWithoutChange(
      () => editor.createCity({ input: { name: 'Atlantis', slug: 'atlantis', countryCode: 'XX' } }),
      'BAD_USER_INPUT',
      ['input', 'countryCode'],
    );
    await rejectsWithoutChange(
      () =>
        editor.createOrganisation({
          input: { name: 'Misplaced', slug: 'misplaced', kind: 'AGENCY', countryCode: 'FR', citySlug: 'vienna' },
        }),
      'BAD_USER_INPUT',
      ['input', 'citySlug'],
    );
  });

  it('keeps one city per name within a country (CONFLICT)', async () => {
    await rejectsWithoutChange(
      () => editor.createCity({ input: { name: 'Vienna', slug: 'vienna-2', countryCode: 'AT' } }),
      'CONFLICT',
    );
  });
});

describe('conferences with their topics', () => {
  it('create a conference and its topics in one go, visible under their themes, then replace the topics', async () => {
    const { createConference } = await editor.createConference({
      input: {
        year: 2031,
        status: 'PLANNED',
        format: 'IN_PERSON',
        title: 'Test conference',
        hostCitySlug: 'trikala',
        startDate: '2031-06-10',
        endDate: '2031-06-12',
        languages: ['English'],
        attendance: { participants: 150, approximate: true },
        topics: [
          { wording: 'Cyber resilience for small cities', themeSlug: 'cybersecurity' },
          { wording: 'Open data in practice', themeSlug: 'open-government-and-data', kind: 'SESSION_TOPIC' },
        ],
      },
    });
    expect(createConference).toMatchObject({
      year: 2031,
      hostCity: { name: 'Trikala' },
      attendance: { participants: 150, approximate: true },
      topics: {
        nodes: [
          { position: 1, theme: { slug: 'cybersecurity' } },
          { position: 2, kind: 'SESSION_TOPIC' },
        ],
      },
    });
    const { theme } = await anonymous.theme({ slug: 'cybersecurity' });
    expect(theme?.conferences.nodes.map((conference) => conference.year)).toEqual([2014, 2016, 2021, 2031]);

    const { updateConference } = await editor.updateConference({
      input: {
        id: createConference.id,
        version: createConference.version,
        topics: [{ wording: 'Only topic', themeSlug: 'education' }],
      },
    });
    expect(updateConference.topics.nodes).toMatchObject([{ wording: 'Only topic', position: 1 }]);
    expect(updateConference.version).toBe(createConference.version + 1);

    await editor.deleteConference({ id: createConference.id, version: updateConference.version });
    expect((await anonymous.conference({ year: 2031 })).conference).toBeNull();
    expect((await anonymous.topics({ filter: { wording: { eq: 'Only topic' } } })).topics.totalCount).toBe(0);
  });

  it('creates nothing when one topic is wrong (all or nothing)', async () => {
    await rejectsWithoutChange(
      () =>
        editor.createConference({
          input: {
            year: 2032,
            status: 'PLANNED',
            format: 'VIRTUAL',
            topics: [
              { wording: 'Fine', themeSlug: 'education' },
              { wording: 'Unknown theme', themeSlug: 'astrology' },
            ],
          },
        }),
      'BAD_USER_INPUT',
      ['input', 'topics', 1, 'themeSlug'],
    );
  });

  it.each([
    ['a year before the association', { year: 1970 }, ['input', 'year']],
    ['an end before the start', { year: 2033, startDate: '2033-05-10', endDate: '2033-05-09' }, ['input', 'endDate']],
    ['a start outside the year', { year: 2033, startDate: '2034-05-10' }, ['input', 'startDate']],
    [
      'a negative attendance',
      { year: 2033, attendance: { participants: -5 } },
      ['input', 'attendance', 'participants'],
    ],
  ])('rejects %s', async (_label, fields, argumentPath) => {
    await rejectsWithoutChange(
      () => editor.createConference({ input: { status: 'PLANNED', format: 'IN_PERSON', ...fields } as never }),
      'BAD_USER_INPUT',
      argumentPath,
    );
  });

  it('keeps one conference per year (CONFLICT)', async () => {
    await rejectsWithoutChange(
      () => editor.createConference({ input: { year: 2014, status: 'HELD', format: 'IN_PERSON' } }),
      'CONFLICT',
    );
  });
});

describe('workshops, people, talks, projects and partnerships', () => {
  it('create a workshop with its topic, change it and delete it', async () => {
    const { createWorkshop } = await editor.createWorkshop({
      input: {
        title: 'Data spaces',
        slug: 'data-spaces',
        hostCitySlug: 'eindhoven',
        heldOn: '2030-03-04',
        topics: [{ wording: 'Data spaces', themeSlug: 'data-and-big-data' }],
      },
    });
    expect(createWorkshop).toMatchObject({
      hostCity: { name: 'Eindhoven' },
      heldOn: '2030-03-04',
      topics: { nodes: [{ kind: 'WORKSHOP_TOPIC', theme: { slug: 'data-and-big-data' } }] },
    });
    const { updateWorkshop } = await editor.updateWorkshop({
      input: { id: createWorkshop.id, version: createWorkshop.version, hostCitySlug: null },
    });
    expect(updateWorkshop.hostCity).toBeNull();
    await rejectsWithoutChange(
      () =>
        editor.updateWorkshop({
          input: {
            id: createWorkshop.id,
            version: updateWorkshop.version,
            topics: [{ wording: 'x', themeSlug: 'nope' }],
          },
        }),
      'BAD_USER_INPUT',
      ['input', 'topics', 0, 'themeSlug'],
    );
    await editor.deleteWorkshop({ id: createWorkshop.id, version: updateWorkshop.version });
    expect((await anonymous.workshop({ slug: 'data-spaces' })).workshop).toBeNull();
  });

  it('record a speaker, their talk under a topic of that conference, and an office', async () => {
    const { createPerson } = await editor.createPerson({ input: { name: 'Ada Example', slug: 'ada-example' } });
    const { conference } = await anonymous.conference({ year: 2014 });
    const cyber = conference!.topics.nodes.find((topic) => topic.wording === 'Cyber Security')!;
    const { createTalk } = await editor.createTalk({
      input: {
        title: 'Securing a city',
        conferenceYear: 2014,
        speakerSlug: 'ada-example',
        organisationSlug: 'zurich',
        topicId: cyber.id,
      },
    });
    expect(createTalk).toMatchObject({
      conference: { year: 2014 },
      speaker: { name: 'Ada Example' },
      organisation: { name: 'Zurich' },
      topic: { wording: 'Cyber Security' },
    });
    expect(
      (await anonymous.talks({ filter: { themeSlug: { eq: 'cybersecurity' } } })).talks.nodes.map((talk) => talk.title),
    ).toEqual(['Securing a city']);

    const { conference: other } = await anonymous.conference({ year: 2015 });
    await rejectsWithoutChange(
      () =>
        editor.createTalk({
          input: {
            title: 'Wrong topic',
            conferenceYear: 2014,
            speakerSlug: 'ada-example',
            topicId: other!.topics.nodes[0].id,
          },
        }),
      'BAD_USER_INPUT',
      ['input', 'topicId'],
    );
    // A speaker with talks cannot be deleted until the talks are.
    await rejectsWithoutChange(
      () => editor.deletePerson({ id: createPerson.id, version: createPerson.version }),
      'CONFLICT',
    );
    const { updateTalk } = await editor.updateTalk({
      input: { id: createTalk.id, version: createTalk.version, title: 'Securing a small city' },
    });
    expect(updateTalk).toMatchObject({ title: 'Securing a small city', version: 2 });
    await editor.deleteTalk({ id: createTalk.id, version: updateTalk.version });

    const { createAssociationRole } = await editor.createAssociationRole({
      input: { title: 'Treasurer', personSlug: 'ada-example' },
    });
    expect((await anonymous.associationRoles()).associationRoles.nodes.map((role) => role.title)).toEqual([
      'President',
      'Treasurer',
    ]);
    await editor.deleteAssociationRole({ id: createAssociationRole.id, version: createAssociationRole.version });
    const { updatePerson } = await editor.updatePerson({
      input: { id: createPerson.id, version: createPerson.version, name: 'Ada B. Example' },
    });
    await editor.deletePerson({ id: createPerson.id, version: updatePerson.version });
    expect((await anonymous.people()).people.totalCount).toBe(1);
  });

  it('create a project with participants presented at an event, and replace its participants', async () => {
    const { createProject } = await editor.createProject({
      input: {
        name: 'Test twin cities',
        slug: 'test-twin-cities',
        kind: 'EU_PROJECT',
        description: 'Digital twins for cities.',
        presentedAtSlug: 'european-local-government-conference-on-ict',
        participants: [
          { organisationSlug: 'vienna', role: 'PARTICIPANT' },
          { organisationSlug: 'vitako', role: 'ORGANISER' },
        ],
      },
    });
    expect(createProject).toMatchObject({
      presentedAt: { slug: 'european-local-government-conference-on-ict' },
      participants: {
        nodes: [
          { role: 'PARTICIPANT', organisation: { slug: 'vienna' } },
          { role: 'ORGANISER', organisation: { slug: 'vitako' } },
        ],
      },
    });
    await rejectsWithoutChange(
      () =>
        editor.updateProject({
          input: {
            id: createProject.id,
            version: createProject.version,
            participants: [{ organisationSlug: 'atlantis', role: 'PARTICIPANT' }],
          },
        }),
      'BAD_USER_INPUT',
      ['input', 'participants', 0, 'organisationSlug'],
    );
    const { updateProject } = await editor.updateProject({
      input: {
        id: createProject.id,
        version: createProject.version,
        participants: [{ organisationSlug: 'zagreb', role: 'PARTICIPANT' }],
      },
    });
    expect(updateProject.participants.nodes).toMatchObject([{ organisation: { slug: 'zagreb' } }]);
    await editor.deleteProject({ id: createProject.id, version: updateProject.version });
    expect((await anonymous.projects()).projects.totalCount).toBe(3);
  });

  it('create, change and delete a partnership for a conference', async () => {
    const { organisation } = await anonymous.organisation({ slug: 'public-technology-institute' });
    const { createPartnership } = await editor.createPartnership({
      input: {
        organisationId: organisation!.id,
        kind: 'SPONSOR',
        conferenceYear: 2016,
        description: 'Test sponsorship.',
      },
    });
    expect(createPartnership).toMatchObject({ kind: 'SPONSOR', conference: { year: 2016 } });
    const { updatePartnership } = await editor.updatePartnership({
      input: { id: createPartnership.id, version: createPartnership.version, description: null },
    });
    expect(updatePartnership).toMatchObject({ kind: 'SPONSOR', description: null, version: 2 });
    await rejectsWithoutChange(
      () =>
        editor.createPartnership({
          input: { organisationId: organisation!.id, kind: 'SPONSOR', conferenceYear: 1999 },
        }),
      'BAD_USER_INPUT',
      ['input', 'conferenceYear'],
    );
    await editor.deletePartnership({ id: createPartnership.id, version: updatePartnership.version });
    expect((await anonymous.partnerships({ filter: { kind: { eq: 'SPONSOR' } } })).partnerships.totalCount).toBe(0);
  });
});

describe('the association', () => {
  it('updates its own description, checking the version', async () => {
    const { association } = await anonymous.association();
    const { updateAssociation } = await editor.updateAssociation({
      input: {
        id: association!.id,
        version: association!.version,
        newsletterDescription: 'News, events and emerging technologies.',
      },
    });
    expect(updateAssociation).toMatchObject({
      newsletterDescription: 'News, events and emerging technologies.',
      version: association!.version + 1,
    });
    await rejectsWithoutChange(
      () =>
        editor.updateAssociation({
          input: { id: association!.id, version: association!.version, mission: 'Stale write' },
        }),
      'CONFLICT',
      ['version'],
    );
    await editor.updateAssociation({
      input: {
        id: association!.id,
        version: updateAssociation.version,
        newsletterDescription: association!.newsletterDescription,
      },
    });
  });
});

describe('secrets', () => {
  it('never writes an API key to the log, even a rejected one, at any level', async () => {
    // Debug is the most the log ever says (it adds request variables); JSON and the pretty form alike.
    for (const logFormat of ['json', 'pretty'] as const) {
      const logs = captureLogs();
      // A second app on this file's ORM (the embedded engine takes one connection), logging into `logs`.
      const config = { ...testConfig, environment: 'test', logLevel: 'debug', logFormat } as const;
      const running = await (
        await createApp({ orm: server.orm, config, logger: createLogger(config, logs.destination) })
      ).listen(0, '127.0.0.1');
      const logging = { endpoint: `${running.url}/graphql`, close: running.close };
      try {
        const badKey = 'mce_0123456789ab_SECRETSECRETSECRETSECRETSECRETSECRETSECRET12';
        const client = createClient({ url: logging.endpoint, headers: { authorization: `Bearer ${badKey}` } });
        await failure(client.createTheme({ input: newTheme }));
        const adminAtDebug = createClient({ url: logging.endpoint, headers: { authorization: `Bearer ${adminKey}` } });
        await failure(adminAtDebug.createTheme({ input: { ...newTheme, slug: 'Not A Slug' } }));
        // The requests were logged (one line each, with their variables), without the key.
        const requestLines = logs.lines().filter((line) => line.includes('graphql request'));
        expect(requestLines).toHaveLength(2);
        expect(requestLines.every((line) => line.includes('Not A Slug') || line.includes('test-data-spaces'))).toBe(
          true,
        );
        expect(logs.lines().join('\n')).not.toContain('SECRETSECRET');
        expect(logs.lines().join('\n')).not.toContain(adminKey);
      } finally {
        await logging.close();
      }
    }
  });
});

describe('the audit log', () => {
  it('records who changed what, with the record before and after', async () => {
    const { createTheme } = await editor.createTheme({ input: newTheme });
    const { updateTheme } = await editor.updateTheme({
      input: { id: createTheme.id, version: 1, description: 'Changed.' },
    });
    await editor.deleteTheme({ id: updateTheme.id, version: updateTheme.version });

    const { auditLog } = await admin.auditLog({ filter: { recordId: createTheme.id } });
    expect(
      auditLog.nodes.map((entry) => [
        entry.action,
        entry.apiKey.name,
        entry.before?.description ?? null,
        entry.after?.description ?? null,
      ]),
    ).toEqual([
      ['CREATE', 'test editor', null, 'Shared data spaces between cities.'],
      ['UPDATE', 'test editor', 'Shared data spaces between cities.', 'Changed.'],
      ['DELETE', 'test editor', 'Changed.', null],
    ]);
    expect(auditLog.nodes.every((entry) => entry.recordId === createTheme.id)).toBe(true);
  });

  it('never stores a key or its hash', async () => {
    const { auditLog } = await admin.auditLog({ filter: { entityType: { eq: 'ApiKey' } }, first: 100 });
    expect(auditLog.totalCount).toBeGreaterThan(0);
    expect(JSON.stringify(auditLog)).not.toMatch(/"hash"|mce_[0-9a-f]{12}_/);
  });
});

describe('under concurrency', () => {
  it('lets exactly one of many parallel updates of one version win, and loses none of the retried ones', async () => {
    const { createTheme } = await editor.createTheme({
      input: { ...newTheme, slug: 'concurrency-theme', name: 'Concurrency theme' },
    });
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        editor.updateTheme({
          input: { id: createTheme.id, version: createTheme.version, description: `writer ${index}` },
        }),
      ),
    );
    const winners = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const losers = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(
      losers.every((attempt) => attempt.reason instanceof GraphQLRequestError && attempt.reason.hasCode('CONFLICT')),
    ).toBe(true);

    // Ten writers each add their word, re-reading and retrying on CONFLICT: every word must survive.
    const words = Array.from({ length: 10 }, (_, index) => `w${index}`);
    await Promise.all(
      words.map(async (word) => {
        for (let attempt = 0; attempt < 100; attempt += 1) {
          const { theme } = await anonymous.theme({ slug: 'concurrency-theme' });
          try {
            await editor.updateTheme({
              input: { id: theme!.id, version: theme!.version, description: `${theme!.description} ${word}` },
            });
            return;
          } catch (error) {
            if (!(error instanceof GraphQLRequestError && error.hasCode('CONFLICT'))) throw error;
          }
        }
        throw new Error(`${word} never got through`);
      }),
    );
    const { theme } = await anonymous.theme({ slug: 'concurrency-theme' });
    expect(
      theme!.description
        .split(' ')
        .filter((part) => words.includes(part))
        .sort(),
    ).toEqual(words);
    await editor.deleteTheme({
      id: theme!.id,
      version: (await anonymous.theme({ slug: 'concurrency-theme' })).theme!.version,
    });
  });

  it('creates exactly one row when many clients insert the same unique key at once', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        editor.createConference({ input: { year: 2040, status: 'PLANNED', format: 'VIRTUAL' } }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    const { conferences } = await anonymous.conferences({ filter: { year: { eq: 2040 } } });
    expect(conferences.totalCount).toBe(1);
    await editor.deleteConference({ id: conferences.nodes[0].id, version: 1 });
  });
});
