import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createClient, type MceClient } from '@mce/sdk';
import { buildSchema, Kind, parse, type GraphQLInterfaceType } from 'graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/** Every operation of the SDK, run through its client over HTTP against the seeded server, returns facts of the sources. */
let server: TestServer;
let client: MceClient;
beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ url: server.endpoint });
});
afterAll(() => server.close());

describe('SDK operation documents', () => {
  it('Association', async () => {
    const { association } = await client.association();
    expect(association).toMatchObject({ shortName: 'MCE', foundedYear: 1982, seat: { name: 'Bremerhaven' } });
  });

  it('Members', async () => {
    const { association } = await client.members({ first: 2, filter: { countryCode: { eq: 'NL' } } });
    expect(association?.members.nodes.map((member) => member.name)).toEqual(['Eindhoven', 'Zoetermeer']);
  });

  it('Country and Countries', async () => {
    const { country } = await client.country({ code: 'IE' });
    expect(country?.members.nodes.map((member) => member.name)).toEqual([
      'Cork City Council',
      'County Cork',
      'Dublin',
      'Fingal County',
      'LGMA',
    ]);
    const { countries } = await client.countries({ filter: { inEurope: false } });
    expect(countries.nodes.map((node) => node.name)).toEqual(['Israel', 'South Korea', 'United States']);
  });

  it('CountriesWithMembers', async () => {
    const { countries } = await client.countriesWithMembers({
      filter: { code: { in: ['IE', 'IL'] } },
      membersFirst: 3,
    });
    expect(
      countries.nodes.map((country) => [
        country.code,
        country.members.nodes.map((member) => [member.name, member.city?.name ?? null]),
      ]),
    ).toEqual([
      [
        'IE',
        [
          ['Cork City Council', 'Cork'],
          ['County Cork', null],
          ['Dublin', 'Dublin'],
        ],
      ],
      [
        'IL',
        [
          ['Holon', 'Holon'],
          ['Rishon LeZion', 'Rishon LeZion'],
          ['Tel Aviv', 'Tel Aviv'],
        ],
      ],
    ]);
    expect(countries.pageInfo.hasNextPage).toBe(false);
  });

  it('City and Cities', async () => {
    const { city } = await client.city({ name: 'Genova' });
    expect(city).toMatchObject({ name: 'Genoa', organisations: { nodes: [{ membership: { listedAs: 'Genova' } }] } });
    const { cities } = await client.cities({ filter: { hostedConference: true }, first: 100 });
    expect(cities.totalCount).toBe(11);
  });

  it('Organisation, Organisations, Memberships and Partnerships', async () => {
    const { organisation } = await client.organisation({ slug: 'vitako' });
    expect(organisation).toMatchObject({
      isMember: true,
      partnerships: { nodes: [{ kind: 'COLLABORATION_PARTNER' }] },
      projects: { nodes: [{ role: 'ORGANISER', project: { slug: 'european-local-government-conference-on-ict' } }] },
    });
    const { organisations } = await client.organisations({ filter: { isMember: false } });
    // Sorted here: "Larissa" and "LECOS" order differently under the embedded engine's C collation.
    expect(organisations.nodes.map((node) => node.name).sort()).toEqual([
      "Ca' Foscari University",
      'LECOS',
      'Larissa',
      'The Public Technology Institute',
      'Venis S.p.A.',
    ]);
    const { memberships } = await client.memberships({ filter: { countryCode: { eq: 'SI' } } });
    expect(memberships.nodes.map((node) => node.listedUnder)).toEqual([
      'Celje, Slovenia',
      'Celje, Slovenia',
      'Celje, Slovenia',
    ]);
    const { partnerships } = await client.partnerships({ filter: { kind: { eq: 'ACADEMIC_PARTNER' } } });
    expect(partnerships.nodes.map((node) => node.organisation.slug)).toEqual([
      'autonomous-university-of-barcelona',
      'center-for-technology-in-government',
    ]);
  });

  it('Conference and Conferences', async () => {
    const { conference } = await client.conference({ year: 2013 });
    expect(conference).toMatchObject({
      title: "ICT – fostering cities' prosperity",
      attendance: { participants: 180, approximate: true },
    });
    expect(conference?.topics.nodes).toHaveLength(7);
    const { conferences } = await client.conferences({ last: 2 });
    expect(conferences.nodes.map((node) => [node.year, node.status, node.format])).toEqual([
      [2021, 'PLANNED', 'VIRTUAL'],
      [2022, 'PLANNED', 'IN_PERSON'],
    ]);
  });

  it('Theme, Themes, Topics and Workshops', async () => {
    const { theme } = await client.theme({ slug: 'education' });
    expect(theme?.topics.nodes.map((topic) => [topic.wording, topic.conference?.year])).toEqual([
      ['The School 2020', 2015],
      ['Smart Education', 2016],
    ]);
    const { themes } = await client.themes({ first: 100 });
    expect(themes.totalCount).toBe(25);
    const { topics } = await client.topics({ filter: { kind: { eq: 'SESSION_TOPIC' }, conferenceYear: { eq: 2019 } } });
    expect(topics.nodes.map((topic) => topic.wording)).toEqual([
      'cities as service hubs',
      'the ethical dimension of technology (GDPR, cybercrime)',
      'creating public value with emerging technologies (AI, data analysis, blockchain)',
    ]);
    const { workshops } = await client.workshops({ filter: { themeSlug: { eq: 'open-government-and-data' } } });
    expect(workshops.nodes.map((workshop) => workshop.title)).toEqual(['Open Data']);
  });

  it('Person, People and Talks', async () => {
    const { person } = await client.person({ slug: 'giorgio-prister' });
    expect(person).toMatchObject({
      name: 'Giorgio Prister',
      roles: { nodes: [{ title: 'President' }] },
      talks: { nodes: [] },
    });
    const { people } = await client.people({});
    expect(people.totalCount).toBe(1);
    // The sources name no individual talks: the collection is there, and empty.
    const { talks } = await client.talks({});
    expect(talks.totalCount).toBe(0);
  });

  it('Project and Projects', async () => {
    const { project } = await client.project({ slug: 'european-local-government-conference-on-ict' });
    expect(project?.presentations.nodes).toMatchObject([
      { name: 'Smart Cities Project', slug: 'smart-cities-project' },
    ]);
    const { projects } = await client.projects({ filter: { kind: { eq: 'EU_PROJECT' } } });
    expect(projects.nodes.map((node) => node.name)).toEqual(['FUPOL']);
  });

  it('Sources, Node and Nodes', async () => {
    const { sources } = await client.sources();
    expect(sources.nodes.map((source) => source.fileName)).toEqual([
      '000_72251fe489c5ff25.txt',
      '003_926b5a261bed8753.txt',
      'supplementary.md',
    ]);
    const { node } = await client.node({ id: sources.nodes[2].id });
    expect(node).toEqual({ __typename: 'Source', id: sources.nodes[2].id });
    const { nodes } = await client.nodes({ ids: sources.nodes.map((source) => source.id) });
    expect(nodes.map((item) => item?.__typename)).toEqual(['Source', 'Source', 'Source']);
  });

  it('AssociationRoles, Source and Workshop', async () => {
    const { associationRoles } = await client.associationRoles();
    expect(associationRoles.nodes).toMatchObject([{ title: 'President', person: { name: 'Giorgio Prister' } }]);
    const { source } = await client.source({ fileName: '003_926b5a261bed8753.txt' });
    expect(source?.conferences.nodes.map((conference) => conference.year)).toEqual([
      2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017,
    ]);
    expect(source?.organisations.totalCount).toBe(49);
    const { workshop } = await client.workshop({ slug: 'the-city-protocol-society' });
    expect(workshop?.topics.nodes).toMatchObject([
      { wording: 'The City Protocol Society', kind: 'WORKSHOP_TOPIC', theme: { slug: 'smart-cities' } },
    ]);
  });

  it('Graph and Paths', async () => {
    const { graph } = await client.graph({ filter: { countries: ['GR'], kinds: ['CITY', 'COUNTRY'] } });
    expect([graph.nodeCount, graph.edgeCount]).toEqual([3, 2]);
    expect(graph.nodes.map((node) => [node.kind, node.label, node.degree])).toEqual([
      ['CITY', 'Trikala', 1],
      ['CITY', 'Larissa', 1],
      ['COUNTRY', 'Greece', 2],
    ]);
    const [trikala, larissa] = graph.nodes;
    const { paths } = await client.paths({ from: trikala.id, to: larissa.id });
    expect(paths.map((path) => path.steps.map((step) => [step.direction, step.sentence]))).toEqual([
      [
        ['FORWARD', 'Trikala in country Greece'],
        ['BACKWARD', 'Larissa in country Greece'],
      ],
    ]);
    expect(paths[0].steps.map((step) => step.edgeId)).toEqual(graph.edges.map((edge) => edge.id));
  });

  it('Search', async () => {
    const { search } = await client.search({ query: 'Firenze' });
    expect(search.totalCount).toBe(2);
    expect(search.nodes).toEqual([
      expect.objectContaining({
        kind: 'ORGANISATION',
        label: 'Florence',
        field: 'otherName',
        snippet: 'Firenze',
        highlights: [{ start: 0, length: 7 }],
        record: expect.objectContaining({
          __typename: 'Organisation',
          kind: 'CITY',
          membership: expect.objectContaining({ listedAs: 'Firenze' }),
        }),
      }),
      expect.objectContaining({
        kind: 'CITY',
        label: 'Florence',
        field: 'otherName',
        record: expect.objectContaining({
          __typename: 'City',
          slug: 'florence',
          country: expect.objectContaining({ code: 'IT' }),
        }),
      }),
    ]);
    // Page by page with the SDK's paginate: "Cities in the Cloud" (2012), "Outsourcing in cities: … Cloud
    // computing" (2013), "Cloud computing, shared services: Lessons learnt" (2014), "Government in the Cloud" (2016).
    const wordings: string[] = [];
    for await (const hit of client.paginate(
      client.search,
      { query: 'cloud', kinds: ['TOPIC'] },
      (data) => data.search,
      {
        pageSize: 3,
      },
    )) {
      if (hit.record.__typename === 'Topic') wordings.push(hit.record.wording);
    }
    expect(wordings.sort()).toEqual([
      'Cities in the Cloud',
      'Cloud computing, shared services: Lessons learnt',
      'Government in the Cloud',
      'Outsourcing in cities: practical experiences and implementation of Cloud computing',
    ]);
  });

  it('cover every root field of the API', async () => {
    const schema = buildSchema(await readFile(path.join(__dirname, '../../schema.graphql'), 'utf8'));
    const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      type ? Object.keys(type.getFields()) : [],
    );
    const documents = await Promise.all(
      (await readdir(path.join(__dirname, '../../sdk/operations'))).map((file) =>
        readFile(path.join(__dirname, '../../sdk/operations', file), 'utf8'),
      ),
    );
    const used = new Set<string>();
    for (const definition of documents.flatMap((text) => parse(text).definitions)) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind === Kind.FIELD) used.add(selection.name.value);
      }
    }
    expect(rootFields.filter((field) => !used.has(field))).toEqual([]);
  });

  it('have one fragment per kind of record, named after it', async () => {
    const schema = buildSchema(await readFile(path.join(__dirname, '../../schema.graphql'), 'utf8'));
    const kinds = schema.getPossibleTypes(schema.getType('Node') as GraphQLInterfaceType).map((type) => type.name);
    const documents = await Promise.all(
      (await readdir(path.join(__dirname, '../../sdk/operations'))).map((file) =>
        readFile(path.join(__dirname, '../../sdk/operations', file), 'utf8'),
      ),
    );
    const fragments = documents
      .flatMap((text) => parse(text).definitions)
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
    const onKind = (kind: string) =>
      fragments.filter((fragment) => fragment.typeCondition.name.value === kind).map((fragment) => fragment.name.value);
    expect(kinds.length).toBeGreaterThanOrEqual(19);
    expect(Object.fromEntries(kinds.map((kind) => [kind, onKind(kind)]))).toEqual(
      Object.fromEntries(kinds.map((kind) => [kind, [`${kind}Fields`]])),
    );
  });
});
