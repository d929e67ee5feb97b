import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient, type MceClient } from '@mce/sdk';
import { buildSchema, getNamedType, isInputObjectType, type GraphQLArgument, type GraphQLInputField } from 'graphql';
import { decodeGlobalId, encodeGlobalId } from '../../server/common/global-id';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { failure } from '../helpers/failure';
import { databaseState } from '../helpers/database-state';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The failure matrix of every mutation, table-driven and derived from the schema, so that a new mutation (or a new
 * input field) without rows here fails this file:
 *
 * 1. every update* and delete*: a stale version is CONFLICT; an unknown id, or the id of another type, is
 *    NOT_FOUND; a malformed id is BAD_USER_INPUT;
 * 2. every create* of a record with a unique fact: a duplicate is CONFLICT (and so is an update to a taken fact);
 * 3. every validation rule of every input: BAD_USER_INPUT with the exact argumentPath;
 * 4. every delete refused while others refer to the record: CONFLICT; and every documented cascade removes the
 *    dependents and nothing else.
 *
 * After every failure the database is exactly as before. Records this file changes or deletes are its own
 * (prefixed "matrix-", countries from the user-assigned codes QM-QZ, conferences 2090-2094); the dataset's are only
 * referred to, or targeted by calls that must fail. Everything it creates is deleted again at the end.
 */

type Path = Array<string | number>;
type Fields = Record<string, unknown>;
type Code = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
const mutationFields = Object.values(schema.getMutationType()!.getFields());
const mutationNames = mutationFields.map((field) => field.name).sort();
const named = (...prefixes: string[]) =>
  mutationNames.filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));

let server: TestServer;
let anonymous: MceClient;
let editor: MceClient;
let admin: MceClient;
let adminKeyId: string;

// ---------------------------------------------------------------------------------------------------------------
// Rejections and the database state

/** The state last measured, while only rejected calls have been made since (any request through a client resets it). */
let knownState: Record<string, string> | undefined;

function clientWith(key?: string): MceClient {
  return createClient({
    url: server.endpoint,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    fetch: (input, init) => {
      knownState = undefined;
      return fetch(input, init);
    },
  });
}

/** Runs a call that must fail with `code` (naming `argumentPath` when given), and checks that no table changed. */
async function rejectsWithoutChange(call: () => Promise<unknown>, code: Code, argumentPath?: Path) {
  const before = knownState ?? (await databaseState(server.orm));
  const error = await failure(call());
  const after = await databaseState(server.orm);
  knownState = after;
  const received = error.errors[0].argumentPath;
  expect({ codes: error.codes, argumentPath: received }).toEqual({
    codes: [code],
    argumentPath: argumentPath ?? received,
  });
  expect(after).toEqual(before);
  return error;
}

function tableOf(globalId: string): string {
  const { typeName } = decodeGlobalId(globalId, ['id']);
  return server.orm.getMetadata().find(typeName)!.tableName;
}

async function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return server.orm.em.fork().getConnection().execute(query, params) as Promise<T[]>;
}

/** The record's current version, read from the database; undefined when it does not exist. */
async function versionOf(globalId: string): Promise<number | undefined> {
  const [row] = await sql<{ version: number }>(`select version from "${tableOf(globalId)}" where id = ?`, [
    decodeGlobalId(globalId, ['id']).id,
  ]);
  return row?.version;
}

async function exists(globalId: string): Promise<boolean> {
  return (await versionOf(globalId)) !== undefined;
}

function rowCount(state: Record<string, string>, table: string): number {
  return Number(/^(\d+) rows/.exec(state[table])![1]);
}

/** A well-formed global id of the right type that names nothing. */
const unknownId = (typeName: string) => encodeGlobalId(typeName, 2_147_483_647);
const long = (length: number) => 'x'.repeat(length);
const BAD_SLUG = 'Not A Slug';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: this file's own records, created once, tracked and deleted at the end

const created: string[] = [];
function track<T extends { id: string }>(record: T): T {
  created.push(record.id);
  return record;
}

const fx = {} as {
  association: { id: string };
  country: { id: string };
  otherCountry: { id: string };
  city: { id: string };
  otherCity: { id: string };
  theme: { id: string };
  organisation: { id: string };
  plainOrganisation: { id: string };
  viennaOrganisation: { id: string };
  membership: { id: string };
  conference: { id: string; topicId: string };
  otherConference: { id: string; topicId: string };
  partnership: { id: string };
  workshop: { id: string; topicId: string };
  person: { id: string };
  role: { id: string };
  talk: { id: string };
  project: { id: string };
};

beforeAll(async () => {
  server = await startTestServer();
  const em = server.orm.em.fork();
  const adminKey = await createApiKey(em, 'matrix admin', Role.ADMIN);
  adminKeyId = encodeGlobalId('ApiKey', adminKey.apiKey.id);
  anonymous = clientWith();
  editor = clientWith((await createApiKey(em, 'matrix editor', Role.EDITOR)).key);
  admin = clientWith(adminKey.key);

  fx.association = (await anonymous.association()).association!;
  fx.viennaOrganisation = (await anonymous.organisation({ slug: 'vienna' })).organisation!;
  fx.country = track(
    (await editor.createCountry({ input: { code: 'QM', alpha3: 'QMX', name: 'Matrixland', inEurope: true } }))
      .createCountry,
  );
  fx.otherCountry = track(
    (await editor.createCountry({ input: { code: 'QN', alpha3: 'QNX', name: 'Matrix Other Land', inEurope: false } }))
      .createCountry,
  );
  fx.city = track(
    (
      await editor.createCity({
        input: {
          name: 'Matrix City',
          slug: 'matrix-city',
          countryCode: 'QM',
          aliases: [{ name: 'Matrixstadt', language: 'de' }],
        },
      })
    ).createCity,
  );
  fx.otherCity = track(
    (await editor.createCity({ input: { name: 'Matrix Other City', slug: 'matrix-other-city', countryCode: 'QN' } }))
      .createCity,
  );
  fx.theme = track(
    (
      await editor.createTheme({
        input: { name: 'Matrix theme', slug: 'matrix-theme', description: 'Topics of the mutation matrix.' },
      })
    ).createTheme,
  );
  fx.organisation = track(
    (
      await editor.createOrganisation({
        input: {
          name: 'Matrix Organisation',
          slug: 'matrix-organisation',
          kind: 'CITY',
          countryCode: 'QM',
          citySlug: 'matrix-city',
        },
      })
    ).createOrganisation,
  );
  fx.plainOrganisation = track(
    (
      await editor.createOrganisation({
        input: {
          name: 'Matrix Plain Organisation',
          slug: 'matrix-plain-organisation',
          kind: 'AGENCY',
          countryCode: 'QM',
        },
      })
    ).createOrganisation,
  );
  fx.membership = track(
    (await editor.createMembership({ input: { organisationId: fx.organisation.id, listedAs: 'Matrix' } }))
      .createMembership,
  );
  const conference = (
    await editor.createConference({
      input: {
        year: 2090,
        status: 'PLANNED',
        format: 'IN_PERSON',
        hostCitySlug: 'matrix-city',
        startDate: '2090-05-10',
        endDate: '2090-05-12',
        topics: [{ wording: 'Matrix topic', themeSlug: 'matrix-theme' }],
      },
    })
  ).createConference;
  fx.conference = track({ id: conference.id, topicId: conference.topics.nodes[0].id });
  const otherConference = (
    await editor.createConference({
      input: {
        year: 2091,
        status: 'PLANNED',
        format: 'VIRTUAL',
        topics: [{ wording: 'Matrix other topic', themeSlug: 'matrix-theme' }],
      },
    })
  ).createConference;
  fx.otherConference = track({ id: otherConference.id, topicId: otherConference.topics.nodes[0].id });
  fx.partnership = track(
    (
      await editor.createPartnership({
        input: { organisationId: fx.organisation.id, kind: 'CONFERENCE_CO_ORGANISER', conferenceYear: 2090 },
      })
    ).createPartnership,
  );
  const workshop = (
    await editor.createWorkshop({
      input: {
        title: 'Matrix workshop',
        slug: 'matrix-workshop',
        heldOn: '2090-03-04',
        topics: [{ wording: 'Matrix workshop topic', themeSlug: 'matrix-theme' }],
      },
    })
  ).createWorkshop;
  fx.workshop = track({ id: workshop.id, topicId: workshop.topics.nodes[0].id });
  fx.person = track(
    (await editor.createPerson({ input: { name: 'Matrix Person', slug: 'matrix-person' } })).createPerson,
  );
  fx.role = track(
    (await editor.createAssociationRole({ input: { title: 'Matrix Secretary', personSlug: 'matrix-person' } }))
      .createAssociationRole,
  );
  fx.talk = track(
    (
      await editor.createTalk({
        input: {
          title: 'Matrix talk',
          conferenceYear: 2090,
          speakerSlug: 'matrix-person',
          organisationSlug: 'matrix-organisation',
          topicId: fx.conference.topicId,
        },
      })
    ).createTalk,
  );
  fx.project = track(
    (
      await editor.createProject({
        input: {
          name: 'Matrix project',
          slug: 'matrix-project',
          kind: 'PROJECT',
          description: 'A project of the mutation matrix.',
          participants: [{ organisationSlug: 'matrix-organisation', role: 'PARTICIPANT' }],
        },
      })
    ).createProject,
  );
});

afterAll(() => server?.close());

/** Deletes what this file created, dependents first; a few passes, as later tests may have linked records anew. */
async function deleteCreated(): Promise<string[]> {
  let left = [...created].reverse();
  for (let pass = 0; pass < 4 && left.length > 0; pass++) {
    const failed: string[] = [];
    for (const id of left) {
      const version = await versionOf(id);
      if (version === undefined) continue;
      const typeName = decodeGlobalId(id, ['id']).typeName;
      const remove = (
        editor as unknown as Record<string, (variables: { id: string; version: number }) => Promise<unknown>>
      )[`delete${typeName}`];
      try {
        await remove({ id, version });
      } catch {
        failed.push(id);
      }
    }
    left = failed;
  }
  return left;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Every update* and delete*: stale version, unknown id, id of another type, malformed id

interface Versioned {
  typeName: string;
  /** The record it is tried on. */
  target: () => string;
  /** The call, with a valid change, for an id and a version. */
  send: (id: string, version: number) => Promise<unknown>;
  /** Where the id is: ['input', 'id'] or ['id']. */
  idPath: Path;
}

const deletion = (typeName: string, target: () => string): Versioned => ({
  typeName,
  target,
  idPath: ['id'],
  send: (id, version) =>
    (editor as unknown as Record<string, (variables: object) => Promise<unknown>>)[`delete${typeName}`]({
      id,
      version,
    }),
});

const versioned: Record<string, Versioned> = {
  updateAssociation: {
    typeName: 'Association',
    target: () => fx.association.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateAssociation({ input: { id, version, statedMemberCities: 41 } }),
  },
  updateCountry: {
    typeName: 'Country',
    target: () => fx.country.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateCountry({ input: { id, version, name: 'Matrixland renamed' } }),
  },
  updateCity: {
    typeName: 'City',
    target: () => fx.city.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateCity({ input: { id, version, aliases: [{ name: 'Matrix-Stadt' }] } }),
  },
  updateTheme: {
    typeName: 'Theme',
    target: () => fx.theme.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateTheme({ input: { id, version, description: 'Changed.' } }),
  },
  updateOrganisation: {
    typeName: 'Organisation',
    target: () => fx.organisation.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateOrganisation({ input: { id, version, citySlug: null } }),
  },
  updateMembership: {
    typeName: 'Membership',
    target: () => fx.membership.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateMembership({ input: { id, version, status: 'FORMER' } }),
  },
  updatePartnership: {
    typeName: 'Partnership',
    target: () => fx.partnership.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updatePartnership({ input: { id, version, description: 'Changed.' } }),
  },
  updateConference: {
    typeName: 'Conference',
    target: () => fx.conference.id,
    idPath: ['input', 'id'],
    send: (id, version) =>
      editor.updateConference({ input: { id, version, topics: [{ wording: 'Replaced', themeSlug: 'matrix-theme' }] } }),
  },
  updateWorkshop: {
    typeName: 'Workshop',
    target: () => fx.workshop.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateWorkshop({ input: { id, version, heldOn: '2090-03-05' } }),
  },
  updatePerson: {
    typeName: 'Person',
    target: () => fx.person.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updatePerson({ input: { id, version, name: 'Matrix Person renamed' } }),
  },
  updateTalk: {
    typeName: 'Talk',
    target: () => fx.talk.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateTalk({ input: { id, version, title: 'Matrix talk renamed' } }),
  },
  updateProject: {
    typeName: 'Project',
    target: () => fx.project.id,
    idPath: ['input', 'id'],
    send: (id, version) => editor.updateProject({ input: { id, version, participants: [] } }),
  },
  deleteAssociationRole: deletion('AssociationRole', () => fx.role.id),
  deleteCity: deletion('City', () => fx.otherCity.id),
  deleteConference: deletion('Conference', () => fx.conference.id),
  deleteCountry: deletion('Country', () => fx.otherCountry.id),
  deleteMembership: deletion('Membership', () => fx.membership.id),
  deleteOrganisation: deletion('Organisation', () => fx.plainOrganisation.id),
  deletePartnership: deletion('Partnership', () => fx.partnership.id),
  deletePerson: deletion('Person', () => fx.person.id),
  deleteProject: deletion('Project', () => fx.project.id),
  deleteTalk: deletion('Talk', () => fx.talk.id),
  deleteTheme: deletion('Theme', () => fx.theme.id),
  deleteWorkshop: deletion('Workshop', () => fx.workshop.id),
};

describe('every update and delete, by id and version', () => {
  it('has a row for each update* and delete* mutation of the schema', () => {
    expect(Object.keys(versioned).sort()).toEqual(named('update', 'delete'));
  });

  describe.each(named('update', 'delete'))('%s', (mutation) => {
    const row = () => {
      const found = versioned[mutation];
      if (!found) throw new Error(`${mutation} has no row in \`versioned\`: add one.`);
      return found;
    };

    it('refuses a stale version, older or newer (CONFLICT naming version), overwriting nothing', async () => {
      const { target, send } = row();
      const id = target();
      const current = (await versionOf(id))!;
      for (const version of [current - 1, current + 1]) {
        const error = await rejectsWithoutChange(() => send(id, version), 'CONFLICT', ['version']);
        expect(error.errors[0].message).toMatch(
          new RegExp(`changed by someone else: it is at version ${current}, not ${version}`),
        );
      }
    });

    it('answers NOT_FOUND, naming the id, for a well-formed id of its type that names nothing', async () => {
      const { typeName, target, send, idPath } = row();
      const error = await rejectsWithoutChange(() => send(unknownId(typeName), 1), 'NOT_FOUND', idPath);
      expect(error.errors[0].message).toBe(`No ${typeName} has the ID "${unknownId(typeName)}".`);
      expect(await exists(target())).toBe(true);
    });

    it('answers NOT_FOUND for the id of a record of another type', async () => {
      const { typeName, send, idPath } = row();
      const other = typeName === 'Country' ? fx.theme.id : fx.country.id;
      await rejectsWithoutChange(async () => send(other, (await versionOf(other))!), 'NOT_FOUND', idPath);
    });

    it('answers BAD_USER_INPUT for an id that is not one', async () => {
      const { send, idPath } = row();
      for (const id of [
        'not-an-id',
        Buffer.from('Country:0').toString('base64url'),
        Buffer.from('Country:99999999999').toString('base64url'),
      ]) {
        await rejectsWithoutChange(() => send(id, 1), 'BAD_USER_INPUT', idPath);
      }
    });
  });

  it('refuses the same for revoking an API key: unknown, of another type, malformed, or the caller itself', async () => {
    await rejectsWithoutChange(() => admin.revokeApiKey({ id: unknownId('ApiKey') }), 'NOT_FOUND', ['id']);
    await rejectsWithoutChange(() => admin.revokeApiKey({ id: fx.country.id }), 'NOT_FOUND', ['id']);
    await rejectsWithoutChange(() => admin.revokeApiKey({ id: 'not-an-id' }), 'BAD_USER_INPUT', ['id']);
    const error = await rejectsWithoutChange(() => admin.revokeApiKey({ id: adminKeyId }), 'CONFLICT', ['id']);
    expect(error.errors[0].message).toBe('A key cannot revoke itself.');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Unique facts: a duplicate is CONFLICT, naming the constraint

/** [the fact, the input that repeats it, the constraint the database names] */
type Duplicate = [fact: string, input: () => Fields, constraint: string];

const duplicates: Record<string, { send: (input: Fields) => Promise<unknown>; rows: Duplicate[] }> = {
  createCountry: {
    send: (input) => editor.createCountry({ input: input as never }),
    rows: [
      [
        'the code AT',
        () => ({ code: 'AT', alpha3: 'QZX', name: 'Matrix Austria', inEurope: true }),
        'country_code_unique',
      ],
      [
        'the alpha-3 code AUT',
        () => ({ code: 'QZ', alpha3: 'AUT', name: 'Matrix Austria', inEurope: true }),
        'country_alpha3_unique',
      ],
      [
        'the name Austria',
        () => ({ code: 'QZ', alpha3: 'QZX', name: 'Austria', inEurope: true }),
        'country_name_unique',
      ],
    ],
  },
  createCity: {
    send: (input) => editor.createCity({ input: input as never }),
    rows: [
      ['the slug vienna', () => ({ name: 'Matrix Vienna', slug: 'vienna', countryCode: 'QM' }), 'city_slug_unique'],
      [
        'the name Vienna in AT',
        () => ({ name: 'Vienna', slug: 'matrix-vienna', countryCode: 'AT' }),
        'city_country_id_name_unique',
      ],
      [
        'the other name Zürich',
        () => ({ name: 'Matrix Zurich', slug: 'matrix-zurich', countryCode: 'QM', aliases: [{ name: 'Zürich' }] }),
        'city_alias_name_unique',
      ],
      [
        'one other name given twice',
        () => ({
          name: 'Matrix Twice',
          slug: 'matrix-twice',
          countryCode: 'QM',
          aliases: [{ name: 'Matrix Twice' }, { name: 'Matrix Twice' }],
        }),
        'city_alias_name_unique',
      ],
    ],
  },
  createOrganisation: {
    send: (input) => editor.createOrganisation({ input: input as never }),
    rows: [
      [
        'the slug vienna',
        () => ({ name: 'Matrix Vienna', slug: 'vienna', kind: 'CITY', countryCode: 'AT' }),
        'organisation_slug_unique',
      ],
    ],
  },
  createMembership: {
    send: (input) => editor.createMembership({ input: input as never }),
    rows: [
      [
        'a second membership of Vienna',
        () => ({ organisationId: fx.viennaOrganisation.id }),
        'membership_organisation_id_unique',
      ],
    ],
  },
  createConference: {
    send: (input) => editor.createConference({ input: input as never }),
    rows: [
      ['the year 2014 (Zurich)', () => ({ year: 2014, status: 'HELD', format: 'IN_PERSON' }), 'conference_year_unique'],
    ],
  },
  createTheme: {
    send: (input) => editor.createTheme({ input: input as never }),
    rows: [
      [
        'the slug cybersecurity',
        () => ({ name: 'Matrix security', slug: 'cybersecurity', description: 'd' }),
        'theme_slug_unique',
      ],
      [
        'the name Cybersecurity',
        () => ({ name: 'Cybersecurity', slug: 'matrix-security', description: 'd' }),
        'theme_name_unique',
      ],
    ],
  },
  createWorkshop: {
    send: (input) => editor.createWorkshop({ input: input as never }),
    rows: [['the slug open-data', () => ({ title: 'Matrix open data', slug: 'open-data' }), 'workshop_slug_unique']],
  },
  createPerson: {
    send: (input) => editor.createPerson({ input: input as never }),
    rows: [
      ['the slug giorgio-prister', () => ({ name: 'Giorgio Prister', slug: 'giorgio-prister' }), 'person_slug_unique'],
    ],
  },
  createProject: {
    send: (input) => editor.createProject({ input: input as never }),
    rows: [
      [
        'the slug fupol',
        () => ({ name: 'Matrix FUPOL', slug: 'fupol', kind: 'EU_PROJECT', description: 'd' }),
        'project_slug_unique',
      ],
      [
        'one participant given twice',
        () => ({
          name: 'Matrix twice',
          slug: 'matrix-twice-project',
          kind: 'PROJECT',
          description: 'd',
          participants: [
            { organisationSlug: 'vienna', role: 'PARTICIPANT' },
            { organisationSlug: 'vienna', role: 'ORGANISER' },
          ],
        }),
        'project_participation_project_id_organisation_id_unique',
      ],
    ],
  },
};

/** Creates whose records have no unique fact of their own (an ApiKey's prefix is random, never chosen). */
const withoutUniqueFact = ['createApiKey', 'createAssociationRole', 'createPartnership', 'createTalk'];

/** Updates that would take a unique fact another record holds. */
const takenByUpdate: Array<[mutation: string, fact: string, send: () => Promise<unknown>, constraint: string]> = [
  [
    'updateCountry',
    'the name Austria',
    async () =>
      editor.updateCountry({
        input: { id: fx.country.id, version: (await versionOf(fx.country.id))!, name: 'Austria' },
      }),
    'country_name_unique',
  ],
  [
    'updateCity',
    'the slug vienna',
    async () =>
      editor.updateCity({ input: { id: fx.city.id, version: (await versionOf(fx.city.id))!, slug: 'vienna' } }),
    'city_slug_unique',
  ],
  [
    'updateCity',
    'the name Vienna in AT',
    async () =>
      editor.updateCity({
        input: { id: fx.otherCity.id, version: (await versionOf(fx.otherCity.id))!, name: 'Vienna', countryCode: 'AT' },
      }),
    'city_country_id_name_unique',
  ],
  [
    'updateCity',
    'the other name Firenze',
    async () =>
      editor.updateCity({
        input: { id: fx.city.id, version: (await versionOf(fx.city.id))!, aliases: [{ name: 'Firenze' }] },
      }),
    'city_alias_name_unique',
  ],
  [
    'updateOrganisation',
    'the slug vienna',
    async () =>
      editor.updateOrganisation({
        input: { id: fx.organisation.id, version: (await versionOf(fx.organisation.id))!, slug: 'vienna' },
      }),
    'organisation_slug_unique',
  ],
  [
    'updateTheme',
    'the slug cybersecurity',
    async () =>
      editor.updateTheme({
        input: { id: fx.theme.id, version: (await versionOf(fx.theme.id))!, slug: 'cybersecurity' },
      }),
    'theme_slug_unique',
  ],
  [
    'updateTheme',
    'the name Cybersecurity',
    async () =>
      editor.updateTheme({
        input: { id: fx.theme.id, version: (await versionOf(fx.theme.id))!, name: 'Cybersecurity' },
      }),
    'theme_name_unique',
  ],
  [
    'updatePerson',
    'the slug giorgio-prister',
    async () =>
      editor.updatePerson({
        input: { id: fx.person.id, version: (await versionOf(fx.person.id))!, slug: 'giorgio-prister' },
      }),
    'person_slug_unique',
  ],
  [
    'updateProject',
    'the slug fupol',
    async () =>
      editor.updateProject({ input: { id: fx.project.id, version: (await versionOf(fx.project.id))!, slug: 'fupol' } }),
    'project_slug_unique',
  ],
  [
    'updateProject',
    'one participant given twice',
    async () =>
      editor.updateProject({
        input: {
          id: fx.project.id,
          version: (await versionOf(fx.project.id))!,
          participants: [
            { organisationSlug: 'vitako', role: 'ORGANISER' },
            { organisationSlug: 'vitako', role: 'PARTICIPANT' },
          ],
        },
      }),
    'project_participation_project_id_organisation_id_unique',
  ],
  [
    'updateWorkshop',
    'the slug open-data',
    async () =>
      editor.updateWorkshop({
        input: { id: fx.workshop.id, version: (await versionOf(fx.workshop.id))!, slug: 'open-data' },
      }),
    'workshop_slug_unique',
  ],
];

describe('unique facts', () => {
  it('has duplicate rows for each create* mutation, or says why its record has no unique fact', () => {
    expect([...Object.keys(duplicates), ...withoutUniqueFact].sort()).toEqual(named('create'));
  });

  const rows = Object.entries(duplicates).flatMap(([mutation, { send, rows: facts }]) =>
    facts.map(([fact, input, constraint]) => ({ mutation, fact, send: () => send(input()), constraint })),
  );
  it.each(rows)('$mutation refuses a duplicate of $fact (CONFLICT, $constraint)', async ({ send, constraint }) => {
    const error = await rejectsWithoutChange(send, 'CONFLICT');
    expect(error.errors[0].message).toBe(`A record with the same unique key already exists (${constraint}).`);
  });

  it.each(takenByUpdate.map(([mutation, fact, send, constraint]) => ({ mutation, fact, send, constraint })))(
    '$mutation refuses to take $fact (CONFLICT, $constraint)',
    async ({ send, constraint }) => {
      const error = await rejectsWithoutChange(send, 'CONFLICT');
      expect(error.errors[0].message).toBe(`A record with the same unique key already exists (${constraint}).`);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Every validation rule of every input

/** [the rule, the change to a valid input that breaks it, the argumentPath named, the code when not BAD_USER_INPUT] */
type Rule = [rule: string, change: Fields | (() => Fields), argumentPath: Path, code?: Code];

interface InputRules {
  /** Sends a valid input with `change` applied. */
  send: (change: Fields) => Promise<unknown>;
  rules: Rule[];
  /** Argument paths with no rule of their own beyond GraphQL's types (Booleans, enums with a value or a default). */
  typeOnly?: string[];
}

/** A slug's rules; `max` is its column's length (a city's and a theme's slug columns hold 100 characters). */
const slugRules = (field: string, max = 200, prefix: Path = ['input']): Rule[] => [
  [`${field} not a slug`, { [field]: BAD_SLUG }, [...prefix, field]],
  [`${field} with a double hyphen`, { [field]: 'matrix--slug' }, [...prefix, field]],
  [`${field} over ${max} characters`, { [field]: 'a'.repeat(max + 1) }, [...prefix, field]],
];
const referenceRules = (field: string, unknown: string): Rule[] => [
  [`${field} not a slug`, { [field]: BAD_SLUG }, ['input', field]],
  [`${field} of nothing`, { [field]: unknown }, ['input', field]],
];
const lengthRules = (field: string, min: number, max: number, prefix: Path = ['input']): Rule[] => [
  ...(min > 0 ? ([[`${field} empty`, { [field]: '' }, [...prefix, field]]] as Rule[]) : []),
  [`${field} over ${max} characters`, { [field]: long(max + 1) }, [...prefix, field]],
];
const notNull = (...fields: string[]): Rule[] =>
  fields.map((field) => [`${field} set to null`, { [field]: null }, ['input', field]] as Rule);
const list = <T>(length: number, item: (index: number) => T) => Array.from({ length }, (_, index) => item(index));

const topicRules = (topicItem: (wording: string) => Fields, max: number): Rule[] => [
  [
    `more than ${max} topics`,
    { topics: list(max + 1, (index) => topicItem(`Matrix topic ${index}`)) },
    ['input', 'topics'],
  ],
  ['a topic with an empty wording', { topics: [topicItem('Fine'), topicItem('')] }, ['input', 'topics', 1, 'wording']],
  [
    'a topic worded in over 500 characters',
    { topics: [topicItem('Fine'), topicItem(long(501))] },
    ['input', 'topics', 1, 'wording'],
  ],
  [
    'a topic whose theme slug is not one',
    { topics: [topicItem('Fine'), { ...topicItem('Bad'), themeSlug: BAD_SLUG }] },
    ['input', 'topics', 1, 'themeSlug'],
  ],
  [
    'a topic under a theme that does not exist',
    { topics: [topicItem('Fine'), { ...topicItem('Bad'), themeSlug: 'astrology' }] },
    ['input', 'topics', 1, 'themeSlug'],
  ],
];

const conferenceTopic = (wording: string) => ({ wording, themeSlug: 'matrix-theme' });
const conferenceFieldRules: Rule[] = [
  ...lengthRules('title', 0, 300),
  ...lengthRules('description', 0, 10_000),
  ...referenceRules('hostCitySlug', 'atlantis'),
  ...referenceRules('hostOrganisationSlug', 'atlantis-council'),
  ...lengthRules('venue', 0, 200),
  ['more than 10 languages', { languages: list(11, (index) => `Language ${index}`) }, ['input', 'languages']],
  ['an empty language', { languages: ['English', ''] }, ['input', 'languages']],
  ['a language over 50 characters', { languages: [long(51)] }, ['input', 'languages']],
  [
    'more than 10 translation languages',
    { translationLanguages: list(11, (index) => `Language ${index}`) },
    ['input', 'translationLanguages'],
  ],
  ['an empty translation language', { translationLanguages: [''] }, ['input', 'translationLanguages']],
  [
    'a translation language over 50 characters',
    { translationLanguages: [long(51)] },
    ['input', 'translationLanguages'],
  ],
  ['negative participants', { attendance: { participants: -1 } }, ['input', 'attendance', 'participants']],
  ['over 100000 participants', { attendance: { participants: 100_001 } }, ['input', 'attendance', 'participants']],
  [
    'an attendance wording over 200 characters',
    { attendance: { wording: long(201) } },
    ['input', 'attendance', 'wording'],
  ],
  [
    'negative countries represented',
    { attendance: { countriesRepresented: -1 } },
    ['input', 'attendance', 'countriesRepresented'],
  ],
  [
    'over 250 countries represented',
    { attendance: { countriesRepresented: 251 } },
    ['input', 'attendance', 'countriesRepresented'],
  ],
  [
    'negative cities represented',
    { attendance: { citiesRepresented: -1 } },
    ['input', 'attendance', 'citiesRepresented'],
  ],
  [
    'over 10000 cities represented',
    { attendance: { citiesRepresented: 10_001 } },
    ['input', 'attendance', 'citiesRepresented'],
  ],
  [
    'an attendance origin over 300 characters',
    { attendance: { origin: long(301) } },
    ['input', 'attendance', 'origin'],
  ],
  ...topicRules(conferenceTopic, 50),
  [
    'a topic with details over 5000 characters',
    { topics: [{ ...conferenceTopic('Fine'), details: long(5001) }] },
    ['input', 'topics', 0, 'details'],
  ],
];

const participant = (organisationSlug: string) => ({ organisationSlug, role: 'PARTICIPANT' as const });
const projectFieldRules: Rule[] = [
  ...lengthRules('associationRole', 0, 200),
  ...referenceRules('presentedAtSlug', 'atlantis-expo'),
  ['more than 50 participants', { participants: list(51, () => participant('vienna')) }, ['input', 'participants']],
  [
    'a participant whose slug is not one',
    { participants: [participant('vienna'), participant(BAD_SLUG)] },
    ['input', 'participants', 1, 'organisationSlug'],
  ],
  [
    'a participant that does not exist',
    { participants: [participant('vienna'), participant('atlantis')] },
    ['input', 'participants', 1, 'organisationSlug'],
  ],
];

const workshopTopic = (wording: string) => ({ wording, themeSlug: 'matrix-theme' });
const workshopFieldRules: Rule[] = [
  ...lengthRules('description', 0, 5000),
  ['held before 1982', { heldOn: '1981-12-31' }, ['input', 'heldOn']],
  ['held after 2100', { heldOn: '2101-01-01' }, ['input', 'heldOn']],
  ...referenceRules('hostCitySlug', 'atlantis'),
  ...topicRules(workshopTopic, 20),
];

const aliasRules: Rule[] = [
  [
    'more than 20 other names',
    { aliases: list(21, (index) => ({ name: `Matrix alias ${index}` })) },
    ['input', 'aliases'],
  ],
  ['an empty other name', { aliases: [{ name: 'Matrix fine' }, { name: '' }] }, ['input', 'aliases', 1, 'name']],
  ['another name over 100 characters', { aliases: [{ name: long(101) }] }, ['input', 'aliases', 0, 'name']],
  [
    'a three-letter language code',
    { aliases: [{ name: 'Matrix fine', language: 'deu' }] },
    ['input', 'aliases', 0, 'language'],
  ],
  [
    'a capitalised language code',
    { aliases: [{ name: 'Matrix fine', language: 'De' }] },
    ['input', 'aliases', 0, 'language'],
  ],
];

/** An update of the fixture `id()`, at its current version, with `change`. */
const update =
  (call: (input: Fields) => Promise<unknown>, id: () => string) =>
  async (change: Fields): Promise<unknown> =>
    call({ id: id(), version: await versionOf(id()), ...change });

const validation: Record<string, InputRules> = {
  createApiKey: {
    send: (change) => admin.createApiKey({ input: { name: 'matrix key', role: 'EDITOR', ...change } as never }),
    rules: lengthRules('name', 1, 100),
    typeOnly: ['input.role'],
  },
  revokeApiKey: {
    send: (change) => admin.revokeApiKey({ id: unknownId('ApiKey'), ...change } as never),
    rules: [
      ['an id that is not one', { id: 'not-an-id' }, ['id']],
      ['the id of no key', { id: unknownId('ApiKey') }, ['id'], 'NOT_FOUND'],
      ['the id of another type', () => ({ id: fx.country.id }), ['id'], 'NOT_FOUND'],
      ['the calling key itself', () => ({ id: adminKeyId }), ['id'], 'CONFLICT'],
    ],
  },
  updateAssociation: {
    send: update(
      (input) => editor.updateAssociation({ input: input as never }),
      () => fx.association.id,
    ),
    rules: [
      ...notNull('mission', 'objective', 'means', 'statedMemberCities', 'newsletterDescription'),
      ...lengthRules('mission', 1, 5000),
      ...lengthRules('objective', 1, 5000),
      ['more than 20 means', { means: list(21, (index) => `means ${index}`) }, ['input', 'means']],
      ['an empty means', { means: ['fine', ''] }, ['input', 'means']],
      ['a means over 1000 characters', { means: [long(1001)] }, ['input', 'means']],
      ['negative stated member cities', { statedMemberCities: -1 }, ['input', 'statedMemberCities']],
      ['over 10000 stated member cities', { statedMemberCities: 10_001 }, ['input', 'statedMemberCities']],
      ...lengthRules('newsletterDescription', 1, 5000),
    ],
  },
  createCountry: {
    send: (change) =>
      editor.createCountry({
        input: { code: 'QZ', alpha3: 'QZX', name: 'Matrix Nowhere', inEurope: true, ...change } as never,
      }),
    rules: [
      ['a lower-case code', { code: 'qz' }, ['input', 'code']],
      ['a three-letter code', { code: 'QZX' }, ['input', 'code']],
      ['a two-letter alpha-3 code', { alpha3: 'QZ' }, ['input', 'alpha3']],
      ['a lower-case alpha-3 code', { alpha3: 'qzx' }, ['input', 'alpha3']],
      ...lengthRules('name', 1, 100),
      ...lengthRules('sourceLabel', 1, 100),
    ],
    typeOnly: ['input.inEurope'],
  },
  updateCountry: {
    send: update(
      (input) => editor.updateCountry({ input: input as never }),
      () => fx.country.id,
    ),
    rules: [...notNull('name', 'inEurope'), ...lengthRules('name', 1, 100), ...lengthRules('sourceLabel', 1, 100)],
  },
  createCity: {
    send: (change) =>
      editor.createCity({
        input: { name: 'Matrix Nowhere City', slug: 'matrix-nowhere-city', countryCode: 'QM', ...change } as never,
      }),
    rules: [
      ...lengthRules('name', 1, 100),
      ...slugRules('slug', 100),
      ['a lower-case country code', { countryCode: 'qm' }, ['input', 'countryCode']],
      ['a country that does not exist', { countryCode: 'QY' }, ['input', 'countryCode']],
      ...aliasRules,
    ],
  },
  updateCity: {
    send: update(
      (input) => editor.updateCity({ input: input as never }),
      () => fx.city.id,
    ),
    rules: [
      ...notNull('name', 'slug', 'countryCode', 'aliases'),
      ...lengthRules('name', 1, 100),
      ...slugRules('slug', 100),
      ['a lower-case country code', { countryCode: 'qm' }, ['input', 'countryCode']],
      ['a country that does not exist', { countryCode: 'QY' }, ['input', 'countryCode']],
      [
        'a country its organisations are not in (moving them away)',
        { countryCode: 'QN' },
        ['input', 'countryCode'],
        'CONFLICT',
      ],
      ...aliasRules,
    ],
  },
  createTheme: {
    send: (change) =>
      editor.createTheme({
        input: { name: 'Matrix Nowhere Theme', slug: 'matrix-nowhere-theme', description: 'd', ...change } as never,
      }),
    rules: [...lengthRules('name', 1, 100), ...slugRules('slug', 100), ...lengthRules('description', 1, 2000)],
  },
  updateTheme: {
    send: update(
      (input) => editor.updateTheme({ input: input as never }),
      () => fx.theme.id,
    ),
    rules: [
      ...notNull('name', 'slug', 'description'),
      ...lengthRules('name', 1, 100),
      ...slugRules('slug', 100),
      ...lengthRules('description', 1, 2000),
    ],
  },
  createOrganisation: {
    send: (change) =>
      editor.createOrganisation({
        input: {
          name: 'Matrix Nowhere Org',
          slug: 'matrix-nowhere-org',
          kind: 'AGENCY',
          countryCode: 'QM',
          ...change,
        } as never,
      }),
    rules: [
      ...lengthRules('name', 1, 200),
      ...slugRules('slug'),
      ['a lower-case country code', { countryCode: 'qm' }, ['input', 'countryCode']],
      ['a country that does not exist', { countryCode: 'QY' }, ['input', 'countryCode']],
      ...referenceRules('citySlug', 'atlantis'),
      ['a city in another country', { citySlug: 'matrix-other-city' }, ['input', 'citySlug']],
      ...lengthRules('description', 0, 5000),
    ],
    typeOnly: ['input.kind'],
  },
  updateOrganisation: {
    send: update(
      (input) => editor.updateOrganisation({ input: input as never }),
      () => fx.organisation.id,
    ),
    rules: [
      ...notNull('name', 'slug', 'kind', 'countryCode'),
      ...lengthRules('name', 1, 200),
      ...slugRules('slug'),
      ['a lower-case country code', { countryCode: 'qm' }, ['input', 'countryCode']],
      ['a country that does not exist', { countryCode: 'QY' }, ['input', 'countryCode']],
      ['a country its city is not in', { countryCode: 'QN' }, ['input', 'citySlug']],
      ...referenceRules('citySlug', 'atlantis'),
      ['a city in another country', { citySlug: 'matrix-other-city' }, ['input', 'citySlug']],
      ...lengthRules('description', 0, 5000),
    ],
  },
  createMembership: {
    send: (change) =>
      editor.createMembership({ input: { organisationId: fx.plainOrganisation.id, ...change } as never }),
    rules: [
      ['an organisation id that is not one', { organisationId: 'not-an-id' }, ['input', 'organisationId']],
      [
        'the id of no organisation',
        { organisationId: unknownId('Organisation') },
        ['input', 'organisationId'],
        'NOT_FOUND',
      ],
      ['the id of a country', () => ({ organisationId: fx.country.id }), ['input', 'organisationId'], 'NOT_FOUND'],
      ...lengthRules('listedAs', 1, 200),
      ...lengthRules('note', 0, 2000),
    ],
    typeOnly: ['input.status'],
  },
  updateMembership: {
    send: update(
      (input) => editor.updateMembership({ input: input as never }),
      () => fx.membership.id,
    ),
    rules: [...notNull('status'), ...lengthRules('listedAs', 1, 200), ...lengthRules('note', 0, 2000)],
  },
  createPartnership: {
    send: (change) =>
      editor.createPartnership({ input: { organisationId: fx.organisation.id, kind: 'SPONSOR', ...change } as never }),
    rules: [
      ['an organisation id that is not one', { organisationId: 'not-an-id' }, ['input', 'organisationId']],
      [
        'the id of no organisation',
        { organisationId: unknownId('Organisation') },
        ['input', 'organisationId'],
        'NOT_FOUND',
      ],
      ['the id of a country', () => ({ organisationId: fx.country.id }), ['input', 'organisationId'], 'NOT_FOUND'],
      ['a year without a conference', { conferenceYear: 1999 }, ['input', 'conferenceYear']],
      ...lengthRules('description', 0, 2000),
    ],
    typeOnly: ['input.kind'],
  },
  updatePartnership: {
    send: update(
      (input) => editor.updatePartnership({ input: input as never }),
      () => fx.partnership.id,
    ),
    rules: [...notNull('kind'), ...lengthRules('description', 0, 2000)],
  },
  createConference: {
    send: (change) =>
      editor.createConference({ input: { year: 2092, status: 'PLANNED', format: 'IN_PERSON', ...change } as never }),
    rules: [
      ['a year before 1982', { year: 1981 }, ['input', 'year']],
      ['a year after 2100', { year: 2101 }, ['input', 'year']],
      ['a start outside the year', { startDate: '2093-05-10' }, ['input', 'startDate']],
      ['an end outside the year', { endDate: '2093-01-02' }, ['input', 'endDate']],
      ['an end before the start', { startDate: '2092-05-10', endDate: '2092-05-09' }, ['input', 'endDate']],
      ...conferenceFieldRules,
    ],
    typeOnly: ['input.status', 'input.format', 'input.attendance.approximate', 'input.topics.kind'],
  },
  updateConference: {
    send: update(
      (input) => editor.updateConference({ input: input as never }),
      () => fx.conference.id,
    ),
    rules: [
      ...notNull('status', 'format'),
      ['a start outside its year (2090)', { startDate: '2089-05-10' }, ['input', 'startDate']],
      ['an end outside its year (2090)', { endDate: '2091-05-12' }, ['input', 'endDate']],
      ['an end before the start given', { startDate: '2090-05-10', endDate: '2090-05-09' }, ['input', 'endDate']],
      ['an end before its recorded start (2090-05-10)', { endDate: '2090-05-01' }, ['input', 'endDate']],
      ['a start after its recorded end (2090-05-12)', { startDate: '2090-05-20' }, ['input', 'startDate']],
      ...conferenceFieldRules,
    ],
    typeOnly: ['input.attendance.approximate', 'input.topics.kind'],
  },
  createWorkshop: {
    send: (change) =>
      editor.createWorkshop({
        input: { title: 'Matrix Nowhere Workshop', slug: 'matrix-nowhere-workshop', ...change } as never,
      }),
    rules: [...lengthRules('title', 1, 300), ...slugRules('slug'), ...workshopFieldRules],
  },
  updateWorkshop: {
    send: update(
      (input) => editor.updateWorkshop({ input: input as never }),
      () => fx.workshop.id,
    ),
    rules: [...notNull('title', 'slug'), ...lengthRules('title', 1, 300), ...slugRules('slug'), ...workshopFieldRules],
  },
  createPerson: {
    send: (change) =>
      editor.createPerson({ input: { name: 'Matrix Nobody', slug: 'matrix-nobody', ...change } as never }),
    rules: [...lengthRules('name', 1, 200), ...slugRules('slug')],
  },
  updatePerson: {
    send: update(
      (input) => editor.updatePerson({ input: input as never }),
      () => fx.person.id,
    ),
    rules: [...notNull('name', 'slug'), ...lengthRules('name', 1, 200), ...slugRules('slug')],
  },
  createAssociationRole: {
    send: (change) =>
      editor.createAssociationRole({
        input: { title: 'Matrix Nowhere Office', personSlug: 'matrix-person', ...change } as never,
      }),
    rules: [
      ...lengthRules('title', 1, 100),
      ...slugRules('personSlug'),
      ['a person who does not exist', { personSlug: 'matrix-nobody' }, ['input', 'personSlug']],
    ],
  },
  createTalk: {
    send: (change) =>
      editor.createTalk({
        input: { title: 'Matrix Nowhere Talk', conferenceYear: 2090, speakerSlug: 'matrix-person', ...change } as never,
      }),
    rules: [
      ...lengthRules('title', 1, 300),
      ['a year before 1982', { conferenceYear: 1981 }, ['input', 'conferenceYear']],
      ['a year after 2100', { conferenceYear: 2101 }, ['input', 'conferenceYear']],
      ['a year without a conference', { conferenceYear: 2099 }, ['input', 'conferenceYear']],
      ...slugRules('speakerSlug'),
      ['a speaker who does not exist', { speakerSlug: 'matrix-nobody' }, ['input', 'speakerSlug']],
      ...referenceRules('organisationSlug', 'atlantis-council'),
      ['a topic id that is not one', { topicId: 'not-an-id' }, ['input', 'topicId']],
      ['the id of no topic', { topicId: unknownId('Topic') }, ['input', 'topicId'], 'NOT_FOUND'],
      ['the id of a theme', () => ({ topicId: fx.theme.id }), ['input', 'topicId'], 'NOT_FOUND'],
      ['a topic of another conference (2091)', () => ({ topicId: fx.otherConference.topicId }), ['input', 'topicId']],
      ['a topic of a workshop', () => ({ topicId: fx.workshop.topicId }), ['input', 'topicId']],
    ],
  },
  updateTalk: {
    send: update(
      (input) => editor.updateTalk({ input: input as never }),
      () => fx.talk.id,
    ),
    rules: [...notNull('title'), ...lengthRules('title', 1, 300)],
  },
  createProject: {
    send: (change) =>
      editor.createProject({
        input: {
          name: 'Matrix Nowhere Project',
          slug: 'matrix-nowhere-project',
          kind: 'PROJECT',
          description: 'd',
          ...change,
        } as never,
      }),
    rules: [
      ...lengthRules('name', 1, 300),
      ...slugRules('slug'),
      ...lengthRules('description', 1, 5000),
      ...projectFieldRules,
    ],
    typeOnly: ['input.kind', 'input.participants.role'],
  },
  updateProject: {
    send: update(
      (input) => editor.updateProject({ input: input as never }),
      () => fx.project.id,
    ),
    rules: [
      ...notNull('name', 'slug', 'kind', 'description'),
      ...lengthRules('name', 1, 300),
      ...slugRules('slug'),
      ...lengthRules('description', 1, 5000),
      ...projectFieldRules,
    ],
    typeOnly: ['input.participants.role'],
  },
};

/**
 * Every argument path a mutation takes, e.g. "input.topics.themeSlug" (list items have no index here): the `leaves`
 * only, or with the input objects that hold them.
 */
function argumentPaths(field: GraphQLArgument | GraphQLInputField, leaves: boolean, prefix = ''): string[] {
  const here = `${prefix}${field.name}`;
  const type = getNamedType(field.type);
  if (!isInputObjectType(type)) return [here];
  const below = Object.values(type.getFields()).flatMap((child) => argumentPaths(child, leaves, `${here}.`));
  return leaves ? below : [here, ...below];
}

describe('validation', () => {
  it('has rules for every mutation but the deletes (whose only arguments, id and version, are covered above)', () => {
    expect(Object.keys(validation).sort()).toEqual(mutationNames.filter((name) => !name.startsWith('delete')));
  });

  it.each(Object.keys(validation).sort())(
    '%s: every argument has a rule, or only the rule of its GraphQL type',
    (mutation) => {
      const field = mutationFields.find((candidate) => candidate.name === mutation)!;
      const covered = (row: Rule) => row[2].filter((part) => typeof part === 'string').join('.');
      const rules = validation[mutation];
      const handled = new Set([...rules.rules.map(covered), ...(rules.typeOnly ?? [])]);
      // id and version of updates are tried in "every update and delete, by id and version".
      const byIdAndVersion = mutation in versioned ? ['id', 'version', 'input.id', 'input.version'] : [];
      const leaves = field.args
        .flatMap((arg) => argumentPaths(arg, true))
        .filter((name) => !byIdAndVersion.includes(name));
      const all = field.args.flatMap((arg) => argumentPaths(arg, false));
      // Every field has a rule (or only its type's), and every rule names a real field (or a list of them).
      expect(leaves.filter((name) => !handled.has(name))).toEqual([]);
      expect([...handled].filter((name) => !all.includes(name))).toEqual([]);
    },
  );

  const rows = Object.entries(validation).flatMap(([mutation, { send, rules }]) =>
    rules.map(([rule, change, argumentPath, code = 'BAD_USER_INPUT']) => ({
      mutation,
      rule,
      change,
      argumentPath,
      code,
      send,
    })),
  );
  it.each(rows)('$mutation refuses $rule ($code at $argumentPath)', async ({ send, change, argumentPath, code }) => {
    await rejectsWithoutChange(() => send(typeof change === 'function' ? change() : change), code, argumentPath);
  });

  it('names list items by number, as the README documents (["input", "topics", 1, "themeSlug"]), whichever check fails', async () => {
    const topics = (themeSlug: string) => [conferenceTopic('Fine'), { wording: 'Bad', themeSlug }];
    const input = (themeSlug: string) => ({
      year: 2092,
      status: 'PLANNED' as const,
      format: 'VIRTUAL' as const,
      topics: topics(themeSlug),
    });
    // A theme that does not exist (checked in the resolver) and a slug that is not one (checked by class-validator).
    await rejectsWithoutChange(() => editor.createConference({ input: input('astrology') }), 'BAD_USER_INPUT', [
      'input',
      'topics',
      1,
      'themeSlug',
    ]);
    await rejectsWithoutChange(() => editor.createConference({ input: input(BAD_SLUG) }), 'BAD_USER_INPUT', [
      'input',
      'topics',
      1,
      'themeSlug',
    ]);
  });

  it('accepts values at the limits (a sample, and every rule this matrix added), so that the rows fail for their rule alone', async () => {
    // Each limit's last allowed value, on this file's own records (then put back).
    const { createCountry } = await editor.createCountry({
      input: { code: 'QZ', alpha3: 'QZX', name: long(100), sourceLabel: long(100), inEurope: true },
    });
    await editor.deleteCountry({ id: createCountry.id, version: createCountry.version });
    const { createConference } = await editor.createConference({
      input: {
        year: 2092,
        status: 'PLANNED',
        format: 'IN_PERSON',
        title: long(300),
        venue: long(200),
        startDate: '2092-01-01',
        endDate: '2092-12-31',
        languages: list(10, () => long(50)),
        attendance: {
          participants: 100_000,
          countriesRepresented: 250,
          citiesRepresented: 10_000,
          wording: long(200),
          origin: long(300),
        },
        topics: list(50, (index) => ({
          wording: index === 0 ? long(500) : `t${index}`,
          details: index === 0 ? long(5000) : null,
          themeSlug: 'matrix-theme',
        })),
      },
    });
    expect(createConference.topics.nodes).toHaveLength(50);
    await editor.deleteConference({ id: createConference.id, version: createConference.version });
    const { createWorkshop } = await editor.createWorkshop({
      input: {
        title: long(300),
        slug: 'a'.repeat(200),
        heldOn: '1982-01-01',
        topics: list(20, (index) => workshopTopic(`w${index}`)),
      },
    });
    const { updateWorkshop } = await editor.updateWorkshop({
      input: { id: createWorkshop.id, version: createWorkshop.version, heldOn: '2100-12-31' },
    });
    await editor.deleteWorkshop({ id: updateWorkshop.id, version: updateWorkshop.version });
    const association = (await anonymous.association()).association!;
    const { updateAssociation } = await editor.updateAssociation({
      input: { id: association.id, version: association.version, statedMemberCities: 10_000 },
    });
    const { updateAssociation: restored } = await editor.updateAssociation({
      input: {
        id: association.id,
        version: updateAssociation.version,
        statedMemberCities: association.statedMemberCities,
      },
    });
    expect(restored.statedMemberCities).toBe(40);
    // A city no organisation is in may move to another country (and back).
    const moved = await editor.updateCity({
      input: { id: fx.otherCity.id, version: (await versionOf(fx.otherCity.id))!, countryCode: 'QM' },
    });
    expect(moved.updateCity.country.code).toBe('QM');
    await editor.updateCity({ input: { id: fx.otherCity.id, version: moved.updateCity.version, countryCode: 'QN' } });
    const membership = await editor.updateMembership({
      input: {
        id: fx.membership.id,
        version: (await versionOf(fx.membership.id))!,
        listedAs: long(200),
        note: long(2000),
      },
    });
    expect(membership.updateMembership).toMatchObject({ listedAs: long(200), note: long(2000) });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. Deletes refused while others refer to the record, and the documented cascades

/** Builds a record and what refers to it, and returns the delete that must be refused. */
// The constraint the database names is the reference that stands in the way (e.g. a city's country).
type Refusal = [what: string, constraint: string, setup: () => Promise<() => Promise<unknown>>];

const deleteOf = async (
  mutation: 'deleteCountry' | 'deleteCity' | 'deleteOrganisation' | 'deletePerson' | 'deleteTheme',
  id: string,
) => {
  const version = (await versionOf(id))!;
  return () => editor[mutation]({ id, version });
};

const refusals: Refusal[] = [
  // Concrete facts of the dataset (refused, so they stay as they are).
  [
    'the country AT, which Vienna is in',
    'city_country_id_foreign',
    async () => deleteOf('deleteCountry', (await anonymous.country({ code: 'AT' })).country!.id),
  ],
  [
    'the city Zurich, host of the 2014 conference',
    'organisation_city_id_foreign',
    async () => deleteOf('deleteCity', (await anonymous.city({ slug: 'zurich' })).city!.id),
  ],
  [
    'the city Bremerhaven, seat of the association (and home of a member)',
    'organisation_city_id_foreign',
    async () => deleteOf('deleteCity', (await anonymous.city({ slug: 'bremerhaven' })).city!.id),
  ],
  [
    'the organisation Vienna, host of the 2012 conference',
    'conference_host_organisation_id_foreign',
    async () => deleteOf('deleteOrganisation', fx.viennaOrganisation.id),
  ],
  [
    'the theme cybersecurity, which topics fall under',
    'topic_theme_id_foreign',
    async () => deleteOf('deleteTheme', (await anonymous.theme({ slug: 'cybersecurity' })).theme!.id),
  ],
  // One referrer at a time, on this file's own records.
  [
    'a person who gave a talk (at the 2090 conference)',
    'talk_speaker_id_foreign',
    async () => deleteOf('deletePerson', fx.person.id),
  ],
  [
    'a country only a city is in',
    'city_country_id_foreign',
    async () => {
      const country = track(
        (await editor.createCountry({ input: { code: 'QR', alpha3: 'QRX', name: 'Matrix City Land', inEurope: true } }))
          .createCountry,
      );
      track(
        (await editor.createCity({ input: { name: 'Matrix R City', slug: 'matrix-r-city', countryCode: 'QR' } }))
          .createCity,
      );
      return deleteOf('deleteCountry', country.id);
    },
  ],
  [
    'a country only an organisation (without a city) is in',
    'organisation_country_id_foreign',
    async () => {
      const country = track(
        (await editor.createCountry({ input: { code: 'QS', alpha3: 'QSX', name: 'Matrix Body Land', inEurope: true } }))
          .createCountry,
      );
      track(
        (
          await editor.createOrganisation({
            input: { name: 'Matrix S Body', slug: 'matrix-s-body', kind: 'AGENCY', countryCode: 'QS' },
          })
        ).createOrganisation,
      );
      return deleteOf('deleteCountry', country.id);
    },
  ],
  [
    'a city only an organisation is in',
    'organisation_city_id_foreign',
    async () => {
      const city = track(
        (await editor.createCity({ input: { name: 'Matrix Org Town', slug: 'matrix-org-town', countryCode: 'QM' } }))
          .createCity,
      );
      track(
        (
          await editor.createOrganisation({
            input: {
              name: 'Matrix Org Town Council',
              slug: 'matrix-org-town-council',
              kind: 'CITY_COUNCIL',
              countryCode: 'QM',
              citySlug: 'matrix-org-town',
            },
          })
        ).createOrganisation,
      );
      return deleteOf('deleteCity', city.id);
    },
  ],
  [
    'a city only a conference is hosted in',
    'conference_host_city_id_foreign',
    async () => {
      const city = track(
        (await editor.createCity({ input: { name: 'Matrix Host Town', slug: 'matrix-host-town', countryCode: 'QM' } }))
          .createCity,
      );
      track(
        (
          await editor.createConference({
            input: { year: 2093, status: 'PLANNED', format: 'IN_PERSON', hostCitySlug: 'matrix-host-town' },
          })
        ).createConference,
      );
      return deleteOf('deleteCity', city.id);
    },
  ],
  [
    'a city only a workshop is hosted in',
    'workshop_host_city_id_foreign',
    async () => {
      const city = track(
        (
          await editor.createCity({
            input: { name: 'Matrix Workshop Town', slug: 'matrix-workshop-town', countryCode: 'QM' },
          })
        ).createCity,
      );
      track(
        (
          await editor.createWorkshop({
            input: {
              title: 'Matrix hosted workshop',
              slug: 'matrix-hosted-workshop',
              hostCitySlug: 'matrix-workshop-town',
            },
          })
        ).createWorkshop,
      );
      return deleteOf('deleteCity', city.id);
    },
  ],
  [
    'an organisation only a conference names as host',
    'conference_host_organisation_id_foreign',
    async () => {
      const organisation = track(
        (
          await editor.createOrganisation({
            input: { name: 'Matrix Host Body', slug: 'matrix-host-body', kind: 'AGENCY', countryCode: 'QM' },
          })
        ).createOrganisation,
      );
      const version = (await versionOf(fx.otherConference.id))!;
      await editor.updateConference({
        input: { id: fx.otherConference.id, version, hostOrganisationSlug: 'matrix-host-body' },
      });
      return deleteOf('deleteOrganisation', organisation.id);
    },
  ],
  [
    'a theme only a conference topic falls under',
    'topic_theme_id_foreign',
    async () => {
      const theme = track(
        (
          await editor.createTheme({
            input: { name: 'Matrix conference theme', slug: 'matrix-conference-theme', description: 'd' },
          })
        ).createTheme,
      );
      const version = (await versionOf(fx.otherConference.id))!;
      await editor.updateConference({
        input: {
          id: fx.otherConference.id,
          version,
          topics: [{ wording: 'Matrix other topic', themeSlug: 'matrix-conference-theme' }],
        },
      });
      return deleteOf('deleteTheme', theme.id);
    },
  ],
  [
    'a theme only a workshop topic falls under',
    'topic_theme_id_foreign',
    async () => {
      const theme = track(
        (
          await editor.createTheme({
            input: { name: 'Matrix workshop theme', slug: 'matrix-workshop-theme', description: 'd' },
          })
        ).createTheme,
      );
      track(
        (
          await editor.createWorkshop({
            input: {
              title: 'Matrix themed workshop',
              slug: 'matrix-themed-workshop',
              topics: [{ wording: 'Matrix', themeSlug: 'matrix-workshop-theme' }],
            },
          })
        ).createWorkshop,
      );
      return deleteOf('deleteTheme', theme.id);
    },
  ],
];

describe('deletes refused while others refer to the record', () => {
  it.each(refusals)('refuses to delete %s (CONFLICT, naming %s)', async (_what, constraint, setup) => {
    const remove = await setup();
    const error = await rejectsWithoutChange(remove, 'CONFLICT');
    expect(error.errors[0].message).toBe(
      `Other records still refer to this one (${constraint}); change or delete them first.`,
    );
  });
});

/**
 * Deletes `id` and checks that exactly `gone` rows went from each table and `changed` rows lost a reference (ON
 * DELETE SET NULL), that each of them got its audit entry, and that nothing else changed.
 */
async function deletesExactly(
  remove: () => Promise<unknown>,
  gone: Record<string, number>,
  dependents: string[],
  changed: Record<string, number> = {},
) {
  for (const dependent of dependents) expect(await exists(dependent)).toBe(true);
  const before = await databaseState(server.orm);
  await remove();
  const after = await databaseState(server.orm);
  for (const dependent of dependents)
    expect({ dependent, exists: await exists(dependent) }).toEqual({ dependent, exists: false });
  const changes = Object.keys(before)
    .filter((table) => before[table] !== after[table])
    .map((table) => [table, rowCount(after, table) - rowCount(before, table)]);
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);
  const expected = Object.fromEntries(
    [...Object.keys(changed), ...Object.keys(gone)].map((table) => [table, 0 - (gone[table] ?? 0)]),
  );
  expect(Object.fromEntries(changes)).toEqual({ ...expected, audit_entry: sum(gone) + sum(changed) });
}

describe('documented cascades', () => {
  it('deleting a conference deletes its topics, partnerships and talks, and nothing else', async () => {
    const { createConference: conference } = await editor.createConference({
      input: {
        year: 2094,
        status: 'PLANNED',
        format: 'VIRTUAL',
        topics: [
          { wording: 'Matrix cascade topic 1', themeSlug: 'matrix-theme' },
          { wording: 'Matrix cascade topic 2', themeSlug: 'matrix-theme' },
        ],
      },
    });
    track(conference);
    const partnership = track(
      (
        await editor.createPartnership({
          input: { organisationId: fx.organisation.id, kind: 'CONFERENCE_VENUE', conferenceYear: 2094 },
        })
      ).createPartnership,
    );
    const talk = track(
      (
        await editor.createTalk({
          input: {
            title: 'Matrix cascade talk',
            conferenceYear: 2094,
            speakerSlug: 'matrix-person',
            organisationSlug: 'matrix-organisation',
            topicId: conference.topics.nodes[1].id,
          },
        })
      ).createTalk,
    );
    await deletesExactly(
      () => editor.deleteConference({ id: conference.id, version: conference.version }),
      { conference: 1, topic: 2, partnership: 1, talk: 1 },
      [...conference.topics.nodes.map((topic) => topic.id), partnership.id, talk.id],
    );
    for (const kept of [fx.theme.id, fx.person.id, fx.organisation.id, fx.talk.id, fx.partnership.id])
      expect(await exists(kept)).toBe(true);
  });

  it('deleting an organisation deletes its membership, partnerships and project participations; its talks stay, without it', async () => {
    const organisation = track(
      (
        await editor.createOrganisation({
          input: {
            name: 'Matrix Cascade Body',
            slug: 'matrix-cascade-body',
            kind: 'AGENCY',
            countryCode: 'QM',
            citySlug: 'matrix-city',
          },
        })
      ).createOrganisation,
    );
    const membership = track(
      (await editor.createMembership({ input: { organisationId: organisation.id } })).createMembership,
    );
    const partnerships = [
      track(
        (await editor.createPartnership({ input: { organisationId: organisation.id, kind: 'ACADEMIC_PARTNER' } }))
          .createPartnership,
      ),
      track(
        (
          await editor.createPartnership({
            input: { organisationId: organisation.id, kind: 'CONFERENCE_VENUE', conferenceYear: 2090 },
          })
        ).createPartnership,
      ),
    ];
    const project = track(
      (
        await editor.createProject({
          input: {
            name: 'Matrix cascade project',
            slug: 'matrix-cascade-project',
            kind: 'PROJECT',
            description: 'd',
            participants: [participant('matrix-cascade-body')],
          },
        })
      ).createProject,
    );
    const talk = track(
      (
        await editor.createTalk({
          input: {
            title: 'Matrix talk for a body',
            conferenceYear: 2090,
            speakerSlug: 'matrix-person',
            organisationSlug: 'matrix-cascade-body',
          },
        })
      ).createTalk,
    );
    await deletesExactly(
      async () => editor.deleteOrganisation({ id: organisation.id, version: (await versionOf(organisation.id))! }),
      { organisation: 1, membership: 1, partnership: 2, project_participation: 1 },
      [membership.id, ...partnerships.map((partnership) => partnership.id), project.participants.nodes[0].id],
      { talk: 1 },
    );
    expect(await exists(project.id)).toBe(true);
    const [row] = await sql<{ organisation_id: number | null }>('select organisation_id from talk where id = ?', [
      decodeGlobalId(talk.id, ['id']).id,
    ]);
    expect(row).toEqual({ organisation_id: null });
  });

  it('deleting a city deletes its other names, and nothing else', async () => {
    const city = track(
      (
        await editor.createCity({
          input: {
            name: 'Matrix Cascade Town',
            slug: 'matrix-cascade-town',
            countryCode: 'QM',
            aliases: [{ name: 'Matrix Kaskadenstadt', language: 'de' }, { name: 'Matrix Ville' }],
          },
        })
      ).createCity,
    );
    await deletesExactly(
      () => editor.deleteCity({ id: city.id, version: city.version }),
      { city: 1, city_alias: 2 },
      city.aliases.nodes.map((alias) => alias.id),
    );
    expect(await exists(fx.country.id)).toBe(true);
  });

  it('deleting a workshop deletes its topics, and nothing else', async () => {
    const { createWorkshop: workshop } = await editor.createWorkshop({
      input: {
        title: 'Matrix cascade workshop',
        slug: 'matrix-cascade-workshop',
        topics: [workshopTopic('Matrix w1'), workshopTopic('Matrix w2')],
      },
    });
    track(workshop);
    await deletesExactly(
      () => editor.deleteWorkshop({ id: workshop.id, version: workshop.version }),
      { workshop: 1, topic: 2 },
      workshop.topics.nodes.map((topic) => topic.id),
    );
  });

  it('deleting a person deletes their offices, and nothing else', async () => {
    const person = track(
      (await editor.createPerson({ input: { name: 'Matrix Officer', slug: 'matrix-officer' } })).createPerson,
    );
    const offices = [
      track(
        (await editor.createAssociationRole({ input: { title: 'Matrix Treasurer', personSlug: 'matrix-officer' } }))
          .createAssociationRole,
      ),
      track(
        (await editor.createAssociationRole({ input: { title: 'Matrix Auditor', personSlug: 'matrix-officer' } }))
          .createAssociationRole,
      ),
    ];
    await deletesExactly(
      () => editor.deletePerson({ id: person.id, version: person.version }),
      { person: 1, association_role: 2 },
      offices.map((office) => office.id),
    );
  });

  it('deleting a project deletes its participations; projects presented at it lose the link', async () => {
    const event = track(
      (
        await editor.createProject({
          input: {
            name: 'Matrix event',
            slug: 'matrix-event',
            kind: 'EVENT',
            description: 'd',
            participants: [participant('vienna'), participant('vitako')],
          },
        })
      ).createProject,
    );
    const presented = track(
      (
        await editor.createProject({
          input: {
            name: 'Matrix presented',
            slug: 'matrix-presented',
            kind: 'PROJECT',
            description: 'd',
            presentedAtSlug: 'matrix-event',
          },
        })
      ).createProject,
    );
    await deletesExactly(
      () => editor.deleteProject({ id: event.id, version: event.version }),
      { project: 1, project_participation: 2 },
      event.participants.nodes.map((participation) => participation.id),
      { project: 1 },
    );
    expect((await anonymous.project({ slug: 'matrix-presented' })).project).toMatchObject({
      id: presented.id,
      presentedAt: null,
    });
  });
});

describe('afterwards', () => {
  it('deletes everything it created, leaving the dataset as it found it', async () => {
    expect(await deleteCreated()).toEqual([]);
    for (const id of created) expect({ id, exists: await exists(id) }).toEqual({ id, exists: false });
    expect((await anonymous.memberships()).memberships.totalCount).toBe(48);
    expect((await anonymous.people()).people.totalCount).toBe(1);
    expect((await anonymous.projects()).projects.totalCount).toBe(3);
    expect((await anonymous.association()).association).toMatchObject({
      version: expect.any(Number),
      statedMemberCities: 40,
    });
  });
});
