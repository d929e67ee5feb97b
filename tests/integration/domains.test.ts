import { readdirSync } from 'node:fs';
import path from 'node:path';
import { MetadataStorage } from '@mikro-orm/core';
import { getNamedType, isObjectType } from 'graphql';
import { ProvenancedEntity } from '../../server/modules/source/source.provenance';
import { domains, entities } from '../../server/modules/domains';
import { createSchema } from '../../server/schema';
import { queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The domain list (server/modules/domains.ts) is the one registry: the ORM's entities, the resolvers and the
 * provenance back-links are read from it. These tests fail when something is left out of it.
 */
const MODULES = path.resolve(__dirname, '../../server/modules');

/** Every class with MikroORM metadata (@Entity or @Embeddable) declared in a module's *.entity.ts file. */
async function declaredEntityClasses(): Promise<Function[]> {
  const files = readdirSync(MODULES, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.entity.ts'),
  );
  const declared: Function[] = [];
  const persisted = new Set(Object.values(MetadataStorage.getMetadata()).map((meta) => meta.class as Function));
  for (const file of files) {
    const exports = (await import(path.join(MODULES, file))) as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      if (typeof value === 'function' && persisted.has(value)) declared.push(value);
    }
  }
  return declared;
}

describe('the domain registry', () => {
  it('holds every entity and embeddable the modules declare, each in exactly one domain', async () => {
    const declared = await declaredEntityClasses();
    expect(declared.length).toBeGreaterThanOrEqual(22);
    const owners = (type: Function) =>
      domains.filter((domain) => domain.entities.includes(type as never)).map((domain) => domain.name);
    expect(
      declared
        .filter((type) => owners(type).length !== 1)
        .map((type) => `${type.name}: ${owners(type).join(', ') || 'no domain'}`),
    ).toEqual([]);
    expect(new Set(entities)).toEqual(new Set(declared));
  });

  it('gives every provenanced kind a back-link from Source', async () => {
    const schema = await createSchema();
    const source = schema.getType('Source');
    if (!isObjectType(source)) throw new Error('no Source type');
    const linked = new Set(Object.values(source.getFields()).map((field) => getNamedType(field.type).name));
    const provenanced = entities.filter((type) => type.prototype instanceof ProvenancedEntity).map((type) => type.name);
    expect(provenanced).toHaveLength(16);
    expect(provenanced.filter((name) => !linked.has(`${name}Connection`))).toEqual([]);
  });
});

describe('Source back-links, against the seeded documents', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('list what the encyclopaedia article gave: the association, its president, other city names, memberships, project roles', async () => {
    const data = await queryData<{
      source: Record<string, { totalCount: number; nodes: Array<Record<string, unknown>> }>;
    }>(
      server.endpoint,
      `{ source(fileName: "003_926b5a261bed8753.txt") {
          associations { totalCount nodes { name } }
          people { nodes { name } }
          associationRoles { nodes { title person { name } } }
          cityAliases(orderBy: { field: NAME }) { nodes { name city { name } } }
          memberships(first: 1) { totalCount nodes { listedAs } }
          projectParticipations { nodes { role organisation { name } project { slug } } }
          talks { totalCount }
        } }`,
    );
    expect(data.source.associations).toEqual({
      totalCount: 1,
      nodes: [{ name: 'Major Cities of Europe IT Users Group' }],
    });
    expect(data.source.people.nodes).toEqual([{ name: 'Giorgio Prister' }]);
    expect(data.source.associationRoles.nodes).toEqual([{ title: 'President', person: { name: 'Giorgio Prister' } }]);
    expect(data.source.cityAliases.nodes).toEqual(
      expect.arrayContaining([
        { name: 'Firenze', city: { name: 'Florence' } },
        { name: 'Genova', city: { name: 'Genoa' } },
      ]),
    );
    expect(data.source.memberships.totalCount).toBe(48);
    expect(data.source.projectParticipations.nodes).toEqual([
      {
        role: 'ORGANISER',
        organisation: { name: 'VITAKO' },
        project: { slug: 'european-local-government-conference-on-ict' },
      },
    ]);
    // The sources name no talks.
    expect(data.source.talks.totalCount).toBe(0);
  });
});
