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
];
