import { createClient, type MceClient } from '@mce/sdk';
import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import { decodeGlobalId, encodeGlobalId } from '../../server/common/global-id';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { postGraphQL } from '../helpers/graphql';
import { startPrivateTestServer, type TestServer } from '../helpers/server';

/**
 * Every row a change removes or alters is in the audit log, including the rows the database removes or changes
 * by itself through ON DELETE CASCADE and ON DELETE SET NULL. The list of those rules comes from the database's
 * own catalogue (pg_constraint), so that a new one that no step below exercises fails this file.
 *
 * Each step makes one change through the API and compares every table before and after with the audit entries
 * the change added: one DELETE per row gone, one UPDATE per row altered, one CREATE per row added, each naming
 * its record, with the row's keys and version as they were (before) and are (after). The file has a database of
 * its own, so it deletes seeded records, whose facts (the 2018 conference's topics) are known.
 */

type Row = Record<string, unknown>;
/** Every table's rows by id. */
type Tables = Map<string, Map<number, Row>>;

interface AuditEntry {
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  entityType: string;
  recordId: string;
  before: Row | null;
  after: Row | null;
}

interface OnDeleteRule {
  constraint: string;
  table: string;
  column: string;
  referencedTable: string;
  rule: 'CASCADE' | 'SET NULL';
}

let server: TestServer;
let admin: MceClient;
let adminKey: string;
let speakerSlug: string;

beforeAll(async () => {
  server = await startPrivateTestServer('cascade_audit');
  const created = await createApiKey(server.orm.em.fork(), 'cascade auditor', Role.ADMIN);
  adminKey = created.key;
  admin = createClient({ url: server.endpoint, headers: { authorization: `Bearer ${adminKey}` } });
  // Talks need a speaker; the seeded person is deleted by a step below (talks would hold them back).
  speakerSlug = (await admin.createPerson({ input: { name: 'Audit Speaker', slug: 'audit-speaker' } })).createPerson
    .slug;
});
afterAll(() => server?.close());

async function sql<T = Row>(query: string, params: unknown[] = []): Promise<T[]> {
  return server.orm.em.fork().getConnection().execute(query, params) as Promise<T[]>;
}

function tableMetas(): EntityMetadata[] {
  return Object.values(server.orm.getMetadata().getAll()).filter((meta) => !meta.abstract && !meta.embeddable);
}

/** The audited tables (all but the audit log itself), row by row. */
async function allRows(): Promise<Tables> {
  const tables: Tables = new Map();
  for (const meta of tableMetas().filter((candidate) => candidate.tableName !== 'audit_entry')) {
    const rows = await sql(`select * from "${meta.tableName}"`);
    tables.set(meta.tableName, new Map(rows.map((row) => [row.id as number, JSON.parse(JSON.stringify(row)) as Row])));
  }
  return tables;
}

/** The rules of the database's foreign keys that do more than refuse a delete. */
async function onDeleteRules(): Promise<OnDeleteRule[]> {
  const rows = await sql<{
    constraint: string;
    table: string;
    column: string;
    referenced_table: string;
    rule: string;
  }>(`
    select c.conname as "constraint", child.relname as "table", a.attname as "column", parent.relname as referenced_table,
           c.confdeltype as rule
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confdeltype in ('c', 'n')
    order by 1`);
  return rows.map((row) => ({
    constraint: row.constraint,
    table: row.table,
    column: row.column,
    referencedTable: row.referenced_table,
    rule: row.rule === 'c' ? 'CASCADE' : 'SET NULL',
  }));
}

const auditCount = async () => (await admin.auditLog({ first: 1 })).auditLog.totalCount;

/** The audit entries made since the log held `count`, oldest first. */
async function entriesSince(count: number): Promise<AuditEntry[]> {
  const added = (await auditCount()) - count;
  if (added === 0) return [];
  const answer = await postGraphQL<{ auditLog: { nodes: AuditEntry[] } }>(
    server.endpoint,
    'query ($last: Int!) { auditLog(last: $last) { nodes { action entityType recordId before after } } }',
    { last: added },
    { authorization: `Bearer ${adminKey}` },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.auditLog.nodes;
}

/** The columns an audit snapshot must agree on with its row: the key, the version and every foreign key. */
function keyColumns(meta: EntityMetadata): Array<[property: string, column: string]> {
  const holdsForeignKey = (property: EntityProperty) =>
    property.kind === ReferenceKind.MANY_TO_ONE || (property.kind === ReferenceKind.ONE_TO_ONE && property.owner);
  return Object.values(meta.properties)
    .filter((property) => property.name === 'id' || property.name === 'version' || holdsForeignKey(property))
    .map((property) => [property.name, property.fieldNames[0]]);
}

function snapshotKeys(snapshot: Row | null, meta: EntityMetadata): Row | null {
  return snapshot && Object.fromEntries(keyColumns(meta).map(([property]) => [property, snapshot[property] ?? null]));
}

function rowKeys(row: Row | undefined, meta: EntityMetadata): Row | null {
  return row ? Object.fromEntries(keyColumns(meta).map(([property, column]) => [property, row[column] ?? null])) : null;
}

/** The rules a change exercised: a row that referred to a row now gone is gone too (CASCADE) or refers to nothing (SET NULL). */
function exercised(rules: OnDeleteRule[], before: Tables, after: Tables): string[] {
  return rules
    .filter(({ table, column, referencedTable, rule }) =>
      [...before.get(table)!.values()].some((row) => {
        const parent = row[column] as number | null;
        if (parent == null || !before.get(referencedTable)!.has(parent) || after.get(referencedTable)!.has(parent))
          return false;
        const now = after.get(table)!.get(row.id as number);
        return rule === 'CASCADE' ? now === undefined : now !== undefined && now[column] === null;
      }),
    )
    .map(({ constraint }) => constraint);
}

const coveredRules = new Set<string>();

/**
 * Makes one change and checks that its audit entries are exactly the rows it removed, altered and added, with their
 * keys and versions; answers the entries, and notes the ON DELETE rules it exercised.
 */
async function auditsEveryRow(change: () => Promise<unknown>): Promise<AuditEntry[]> {
  const rules = await onDeleteRules();
  const before = await allRows();
  const count = await auditCount();
  await change();
  const after = await allRows();
  const entries = await entriesSince(count);

  const expected: string[] = [];
  const metaOfTable = new Map(tableMetas().map((meta) => [meta.tableName, meta]));
  for (const [table, rows] of before) {
    const type = metaOfTable.get(table)!.className;
    const now = after.get(table)!;
    for (const [id, row] of rows) {
      if (!now.has(id)) expected.push(`DELETE ${type} ${encodeGlobalId(type, id)}`);
      else if (JSON.stringify(now.get(id)) !== JSON.stringify(row))
        expected.push(`UPDATE ${type} ${encodeGlobalId(type, id)}`);
    }
    for (const id of now.keys()) if (!rows.has(id)) expected.push(`CREATE ${type} ${encodeGlobalId(type, id)}`);
  }
  expect(entries.map((entry) => `${entry.action} ${entry.entityType} ${entry.recordId}`).sort()).toEqual(
    expected.sort(),
  );

  // Each snapshot is the row as it was and is: same key, version and references.
  for (const entry of entries) {
    const meta = server.orm.getMetadata().find(entry.entityType)!;
    const { id } = decodeGlobalId(entry.recordId, ['recordId']);
    expect({
      entry: entry.recordId,
      before: snapshotKeys(entry.before, meta),
      after: snapshotKeys(entry.after, meta),
    }).toEqual({
      entry: entry.recordId,
      before: rowKeys(before.get(meta.tableName)!.get(id), meta),
      after: rowKeys(after.get(meta.tableName)!.get(id), meta),
    });
  }
  for (const constraint of exercised(rules, before, after)) coveredRules.add(constraint);
  return entries;
}

const versionOf = async (globalId: string) => {
  const { typeName, id } = decodeGlobalId(globalId, ['id']);
  const [row] = await sql<{ version: number }>(
    `select version from "${server.orm.getMetadata().find(typeName)!.tableName}" where id = ?`,
    [id],
  );
  return row.version;
};

describe('deleting a conference', () => {
  it('logs the removal of each of its topics (the seeded ones of 2018), partnerships and talks, as they were', async () => {
    const { conference } = await admin.conference({ year: 2018 });
    const topics = conference!.topics.nodes;
    const talk = (
      await admin.createTalk({
        input: { title: 'Audit talk 2018', conferenceYear: 2018, speakerSlug, topicId: topics[1].id },
      })
    ).createTalk;

    const entries = await auditsEveryRow(async () =>
      admin.deleteConference({ id: conference!.id, version: await versionOf(conference!.id) }),
    );

    const { id: conferenceKey } = decodeGlobalId(conference!.id, ['id']);
    const themeKey = (topic: (typeof topics)[number]) => decodeGlobalId(topic.theme.id, ['id']).id;
    const topicEntries = entries.filter((entry) => entry.entityType === 'Topic');
    expect(topicEntries).toEqual(
      topics.map((topic) => ({
        action: 'DELETE',
        entityType: 'Topic',
        recordId: topic.id,
        before: expect.objectContaining({
          id: decodeGlobalId(topic.id, ['id']).id,
          conference: conferenceKey,
          position: topic.position,
          wording: topic.wording,
          theme: themeKey(topic),
        }),
        after: null,
      })),
    );
    // The seeded facts: the five topics of the Leipzig conference, in order, under their themes.
    expect(topics.map((topic) => [topic.position, topic.wording, topic.theme.slug])).toEqual([
      [1, 'city data', 'data-and-big-data'],
      [2, 'digital developments and business cases', 'public-finances-and-business-cases'],
      [3, 'digital government in practice and citizen engagement', 'e-government-and-digital-transformation'],
      [4, 'new technologies beyond the hype', 'emerging-technologies'],
      [5, 'collaboration and co-creation', 'collaboration-and-co-creation'],
    ]);
    expect(
      entries.filter((entry) => entry.entityType === 'Partnership').map((entry) => entry.before?.description),
    ).toEqual([
      'The Municipality of Leipzig hosted the 2018 conference with LECOS.',
      'Hosted the 2018 conference with the Municipality of Leipzig.',
    ]);
    expect(entries.filter((entry) => entry.entityType === 'Talk')).toEqual([
      expect.objectContaining({
        action: 'DELETE',
        recordId: talk.id,
        before: expect.objectContaining({ title: 'Audit talk 2018' }),
      }),
    ]);
    // The record asked for comes first.
    expect(entries[0]).toMatchObject({
      action: 'DELETE',
      entityType: 'Conference',
      recordId: conference!.id,
      before: { year: 2018 },
    });
  });
});

describe('every other ON DELETE rule', () => {
  it('deleting a project logs its participations, and the projects presented at it losing the link', async () => {
    const { project } = await admin.project({ slug: 'european-local-government-conference-on-ict' });
    const entries = await auditsEveryRow(async () =>
      admin.deleteProject({ id: project!.id, version: await versionOf(project!.id) }),
    );
    const presented = (await admin.project({ slug: 'smart-cities-project' })).project!;
    expect(entries.find((entry) => entry.recordId === presented.id)).toMatchObject({
      action: 'UPDATE',
      before: { presentedAt: decodeGlobalId(project!.id, ['id']).id },
      after: { presentedAt: null },
    });
    expect(presented.presentedAt).toBeNull();
  });

  it('deleting an organisation logs its membership, partnerships, participations, and its talks losing it', async () => {
    const fupol = (await admin.project({ slug: 'fupol' })).project!;
    await admin.updateProject({
      input: {
        id: fupol.id,
        version: await versionOf(fupol.id),
        participants: [{ organisationSlug: 'vitako', role: 'PARTICIPANT' }],
      },
    });
    const talk = (
      await admin.createTalk({
        input: { title: 'Audit talk by Vitako', conferenceYear: 2019, speakerSlug, organisationSlug: 'vitako' },
      })
    ).createTalk;
    const { organisation } = await admin.organisation({ slug: 'vitako' });
    const entries = await auditsEveryRow(async () =>
      admin.deleteOrganisation({ id: organisation!.id, version: await versionOf(organisation!.id) }),
    );
    expect(entries.map((entry) => `${entry.action} ${entry.entityType}`).sort()).toEqual([
      'DELETE Membership',
      'DELETE Organisation',
      'DELETE Partnership',
      'DELETE ProjectParticipation',
      'UPDATE Talk',
    ]);
    expect(entries.find((entry) => entry.recordId === talk.id)).toMatchObject({
      before: { organisation: expect.any(Number), version: 1 },
      after: { organisation: null, version: 2 },
    });
  });

  it('deleting a person logs their offices', async () => {
    const { person } = await admin.person({ slug: 'giorgio-prister' });
    const entries = await auditsEveryRow(async () =>
      admin.deletePerson({ id: person!.id, version: await versionOf(person!.id) }),
    );
    expect(entries.map((entry) => [entry.action, entry.entityType, entry.before?.title ?? entry.before?.name])).toEqual(
      [
        ['DELETE', 'Person', 'Giorgio Prister'],
        ['DELETE', 'AssociationRole', 'President'],
      ],
    );
  });

  it('deleting a workshop logs its topic', async () => {
    const { workshop } = await admin.workshop({ slug: 'open-data' });
    const entries = await auditsEveryRow(async () =>
      admin.deleteWorkshop({ id: workshop!.id, version: await versionOf(workshop!.id) }),
    );
    expect(
      entries.map((entry) => [entry.action, entry.entityType, entry.before?.title ?? entry.before?.wording]),
    ).toEqual([
      ['DELETE', 'Workshop', 'Open Data'],
      ['DELETE', 'Topic', 'Open Data'],
    ]);
  });

  it('deleting a city logs its other names', async () => {
    const { createCity: city } = await admin.createCity({
      input: {
        name: 'Audit Town',
        slug: 'audit-town',
        countryCode: 'AT',
        aliases: [
          { name: 'Prüfstadt', language: 'de' },
          { name: 'Ville d’audit', language: 'fr' },
        ],
      },
    });
    const entries = await auditsEveryRow(() => admin.deleteCity({ id: city.id, version: city.version }));
    expect(entries.map((entry) => [entry.action, entry.entityType, entry.before?.name])).toEqual([
      ['DELETE', 'City', 'Audit Town'],
      ['DELETE', 'CityAlias', 'Prüfstadt'],
      ['DELETE', 'CityAlias', 'Ville d’audit'],
    ]);
  });

  it("replacing a conference's topics logs the talks that lose their topic", async () => {
    const { conference } = await admin.conference({ year: 2019 });
    const topic = conference!.topics.nodes[0];
    const talk = (
      await admin.createTalk({
        input: { title: 'Audit talk 2019', conferenceYear: 2019, speakerSlug, topicId: topic.id },
      })
    ).createTalk;
    const entries = await auditsEveryRow(async () =>
      admin.updateConference({
        input: {
          id: conference!.id,
          version: await versionOf(conference!.id),
          topics: [{ wording: 'One topic now', themeSlug: 'smart-cities' }],
        },
      }),
    );
    expect(entries.find((entry) => entry.recordId === talk.id)).toMatchObject({
      action: 'UPDATE',
      before: { topic: decodeGlobalId(topic.id, ['id']).id },
      after: { topic: null },
    });
  });

  it('has exercised every ON DELETE CASCADE and SET NULL of the database (add a step above for a new one)', async () => {
    const rules = (await onDeleteRules()).map(({ constraint }) => constraint);
    expect(rules.length).toBeGreaterThanOrEqual(13);
    expect(rules.filter((constraint) => !coveredRules.has(constraint))).toEqual([]);
  });
});
