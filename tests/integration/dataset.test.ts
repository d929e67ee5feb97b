import { queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Facts from the source documents, read back through the real HTTP API.
 * 000 = 000_72251fe489c5ff25.txt (the association's site), 003 = 003_926b5a261bed8753.txt (encyclopaedia).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const names = (connection: { nodes: Array<{ name: string }> }) => connection.nodes.map((node) => node.name);

describe('the association', () => {
  it('is the Major Cities of Europe IT Users Group, founded 1982 on a Greater London Council initiative, seated in Bremerhaven', async () => {
    const data = await queryData<{ association: Record<string, unknown> }>(
      server.endpoint,
      `{ association {
          name shortName foundedYear foundingInitiative organisationType regionServed language keyPeople
          statedMemberCities statedMemberCountries means
          seat { name country { code } }
          roles { nodes { title person { name } } }
          source { fileName kind }
      } }`,
    );
    expect(data.association).toMatchObject({
      name: 'Major Cities of Europe IT Users Group',
      shortName: 'MCE',
      foundedYear: 1982,
      foundingInitiative: 'Greater London Council',
      organisationType: 'Network of cities',
      regionServed: 'Europe',
      language: 'English',
      keyPeople: 'CIO and IT Managers',
      statedMemberCities: 40,
      statedMemberCountries: 17,
      seat: { name: 'Bremerhaven', country: { code: 'DE' } },
      roles: { nodes: [{ title: 'President', person: { name: 'Giorgio Prister' } }] },
      source: { fileName: '003_926b5a261bed8753.txt', kind: 'PRIMARY' },
    });
    expect(data.association.means).toHaveLength(6);
    expect((data.association.means as string[])[3]).toBe(
      'supporting the involvement of members in EU and other transnational projects',
    );
  });
});

describe('members', () => {
  it('lists all 48 members of the member table across its 17 country rows', async () => {
    const data = await queryData<{
      memberships: { totalCount: number };
      countries: { nodes: Array<{ code: string; members: { totalCount: number } }> };
    }>(
      server.endpoint,
      `{ memberships { totalCount } countries(first: 100) { nodes { code members { totalCount } } } }`,
    );
    expect(data.memberships.totalCount).toBe(48);
    const withMembers = data.countries.nodes.filter((country) => country.members.totalCount > 0);
    expect(withMembers).toHaveLength(17);
    expect(Object.fromEntries(withMembers.map((country) => [country.code, country.members.totalCount]))).toEqual({
      AT: 1,
      BA: 1,
      HR: 4,
      FR: 2,
      DE: 6,
      GR: 1,
      IE: 5,
      IL: 3,
      IT: 11,
      NL: 2,
      RO: 1,
      SI: 3,
      ES: 2,
      SE: 1,
      CH: 2,
      US: 2,
      GB: 1,
    });
  });

  it('keeps the labels the sources use for countries, which mix codes and names', async () => {
    const data = await queryData<Record<string, { name: string; sourceLabel: string; alpha3: string }>>(
      server.endpoint,
      `{ hr: country(code: "HR") { name sourceLabel alpha3 }
         de: country(code: "deu") { name sourceLabel alpha3 }
         us: country(code: "US") { name sourceLabel alpha3 } }`,
    );
    expect(data).toEqual({
      hr: { name: 'Croatia', sourceLabel: 'CRO Croatia', alpha3: 'HRV' },
      de: { name: 'Germany', sourceLabel: 'GER Germany', alpha3: 'DEU' },
      us: { name: 'United States', sourceLabel: 'USA United States', alpha3: 'USA' },
    });
  });

  it('counts Celje, named in the country cell of the Slovenian row, as a member', async () => {
    const data = await queryData<{
      country: {
        members: { nodes: Array<{ name: string; membership: { listedUnder: string; note: string | null } }> };
      };
    }>(server.endpoint, `{ country(code: "SI") { members { nodes { name membership { listedUnder note } } } } }`);
    const members = data.country.members.nodes;
    expect(members.map((member) => member.name)).toEqual(['Celje', 'Koper', 'Ljubljana']);
    expect(members.every((member) => member.membership.listedUnder === 'Celje, Slovenia')).toBe(true);
    expect(members[0].membership.note).toContain('Celje is a member too');
  });

  it('has members of every kind, not only cities', async () => {
    const byKind = async (kind: string) =>
      names(
        (
          await queryData<{ association: { members: { nodes: Array<{ name: string }> } } }>(
            server.endpoint,
            `query ($kind: OrganisationKind!) { association { members(filter: { kind: { eq: $kind } }) { nodes { name } } } }`,
            { kind },
          )
        ).association.members,
      );
    expect(await byKind('CITY_COUNCIL')).toEqual(['Cork City Council']);
    expect(await byKind('COUNTY')).toEqual(['County Cork', 'Fingal County']);
    expect(await byKind('AGENCY')).toEqual(['LGMA']);
    expect(await byKind('ASSOCIATION')).toEqual(['BAICR', 'VITAKO']);
    expect(await byKind('CONSORTIUM')).toEqual(['PIN Scrl']);
    expect(await byKind('UNIVERSITY')).toEqual(['Autonomous University of Barcelona']);
    expect(await byKind('RESEARCH_CENTRE')).toEqual(['Center for Technology in Government']);
    expect(await byKind('METROPOLITAN_AUTHORITY')).toEqual(['Grand Lyon']);
  });

  it('records how the member table writes each member', async () => {
    const data = await queryData<Record<string, { membership: { listedAs: string }; city: { name: string } }>>(
      server.endpoint,
      `{ pin: organisation(slug: "pin-scrl") { membership { listedAs } city { name } }
         ctg: organisation(slug: "center-for-technology-in-government") { membership { listedAs } city { name } } }`,
    );
    expect(data).toEqual({
      pin: { membership: { listedAs: 'PIN Scrl (Prato)' }, city: { name: 'Prato' } },
      ctg: { membership: { listedAs: 'Center for Technology in Government (Albany)' }, city: { name: 'Albany' } },
    });
  });
});

describe('cities', () => {
  it('is one record however a source spells it: Firenze is Florence, Zürich is Zurich', async () => {
    const data = await queryData<
      Record<
        string,
        {
          id: string;
          name: string;
          aliases: { nodes: Array<{ name: string; language: string }> };
          conferencesHosted: { nodes: Array<{ year: number }> };
          organisations: { nodes: Array<{ membership: { listedAs: string } }> };
        }
      >
    >(
      server.endpoint,
      `fragment C on City { id name aliases { nodes { name language } } conferencesHosted { nodes { year } }
                             organisations { nodes { membership { listedAs } } } }
       { firenze: city(name: "Firenze") { ...C } florence: city(name: "florence") { ...C }
         zuerich: city(name: "Zürich") { ...C } zurich: city(slug: "zurich") { ...C } }`,
    );
    expect(data.firenze).toEqual(data.florence);
    expect(data.zuerich).toEqual(data.zurich);
    expect(data.florence).toMatchObject({
      name: 'Florence',
      aliases: { nodes: [{ name: 'Firenze', language: 'it' }] },
      conferencesHosted: { nodes: [{ year: 2016 }] },
      organisations: { nodes: [{ membership: { listedAs: 'Firenze' } }] },
    });
    expect(data.zurich).toMatchObject({
      name: 'Zurich',
      aliases: { nodes: [{ name: 'Zürich', language: 'de' }] },
      conferencesHosted: { nodes: [{ year: 2014 }] },
      organisations: { nodes: [{ membership: { listedAs: 'Zürich' } }] },
    });
  });

  it('names Venice, Leipzig, Zagreb, Hamburg, Vienna, Ljubljana, Prato and Berlin as both members and hosts', async () => {
    const data = await queryData<{
      organisations: {
        nodes: Array<{ name: string; isMember: boolean; conferencesHosted: { nodes: Array<{ year: number }> } }>;
      };
    }>(
      server.endpoint,
      `{ organisations(first: 100, filter: { isMember: true }) { nodes { name isMember conferencesHosted { nodes { year } } } } }`,
    );
    const hosts = data.organisations.nodes
      .filter((organisation) => organisation.conferencesHosted.nodes.length > 0)
      .map((organisation) => [
        organisation.name,
        organisation.conferencesHosted.nodes.map((conference) => conference.year),
      ]);
    expect(Object.fromEntries(hosts)).toEqual({
      Berlin: [2010],
      Florence: [2016],
      Hamburg: [2015],
      Leipzig: [2018],
      Ljubljana: [2013],
      Prato: [2011],
      Venice: [2019],
      Vienna: [2012],
      Zagreb: [2017],
      Zurich: [2014],
    });
  });
});

describe('conferences', () => {
  it("match the site's list of recent hosts, newest first: Venice back to Berlin", async () => {
    const data = await queryData<{ conferences: { nodes: Array<{ year: number; hostCity: { name: string } }> } }>(
      server.endpoint,
      `{ conferences(first: 10, filter: { status: { eq: HELD } }, orderBy: { field: YEAR, direction: DESC }) {
          nodes { year hostCity { name } } } }`,
    );
    expect(data.conferences.nodes.map((conference) => conference.hostCity.name)).toEqual([
      'Venice',
      'Leipzig',
      'Zagreb',
      'Florence',
      'Hamburg',
      'Zurich',
      'Ljubljana',
      'Vienna',
      'Prato',
      'Berlin',
    ]);
    expect(data.conferences.nodes.map((conference) => conference.year)).toEqual([
      2019, 2018, 2017, 2016, 2015, 2014, 2013, 2012, 2011, 2010,
    ]);
  });

  it('keep attendance as precise as the sources: about 250 from 22 countries and 84 cities in 2014, exactly 204 in 2015', async () => {
    const data = await queryData<Record<string, unknown>>(
      server.endpoint,
      `fragment A on Conference { title attendance { participants approximate wording countriesRepresented citiesRepresented origin } publications { programme handouts videos } }
       { c2012: conference(year: 2012) { ...A } c2014: conference(year: 2014) { ...A }
         c2015: conference(year: 2015) { ...A } c2016: conference(year: 2016) { ...A } }`,
    );
    expect(data).toMatchObject({
      c2012: {
        title: null,
        attendance: { participants: 300, approximate: true, origin: 'from all over Europe, US and Korea' },
        publications: { programme: true, handouts: true, videos: true },
      },
      c2014: {
        title: 'Cities managing complexity in the digital world – prepared for the upcoming challenges?',
        attendance: { participants: 250, approximate: true, countriesRepresented: 22, citiesRepresented: 84 },
        publications: { programme: true, handouts: true, videos: null },
      },
      c2015: {
        title: 'Living, learning, leading in the connected city',
        attendance: { participants: 204, approximate: false, wording: '204 participants' },
      },
      c2016: {
        title: 'City Renaissance in the Digital Age',
        attendance: { participants: 400, approximate: true, wording: 'about 400 delegates' },
      },
    });
  });

  it('describe the 2021 virtual conference: dates, languages, free registration and its seven themes', async () => {
    const data = await queryData<{ conference: Record<string, unknown> }>(
      server.endpoint,
      `{ conference(year: 2021) {
          title startDate endDate status format hostCity { name } languages translationLanguages
          registration { open free }
          topics { totalCount nodes { wording theme { slug } } }
          source { fileName } } }`,
    );
    expect(data.conference).toMatchObject({
      title: 'From here to where? Succeed in the post COVID transformation',
      startDate: '2021-10-13',
      endDate: '2021-10-15',
      status: 'PLANNED',
      format: 'VIRTUAL',
      hostCity: null,
      languages: ['English'],
      translationLanguages: ['Greek'],
      registration: { open: true, free: true },
      topics: { totalCount: 7 },
      source: { fileName: '000_72251fe489c5ff25.txt' },
    });
    const topics = (data.conference.topics as { nodes: Array<{ wording: string; theme: { slug: string } }> }).nodes;
    expect(topics[6]).toEqual({ wording: 'Cybersecurity', theme: { slug: 'cybersecurity' } });
  });

  it('announce Larissa, Greece, for 2022 in person, and keep the supplementary 2018 and 2019 facts with their provenance', async () => {
    const data = await queryData<Record<string, unknown>>(
      server.endpoint,
      `{ c2022: conference(year: 2022) { status format hostCity { name country { name } } source { fileName } }
         c2018: conference(year: 2018) { venue startDate endDate attendance { participants approximate countriesRepresented }
                                         partnerships { nodes { kind organisation { name } } } source { fileName kind rank } }
         c2019: conference(year: 2019) { title venue startDate partnerships { nodes { kind organisation { name } } } } }`,
    );
    expect(data).toMatchObject({
      c2022: {
        status: 'PLANNED',
        format: 'IN_PERSON',
        hostCity: { name: 'Larissa', country: { name: 'Greece' } },
        source: { fileName: '000_72251fe489c5ff25.txt' },
      },
      c2018: {
        venue: 'Kongresshalle',
        startDate: '2018-05-28',
        endDate: '2018-05-30',
        attendance: { participants: 200, approximate: true, countriesRepresented: 18 },
        partnerships: {
          nodes: [
            { kind: 'CONFERENCE_CO_ORGANISER', organisation: { name: 'Leipzig' } },
            { kind: 'CONFERENCE_CO_ORGANISER', organisation: { name: 'LECOS' } },
          ],
        },
        source: { fileName: 'supplementary.md', kind: 'SUPPLEMENTARY', rank: 2 },
      },
      c2019: {
        title: 'Channeling Change – Digital Cities in a changing world',
        startDate: '2019-06-13',
        partnerships: {
          nodes: [
            { kind: 'CONFERENCE_CO_ORGANISER', organisation: { name: 'Venice' } },
            { kind: 'CONFERENCE_CO_ORGANISER', organisation: { name: 'Venis S.p.A.' } },
            { kind: 'CONFERENCE_CO_ORGANISER', organisation: { name: "Ca' Foscari University" } },
            { kind: 'CONFERENCE_VENUE', organisation: { name: "Ca' Foscari University" } },
          ],
        },
      },
    });
  });
});

describe('themes', () => {
  it('group "Cyber Security" (2014), "Safety & Security" (2016) and "Cybersecurity" (2021) as one theme', async () => {
    const data = await queryData<{
      theme: {
        name: string;
        conferences: { nodes: Array<{ year: number }> };
        topics: { nodes: Array<{ wording: string; kind: string }> };
        workshops: { nodes: Array<{ title: string }> };
      };
    }>(
      server.endpoint,
      `{ theme(slug: "cybersecurity") { name conferences { nodes { year } } topics { nodes { wording kind } } workshops { nodes { title } } } }`,
    );
    expect(data.theme).toEqual({
      name: 'Cybersecurity',
      conferences: { nodes: [{ year: 2014 }, { year: 2016 }, { year: 2021 }] },
      topics: {
        nodes: [
          { wording: 'Cyber Security', kind: 'KEY_TOPIC' },
          { wording: 'Safety & Security', kind: 'KEY_TOPIC' },
          { wording: 'Cybersecurity', kind: 'KEY_TOPIC' },
          { wording: 'IT security for cities', kind: 'WORKSHOP_TOPIC' },
        ],
      },
      workshops: { nodes: [{ title: 'IT security for cities' }] },
    });
  });

  it('find the themes recurring in at least four conferences', async () => {
    const data = await queryData<{
      themes: { nodes: Array<{ slug: string; conferences: { nodes: Array<{ year: number }> } }> };
    }>(
      server.endpoint,
      `{ themes(filter: { conferenceCount: { gte: 4 } }, orderBy: { field: SLUG }) { nodes { slug conferences { nodes { year } } } } }`,
    );
    const years = (...list: number[]) => ({ nodes: list.map((year) => ({ year })) });
    expect(data.themes.nodes).toEqual([
      { slug: 'cloud-and-shared-services', conferences: years(2012, 2013, 2014, 2016) },
      { slug: 'e-government-and-digital-transformation', conferences: years(2013, 2015, 2016, 2017, 2018, 2019, 2021) },
      { slug: 'emerging-technologies', conferences: years(2016, 2017, 2018, 2019) },
    ]);
  });

  it("lists each conference's distinct themes", async () => {
    const data = await queryData<{ conference: { themes: { nodes: Array<{ slug: string }> } } }>(
      server.endpoint,
      `{ conference(year: 2015) { themes { nodes { slug } } } }`,
    );
    expect(data.conference.themes.nodes.map((theme) => theme.slug).sort()).toEqual(
      ['e-government-and-digital-transformation', 'smart-cities', 'social-media', 'education', 'future-of-work'].sort(),
    );
  });
});

describe('partners, workshops and projects', () => {
  it('knows an organisation can be both member and partner', async () => {
    const data = await queryData<{
      organisations: {
        nodes: Array<{ name: string; isMember: boolean; partnerships: { nodes: Array<{ kind: string }> } }>;
      };
    }>(
      server.endpoint,
      `{ organisations(filter: { isPartner: true, kind: { in: [ASSOCIATION, UNIVERSITY, RESEARCH_CENTRE] } }) {
          nodes { name isMember partnerships(filter: { kind: { in: [COLLABORATION_PARTNER, ACADEMIC_PARTNER] } }) { nodes { kind } } } } }`,
    );
    expect(data.organisations.nodes).toEqual([
      {
        name: 'Autonomous University of Barcelona',
        isMember: true,
        partnerships: { nodes: [{ kind: 'ACADEMIC_PARTNER' }] },
      },
      { name: "Ca' Foscari University", isMember: false, partnerships: { nodes: [] } },
      {
        name: 'Center for Technology in Government',
        isMember: true,
        partnerships: { nodes: [{ kind: 'ACADEMIC_PARTNER' }] },
      },
      {
        name: 'The Public Technology Institute',
        isMember: false,
        partnerships: { nodes: [{ kind: 'COLLABORATION_PARTNER' }] },
      },
      { name: 'VITAKO', isMember: true, partnerships: { nodes: [{ kind: 'COLLABORATION_PARTNER' }] } },
    ]);
  });

  it('lists the nine workshop topics', async () => {
    const data = await queryData<{
      workshops: {
        totalCount: number;
        nodes: Array<{ title: string; topics: { nodes: Array<{ theme: { slug: string } }> } }>;
      };
    }>(
      server.endpoint,
      `{ workshops(orderBy: { field: TITLE }) { totalCount nodes { title topics { nodes { theme { slug } } } } } }`,
    );
    expect(data.workshops.totalCount).toBe(9);
    expect(data.workshops.nodes.find((workshop) => workshop.title === 'Open Source Software')).toEqual({
      title: 'Open Source Software',
      topics: { nodes: [{ theme: { slug: 'open-source' } }] },
    });
  });

  it('records FUPOL and the European Local Government Conference on ICT organised with VITAKO', async () => {
    const data = await queryData<Record<string, unknown>>(
      server.endpoint,
      `{ fupol: project(slug: "fupol") { name kind }
         smart: project(slug: "smart-cities-project") { presentedAt { name kind associationRole participants { nodes { role organisation { name } } } } } }`,
    );
    expect(data).toEqual({
      fupol: { name: 'FUPOL', kind: 'EU_PROJECT' },
      smart: {
        presentedAt: {
          name: 'European Local Government Conference on ICT and the Local Government transformation in Europe',
          kind: 'EVENT',
          associationRole: 'Co-organiser',
          participants: { nodes: [{ role: 'ORGANISER', organisation: { name: 'VITAKO' } }] },
        },
      },
    });
  });

  it('names its three sources, the supplementary one ranked below the documents', async () => {
    const data = await queryData<{ sources: { nodes: Array<{ fileName: string; kind: string; rank: number }> } }>(
      server.endpoint,
      `{ sources { nodes { fileName kind rank } } }`,
    );
    expect(data.sources.nodes).toEqual([
      { fileName: '000_72251fe489c5ff25.txt', kind: 'PRIMARY', rank: 1 },
      { fileName: '003_926b5a261bed8753.txt', kind: 'PRIMARY', rank: 1 },
      { fileName: 'supplementary.md', kind: 'SUPPLEMENTARY', rank: 2 },
    ]);
  });

  it('lead from each source document to the records taken from it', async () => {
    const data = await queryData<
      Record<
        string,
        {
          conferences: { nodes: Array<{ year: number }> };
          organisations: { nodes: Array<{ name: string }> };
          cities: { nodes: Array<{ name: string }> };
        }
      >
    >(
      server.endpoint,
      `fragment Records on Source { conferences { nodes { year } } organisations { nodes { name } } cities { nodes { name } } }
       { site: source(fileName: "000_72251fe489c5ff25.txt") { ...Records }
         supplementary: source(fileName: "supplementary.md") { ...Records } }`,
    );
    expect(data.site.conferences.nodes).toEqual([{ year: 2021 }, { year: 2022 }]);
    expect(data.site.cities.nodes).toEqual([{ name: 'Larissa' }]);
    expect(data.supplementary.conferences.nodes).toEqual([{ year: 2018 }, { year: 2019 }]);
    expect(data.supplementary.organisations.nodes.map((node) => node.name).sort()).toEqual([
      "Ca' Foscari University",
      'LECOS',
      'Venis S.p.A.',
    ]);
  });
});
