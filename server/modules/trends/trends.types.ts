import { LocalDateResolver } from 'graphql-scalars';
import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { Conference } from '../conference/conference.entity';
import type { Topic } from '../theme/theme.entity';
import { Workshop } from '../workshop/workshop.entity';

/** A conference or a workshop: where a topic was on the programme. */
export const Event = createUnionType({
  name: 'Event',
  description: 'A conference or a workshop, e.g. the 2014 conference in Zurich or the workshop "Open Data".',
  types: () => [Conference, Workshop] as const,
  // Read records carry their entity's prototype (common/rows.ts), so the class tells the kind.
  resolveType: (value) => (value instanceof Conference ? Conference : Workshop),
});

/** One topic under a theme, where and when it was on the programme (resolved fields: event, topic, wording). */
@ObjectType({
  description:
    'One appearance of a theme: a topic under it at a conference or workshop, in that event\'s own wording, e.g. "Cyber Security" at the 2014 conference for the theme Cybersecurity.',
})
export class ThemeAppearance {
  @Field(() => Int, {
    nullable: true,
    description:
      "Year of the conference, or of the workshop's date; null for a workshop whose date is not known (the sources date none of theirs), e.g. 2014.",
  })
  year!: number | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      "The conference's first day or the workshop's date, when known, e.g. 2021-10-13 for the 2021 conference.",
  })
  date!: string | null;

  /** The topic record, read in the same statement as the appearance. */
  topic!: Topic;
}

/** Two themes on the programme of the same conferences (resolved fields: themes, conferences). */
@ObjectType({
  description:
    'Two themes that were on the programme of the same conferences, e.g. Cloud computing and shared services with Cybersecurity, together in 2014 and 2016.',
})
export class ThemePair {
  @Field(() => Int, {
    description: 'How many conferences had topics under both themes, e.g. 2 for Cloud computing and Cybersecurity.',
  })
  count!: number;

  /** The two themes' ids, in name order. */
  themeIds!: [number, number];

  /** The conferences they shared, by year. */
  conferenceIds!: number[];
}

/** What was on the programme in one year (resolved fields: the records behind the ids). */
@ObjectType({
  description:
    "One year of the association's events and the themes on their programmes, e.g. 2014: the Zurich conference, where Cybersecurity was new and Cloud computing and shared services recurred.",
})
export class ThemeYear {
  @Field(() => Int, { description: 'The year, e.g. 2014.' })
  year!: number;

  conferenceIds!: number[];
  workshopIds!: number[];
  themeIds!: number[];
  newThemeIds!: number[];
  recurringThemeIds!: number[];
}
