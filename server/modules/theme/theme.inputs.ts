import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import {
  IntFilter,
  StringFilter,
  type Condition,
  enumConditions,
  enumFilterFor,
  intConditions,
  stringConditions,
  whereFrom,
} from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { countOrder, orderInputFor } from '../../common/ordering';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsSlug } from '../../common/slug';
import { OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { THEME_LENGTHS, Theme, Topic, TopicKind } from './theme.entity';

export const TopicKindFilter = enumFilterFor(TopicKind, 'TopicKind');

@InputType({ description: 'Conditions on themes; all given conditions must hold.' })
export class ThemeFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Name.' })
  name?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Slug.' })
  slug?: StringFilter | null;

  @Field(() => IntFilter, {
    nullable: true,
    description: 'Only themes with at least this many conferences (recurring themes: `{ gte: 2 }`).',
  })
  conferenceCount?: IntFilter | null;
}

/** Distinct conferences with a topic under the theme: "E-government and digital transformation" has 7. */
const CONFERENCE_COUNT = countOrder('Theme', 'conferenceCount', {
  sql: (theme) =>
    `(select count(distinct "t"."conference_id") from "topic" as "t" where "t"."theme_id" = ${theme}."id")`,
});

export const ThemeOrderField = { NAME: 'name', SLUG: 'slug', CONFERENCE_COUNT } as const;
export const ThemeOrder = orderInputFor('Theme', ThemeOrderField, {
  name: 'Name.',
  slug: 'Slug.',
  [CONFERENCE_COUNT]:
    'Number of conferences with a topic under the theme ("E-government and digital transformation" 7); edges carry the rank.',
});
export const ThemeConnection = connectionTypeFor(Theme, undefined, {
  rank: 'Its rank when the list is ordered by CONFERENCE_COUNT (ties share one); null otherwise.',
});
export const ThemeListArgs = listArgsFor('Theme', ThemeFilter, ThemeOrder);

export function themeWhere(filter: ThemeFilter | null | undefined) {
  return whereFrom([
    ['name', stringConditions(filter?.name)],
    ['slug', stringConditions(filter?.slug)],
  ]);
}

@InputType({ description: 'Conditions on topics; all given conditions must hold.' })
export class TopicFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Original wording.' })
  wording?: StringFilter | null;

  @Field(() => TopicKindFilter, { nullable: true, description: 'Key, session or workshop topic.' })
  kind?: InstanceType<typeof TopicKindFilter> | null;

  @Field(() => StringFilter, { nullable: true, description: 'Slug of its theme.' })
  themeSlug?: StringFilter | null;

  @Field(() => IntFilter, { nullable: true, description: 'Year of its conference (workshop topics have none).' })
  conferenceYear?: IntFilter | null;
}

export const TopicOrderField = { POSITION: 'position', WORDING: 'wording', CREATED: 'id' } as const;
export const TopicOrder = orderInputFor('Topic', TopicOrderField, {
  position: "Position in the source's list.",
  wording: 'Original wording.',
  id: 'Order in which the topics were recorded (by conference year, then position, for seeded ones).',
});
/** The groups of `topics { facets }`, one per field the filter above can narrow by. */
export const TopicFacets = facetsFor(
  Topic,
  'Topic',
  { list: 'topics', countExample: 'the 4 key topics of the 2014 conference' },
  [
    facet.enum('kind', ['kind'], TopicKind, 'TopicKind', 'Topics per kind, e.g. KEY_TOPIC.'),
    facet.reference('theme', ['theme'], Theme, 'Topics per theme.'),
    facet.int(
      'conferenceYear',
      ['conference', 'year'],
      'Topics per year of their conference (workshop topics have none).',
    ),
  ],
);
export const TopicConnection = connectionTypeFor(Topic, undefined, { facets: TopicFacets });
export const TopicListArgs = listArgsFor('Topic', TopicFilter, TopicOrder);

/**
 * The one way a topic is matched to themes by slug: conditions on a topic, each on the slug of its theme. Topics,
 * talks (through their topic), conferences and workshops (through any of their topics) all filter by it.
 */
export function topicThemeSlugConditions(filter: StringFilter | null | undefined): Condition[] {
  return stringConditions(filter).map((condition) => ({ theme: { slug: condition } }));
}

/** Conditions on a conference or workshop: one of its topics falls under a theme whose slug meets `filter`. */
export function hasTopicUnderThemeConditions(filter: StringFilter | null | undefined): Condition[] {
  const onTopic = topicThemeSlugConditions(filter);
  return onTopic.length > 0 ? [{ topics: { $some: { $and: onTopic } } }] : [];
}

export function topicWhere(filter: TopicFilter | null | undefined) {
  return whereFrom(
    [
      ['wording', stringConditions(filter?.wording)],
      ['kind', enumConditions(filter?.kind)],
      ['conference.year', intConditions(filter?.conferenceYear)],
    ],
    topicThemeSlugConditions(filter?.themeSlug),
  );
}

@InputType({ description: 'A new normalised theme.' })
export class CreateThemeInput {
  @Field({ description: `Name (${characters(THEME_LENGTHS.name)}), unique.` })
  @HasLength(THEME_LENGTHS.name)
  name!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug(THEME_LENGTHS.slug)
  slug!: string;

  @Field({ description: `What the theme covers (${characters(THEME_LENGTHS.description)}).` })
  @HasLength(THEME_LENGTHS.description)
  description!: string;
}

@InputType({ description: 'Changes to a theme; fields left out stay as they are.' })
export class UpdateThemeInput extends updateInputOf('theme') {
  @Field(() => String, { nullable: true, description: 'Name.' })
  @OmittableNotNull()
  @HasLength(THEME_LENGTHS.name)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug(THEME_LENGTHS.slug)
  slug?: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @OmittableNotNull()
  @HasLength(THEME_LENGTHS.description)
  description?: string;
}

export const CreateThemeInputArgs = inputArgsFor(CreateThemeInput, 'The theme.');
export const UpdateThemeInputArgs = inputArgsFor(UpdateThemeInput, 'The changes.');
