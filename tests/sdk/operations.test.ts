import {
  AssociationDocument,
  CitiesDocument,
  CityDocument,
  ConferenceDocument,
  ConferencesDocument,
  CountriesDocument,
  CountryDocument,
  MembersDocument,
  MembershipsDocument,
  NodeDocument,
  NodesDocument,
  OrganisationDocument,
  OrganisationsDocument,
  PartnershipsDocument,
  PeopleDocument,
  PersonDocument,
  ProjectDocument,
  ProjectsDocument,
  SourcesDocument,
  TalksDocument,
  ThemeDocument,
  ThemesDocument,
  TopicsDocument,
  WorkshopsDocument,
} from '../../sdk/src/generated/graphql';
import { queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/** Every operation document of the SDK, run over HTTP against the seeded server, returns facts of the sources. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('SDK operation documents', () => {
  it('Association', async () => {
    const { association } = await queryData(server.endpoint, AssociationDocument);
    expect(association).toMatchObject({ shortName: 'MCE', foundedYear: 1982, seat: { name: 'Bremerhaven' } });
  });

  it('Members', async () => {
    const { association } = await queryData(server.endpoint, MembersDocument, { first: 2, filter: { countryCode: { eq: 'NL' } } });
    expect(association?.members.nodes.map((member) => member.name)).toEqual(['Eindhoven', 'Zoetermeer']);
  });

  it('Country and Countries', async () => {
    const { country } = await queryData(server.endpoint, CountryDocument, { code: 'IE' });
    expect(country?.members.nodes.map((member) => member.name)).toEqual([
      'Cork City Council', 'County Cork', 'Dublin', 'Fingal County', 'LGMA',
    ]);
    const { countries } = await queryData(server.endpoint, CountriesDocument, { filter: { inEurope: false } });
    expect(countries.nodes.map((node) => node.name)).toEqual(['Israel', 'South Korea', 'United States']);
  });

  it('City and Cities', async () => {
    const { city } = await queryData(server.endpoint, CityDocument, { name: 'Genova' });
    expect(city).toMatchObject({ name: 'Genoa', organisations: { nodes: [{ membership: { listedAs: 'Genova' } }] } });
    const { cities } = await queryData(server.endpoint, CitiesDocument, { filter: { hostedConference: true }, first: 100 });
    expect(cities.totalCount).toBe(11);
  });

  it('Organisation, Organisations, Memberships and Partnerships', async () => {
    const { organisation } = await queryData(server.endpoint, OrganisationDocument, { slug: 'vitako' });
    expect(organisation).toMatchObject({
      isMember: true,
      partnerships: { nodes: [{ kind: 'COLLABORATION_PARTNER' }] },
      projects: { nodes: [{ role: 'ORGANISER', project: { slug: 'european-local-government-conference-on-ict' } }] },
    });
    const { organisations } = await queryData(server.endpoint, OrganisationsDocument, { filter: { isMember: false } });
    // Sorted here: "Larissa" and "LECOS" order differently under the embedded engine's C collation.
    expect(organisations.nodes.map((node) => node.name).sort()).toEqual([
      "Ca' Foscari University", 'LECOS', 'Larissa', 'The Public Technology Institute', 'Venis S.p.A.',
    ]);
    const { memberships } = await queryData(server.endpoint, MembershipsDocument, { filter: { countryCode: { eq: 'SI' } } });
    expect(memberships.nodes.map((node) => node.listedUnder)).toEqual(['Celje, Slovenia', 'Celje, Slovenia', 'Celje, Slovenia']);
    const { partnerships } = await queryData(server.endpoint, PartnershipsDocument, { filter: { kind: { eq: 'ACADEMIC_PARTNER' } } });
    expect(partnerships.nodes.map((node) => node.organisation.slug)).toEqual([
      'autonomous-university-of-barcelona', 'center-for-technology-in-government',
    ]);
  });

  it('Conference and Conferences', async () => {
    const { conference } = await queryData(server.endpoint, ConferenceDocument, { year: 2013 });
    expect(conference).toMatchObject({ title: "ICT – fostering cities' prosperity", attendance: { participants: 180, approximate: true } });
    expect(conference?.topics.nodes).toHaveLength(7);
    const { conferences } = await queryData(server.endpoint, ConferencesDocument, { last: 2 });
    expect(conferences.nodes.map((node) => [node.year, node.status, node.format])).toEqual([
      [2021, 'PLANNED', 'VIRTUAL'],
      [2022, 'PLANNED', 'IN_PERSON'],
    ]);
  });

  it('Theme, Themes, Topics and Workshops', async () => {
    const { theme } = await queryData(server.endpoint, ThemeDocument, { slug: 'education' });
    expect(theme?.topics.nodes.map((topic) => [topic.wording, topic.conference?.year])).toEqual([
      ['The School 2020', 2015],
      ['Smart Education', 2016],
    ]);
    const { themes } = await queryData(server.endpoint, ThemesDocument, { first: 100 });
    expect(themes.totalCount).toBe(25);
    const { topics } = await queryData(server.endpoint, TopicsDocument, { filter: { kind: { eq: 'SESSION_TOPIC' }, conferenceYear: { eq: 2019 } } });
    expect(topics.nodes.map((topic) => topic.wording)).toEqual([
      'cities as service hubs',
      'the ethical dimension of technology (GDPR, cybercrime)',
      'creating public value with emerging technologies (AI, data analysis, blockchain)',
    ]);
    const { workshops } = await queryData(server.endpoint, WorkshopsDocument, { filter: { themeSlug: { eq: 'open-government-and-data' } } });
    expect(workshops.nodes.map((workshop) => workshop.title)).toEqual(['Open Data']);
  });

  it('Person, People and Talks', async () => {
    const { person } = await queryData(server.endpoint, PersonDocument, { slug: 'giorgio-prister' });
    expect(person).toMatchObject({ name: 'Giorgio Prister', roles: { nodes: [{ title: 'President' }] }, talks: { nodes: [] } });
    const { people } = await queryData(server.endpoint, PeopleDocument, {});
    expect(people.totalCount).toBe(1);
    // The sources name no individual talks: the collection is there, and empty.
    const { talks } = await queryData(server.endpoint, TalksDocument, {});
    expect(talks.totalCount).toBe(0);
  });

  it('Project and Projects', async () => {
    const { project } = await queryData(server.endpoint, ProjectDocument, { slug: 'european-local-government-conference-on-ict' });
    expect(project?.presentations.nodes).toMatchObject([{ name: 'Smart Cities Project', slug: 'smart-cities-project' }]);
    const { projects } = await queryData(server.endpoint, ProjectsDocument, { filter: { kind: { eq: 'EU_PROJECT' } } });
    expect(projects.nodes.map((node) => node.name)).toEqual(['FUPOL']);
  });

  it('Sources, Node and Nodes', async () => {
    const { sources } = await queryData(server.endpoint, SourcesDocument);
    expect(sources.nodes.map((source) => source.fileName)).toEqual([
      '000_72251fe489c5ff25.txt', '003_926b5a261bed8753.txt', 'supplementary.md',
    ]);
    const { node } = await queryData(server.endpoint, NodeDocument, { id: sources.nodes[2].id });
    expect(node).toEqual({ __typename: 'Source', id: sources.nodes[2].id });
    const { nodes } = await queryData(server.endpoint, NodesDocument, { ids: sources.nodes.map((source) => source.id) });
    expect(nodes.map((item) => item?.__typename)).toEqual(['Source', 'Source', 'Source']);
  });
});
