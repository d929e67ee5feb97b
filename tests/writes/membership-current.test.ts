import { createClient, type MceClient } from '@mce/sdk';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { currentMemberCondition, isCurrentMembership } from '../../server/modules/organisation/membership.rule';
import { Membership, Organisation } from '../../server/modules/organisation/organisation.entity';
import { queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * "A membership is current" has two forms: a condition in SQL (the `isMember` filter) and a predicate in JS
 * (the `isMember` field of a loaded organisation). They must agree on every organisation, members, former
 * members and non-members alike; the dataset has no former member, so the test records one for the while.
 */
let server: TestServer;
let editor: MceClient;

beforeAll(async () => {
  server = await startTestServer();
  editor = createClient({
    url: server.endpoint,
    headers: {
      authorization: `Bearer ${(await createApiKey(server.orm.em.fork(), 'membership editor', Role.EDITOR)).key}`,
    },
  });
});
afterAll(() => server.close());

type Listed = {
  organisations: {
    totalCount: number;
    nodes: Array<{ slug: string; isMember: boolean; membership: { status: string } | null }>;
  };
};

async function organisations(filter: string): Promise<Listed['organisations']> {
  const data = await queryData<Listed>(
    server.endpoint,
    `{ organisations(first: 100, filter: ${filter}) { totalCount nodes { slug isMember membership { status } } } }`,
  );
  return data.organisations;
}

/** Both forms over HTTP: the slugs the filter selects, and the slugs whose field says member. */
async function bothForms() {
  const all = await organisations('{}');
  const members = await organisations('{ isMember: true }');
  const nonMembers = await organisations('{ isMember: false }');
  expect(all.nodes).toHaveLength(all.totalCount);
  return {
    all,
    bySql: {
      members: members.nodes.map((node) => node.slug).sort(),
      nonMembers: nonMembers.nodes.map((node) => node.slug).sort(),
    },
    byJs: {
      members: all.nodes
        .filter((node) => node.isMember)
        .map((node) => node.slug)
        .sort(),
      nonMembers: all.nodes
        .filter((node) => !node.isMember)
        .map((node) => node.slug)
        .sort(),
    },
  };
}

describe('a current membership', () => {
  it('is the same in the filter and in the isMember field, for every organisation of the dataset', async () => {
    const { all, bySql, byJs } = await bothForms();
    expect(all.totalCount).toBe(53);
    expect(bySql).toEqual(byJs);
    expect(bySql.members).toHaveLength(48);
    expect(bySql.members).toContain('vienna');
    // Partners and project participants that are not members of the association.
    expect(bySql.nonMembers).toEqual([
      'ca-foscari-university',
      'larissa',
      'lecos',
      'public-technology-institute',
      'venis',
    ]);
  });

  it('is the same in both forms for a former member, who counts as a non-member', async () => {
    const { organisation } = await queryData<{ organisation: { id: string } }>(
      server.endpoint,
      '{ organisation(slug: "ca-foscari-university") { id } }',
    );
    const { createMembership } = await editor.createMembership({
      input: { organisationId: organisation.id, status: 'FORMER' },
    });
    try {
      const { all, bySql, byJs } = await bothForms();
      expect(bySql).toEqual(byJs);
      expect(all.nodes.find((node) => node.slug === 'ca-foscari-university')).toEqual({
        slug: 'ca-foscari-university',
        isMember: false,
        membership: { status: 'FORMER' },
      });
      expect(bySql.nonMembers).toContain('ca-foscari-university');

      // The two forms side by side on the rows themselves: the predicate on every membership, the condition in SQL.
      const em = server.orm.em.fork();
      const memberships = await em.find(Membership, {}, { populate: ['organisation'] });
      const current = new Set((await em.find(Organisation, currentMemberCondition(true))).map((row) => row.id));
      const notCurrent = new Set((await em.find(Organisation, currentMemberCondition(false))).map((row) => row.id));
      expect(memberships.some((membership) => membership.status === 'FORMER')).toBe(true);
      for (const membership of memberships) {
        const id = membership.organisation.id;
        const slug = membership.organisation.getEntity().slug;
        expect([slug, isCurrentMembership(membership)]).toEqual([slug, current.has(id)]);
        expect(notCurrent.has(id)).toBe(!current.has(id));
      }
      expect(isCurrentMembership(null)).toBe(false);
    } finally {
      await editor.deleteMembership({ id: createMembership.id, version: createMembership.version });
    }
  });
});
