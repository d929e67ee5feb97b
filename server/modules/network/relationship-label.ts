import { registerEnumType } from 'type-graphql';

/**
 * The kinds of edge in the relationship graph, one per way two records are linked in the tables; the
 * `relationship` view (migration Migration20261201160039_relationship_graph) writes exactly these values.
 */
export enum RelationshipLabel {
  LOCATED_IN = 'LOCATED_IN',
  IN_COUNTRY = 'IN_COUNTRY',
  MEMBER_IN = 'MEMBER_IN',
  HOSTED = 'HOSTED',
  CO_ORGANISED = 'CO_ORGANISED',
  VENUE_OF = 'VENUE_OF',
  SPONSORED = 'SPONSORED',
  PARTNER_OF = 'PARTNER_OF',
  TOPIC_OF = 'TOPIC_OF',
  ON_THEME = 'ON_THEME',
  ORGANISED = 'ORGANISED',
  PARTICIPATES_IN = 'PARTICIPATES_IN',
  PRESENTED_AT = 'PRESENTED_AT',
  SPOKE_AT = 'SPOKE_AT',
  SPOKE_ON = 'SPOKE_ON',
  SPOKE_FOR = 'SPOKE_FOR',
  HOLDS_OFFICE = 'HOLDS_OFFICE',
  SEATED_IN = 'SEATED_IN',
}

interface LabelMeaning {
  /** The label in words, read from the edge's source to its target: "Trikala member in Greece". */
  text: string;
  description: string;
}

/** What each label means, in words and in full: the one place both are said. */
export const RELATIONSHIP_LABELS: Readonly<Record<RelationshipLabel, LabelMeaning>> = {
  LOCATED_IN: {
    text: 'located in',
    description: 'An organisation → the city it is based in (PIN Scrl located in Prato).',
  },
  IN_COUNTRY: {
    text: 'in country',
    description:
      'A city → its country (Larissa in country Greece); an organisation that is not a member → its country.',
  },
  MEMBER_IN: {
    text: 'member in',
    description:
      "A member of the association → the country the member table lists it under (VITAKO member in Germany). Membership is this edge's label, not an edge to the association: every member would be two hops from every other.",
  },
  HOSTED: {
    text: 'hosted',
    description: 'A city or organisation → a conference or workshop it hosted (Florence hosted the 2016 conference).',
  },
  CO_ORGANISED: {
    text: 'co-organised',
    description: 'An organisation → a conference it organised with the host (LECOS co-organised the 2018 conference).',
  },
  VENUE_OF: {
    text: 'venue of',
    description:
      "An organisation → a conference held on its premises (Ca' Foscari University venue of the 2019 conference).",
  },
  SPONSORED: { text: 'sponsored', description: 'An organisation → a conference it sponsored.' },
  PARTNER_OF: {
    text: 'partner of',
    description:
      'An organisation → the association it is a partner of (VITAKO partner of Major Cities of Europe IT Users Group), or a conference it was a partner of in any other way.',
  },
  TOPIC_OF: {
    text: 'topic of',
    description:
      'A topic → the conference or workshop it was on the programme of ("Cyber Security" topic of the 2014 conference).',
  },
  ON_THEME: {
    text: 'on theme',
    description: 'A topic → the normalised theme it falls under ("Cyber Security" on theme Cybersecurity).',
  },
  ORGANISED: {
    text: 'organised',
    description:
      'An organisation → a project it organised (VITAKO organised the European Local Government Conference on ICT).',
  },
  PARTICIPATES_IN: {
    text: 'participates in',
    description: 'An organisation → a project it takes part in.',
  },
  PRESENTED_AT: {
    text: 'presented at',
    description:
      'A project → the event project it was presented at (Smart Cities Project presented at the European Local Government Conference on ICT).',
  },
  SPOKE_AT: { text: 'spoke at', description: 'A person → a conference they gave a talk at.' },
  SPOKE_ON: { text: 'spoke on', description: 'A person → a conference topic they gave a talk on.' },
  SPOKE_FOR: { text: 'spoke for', description: 'A person → an organisation they gave a talk for.' },
  HOLDS_OFFICE: {
    text: 'holds office in',
    description: 'A person → the association they hold an office of (its President holds office in the association).',
  },
  SEATED_IN: { text: 'seated in', description: 'The association → the city of its seat (seated in Bremerhaven).' },
};

registerEnumType(RelationshipLabel, {
  name: 'RelationshipLabel',
  description: "How two records of the relationship graph are linked, read from the edge's source to its target.",
  valuesConfig: Object.fromEntries(
    Object.entries(RELATIONSHIP_LABELS).map(([label, meaning]) => [
      label,
      { description: `"${meaning.text}": ${meaning.description}` },
    ]),
  ),
});

/** The label in words ("member in"). */
export function textOf(label: RelationshipLabel): string {
  return RELATIONSHIP_LABELS[label].text;
}
