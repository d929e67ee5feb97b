import type { IdeExample } from './ide.router';

/** Operations preloaded in the IDE: one tab each, chosen to show how the graph connects. */
export const ideExamples: IdeExample[] = [
  {
    title: 'Conference by year',
    query: `# The 2014 conference: host city, motto, attendance and key topics with their themes.
query ConferenceByYear($year: Int!) {
  conference(year: $year) {
    year
    title
    hostCity { name aliases { nodes { name } } country { name } }
    attendance { participants approximate countriesRepresented citiesRepresented }
    topics { nodes { wording theme { name } } }
    source { fileName }
  }
}`,
    variables: { year: 2014 },
  },
  {
    title: 'Recurring themes',
    query: `# Themes that recur across conferences, with the years they came up.
query RecurringThemes {
  themes(filter: { conferenceCount: { gte: 3 } }) {
    nodes {
      name
      conferences { totalCount nodes { year hostCity { name } } }
    }
  }
}`,
  },
  {
    title: 'Members by country',
    query: `# Every country with its members and what they hosted.
query MembersByCountry {
  countries(first: 20) {
    totalCount
    nodes {
      name
      sourceLabel
      members(first: 20) {
        nodes { name kind membership { listedAs } conferencesHosted { nodes { year } } }
      }
    }
  }
}`,
  },
  {
    title: 'Search',
    query: `# One ranked search across every kind of record: "Firenze" is Florence, the city and the member.
query SearchFirenze {
  search(query: "Firenze", first: 5) {
    totalCount
    nodes { kind label field score snippet record { ... on Node { id } } }
  }
}`,
  },
  {
    title: 'Who hosted most',
    query: `# Countries by conferences hosted (ties share a rank), and how the conferences fall by format.
query WhoHostedMost {
  countries(first: 5, orderBy: { field: CONFERENCES_HOSTED, direction: DESC }) {
    edges { rank node { name conferencesHosted { nodes { year } } } }
  }
  conferences {
    facets { format { value count } }
    aggregates { participants { count sum average } }
  }
}`,
  },
];
