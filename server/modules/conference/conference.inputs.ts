import { ArrayMaxSize, IsOptional, Max, Min } from '../../common/class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import {
  IntFilter,
  StringFilter,
  enumConditions,
  enumFilterFor,
  intConditions,
  stringConditions,
  whereFrom,
} from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsSlug } from '../../common/slug';
import { EVENT_YEARS, IsEventYear, IsInYearOf, IsNotBefore, OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { TOPIC_LENGTHS, Theme, TopicKind } from '../theme/theme.entity';
import { City } from '../city/city.entity';
import { Country } from '../country/country.entity';
import { hasTopicUnderThemeConditions } from '../theme/theme.inputs';
import {
  ATTENDANCE_LENGTHS,
  CONFERENCE_LENGTHS,
  Conference,
  ConferenceFormat,
  ConferenceStatus,
} from './conference.entity';

export const ConferenceStatusFilter = enumFilterFor(ConferenceStatus, 'ConferenceStatus');
export const ConferenceFormatFilter = enumFilterFor(ConferenceFormat, 'ConferenceFormat');

@InputType({ description: 'Conditions on conferences; all given conditions must hold.' })
export class ConferenceFilter {
  @Field(() => IntFilter, { nullable: true, description: 'Year.' })
  year?: IntFilter | null;

  @Field(() => ConferenceStatusFilter, { nullable: true, description: 'Held or planned.' })
  status?: InstanceType<typeof ConferenceStatusFilter> | null;

  @Field(() => ConferenceFormatFilter, { nullable: true, description: 'In person or virtual.' })
  format?: InstanceType<typeof ConferenceFormatFilter> | null;

  @Field(() => StringFilter, { nullable: true, description: 'Slug of the host city.' })
  hostCitySlug?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the host country.' })
  hostCountryCode?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Slug of a theme one of its topics falls under.' })
  themeSlug?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Motto or overarching theme.' })
  title?: StringFilter | null;
}

export const ConferenceOrderField = { YEAR: 'year' } as const;
export const ConferenceOrder = orderInputFor('Conference', ConferenceOrderField, { year: 'Year.' });
/** The groups and figures of `conferences { facets aggregates }`, one group per field the filter can narrow by. */
export const ConferenceFacets = facetsFor(
  Conference,
  'Conference',
  { list: 'conferences', countExample: '12 conferences, 6 of them with attendance figures summing to 1534' },
  [
    facet.int('year', ['year'], 'Conferences per year (one each), e.g. `{ value: 2019, count: 1 }`.'),
    facet.enum('status', ['status'], ConferenceStatus, 'ConferenceStatus', 'Conferences held and planned.'),
    facet.enum('format', ['format'], ConferenceFormat, 'ConferenceFormat', 'Conferences in person and virtual.'),
    facet.reference('hostCity', ['hostCity'], City, 'Conferences per host city (virtual ones have none).'),
    facet.reference(
      'hostCountry',
      ['hostCity', 'country'],
      Country,
      'Conferences per host country, e.g. 3 in Germany.',
    ),
    facet.reference('theme', ['topics', 'theme'], Theme, 'Conferences per theme of their topics (each counted once).'),
  ],
  [
    { name: 'participants', path: ['attendance', 'participants'], description: 'Attendees, where a figure is given.' },
    {
      name: 'countriesRepresented',
      path: ['attendance', 'countriesRepresented'],
      description: 'Countries attendees came from, where given.',
    },
    {
      name: 'citiesRepresented',
      path: ['attendance', 'citiesRepresented'],
      description: 'Cities attendees came from, where given.',
    },
  ],
);
export const ConferenceConnection = connectionTypeFor(Conference, undefined, { facets: ConferenceFacets });
export const ConferenceListArgs = listArgsFor('Conference', ConferenceFilter, ConferenceOrder);

export function conferenceWhere(filter: ConferenceFilter | null | undefined) {
  return whereFrom(
    [
      ['year', intConditions(filter?.year)],
      ['status', enumConditions(filter?.status)],
      ['format', enumConditions(filter?.format)],
      ['hostCity.slug', stringConditions(filter?.hostCitySlug)],
      ['hostCity.country.code', stringConditions(filter?.hostCountryCode)],
      ['title', stringConditions(filter?.title)],
    ],
    hasTopicUnderThemeConditions(filter?.themeSlug),
  );
}

@InputType({ description: 'Attendance figures, as precise as known.' })
export class AttendanceInput {
  @Field(() => Int, { nullable: true, description: 'Number of attendees (0-100000).' })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  participants?: number | null;

  @Field({ defaultValue: false, description: 'Whether the number is approximate.' })
  approximate: boolean = false;

  @Field(() => String, { nullable: true, description: "The source's words for the figure." })
  @IsOptional()
  @HasLength(ATTENDANCE_LENGTHS.wording)
  wording?: string | null;

  @Field(() => Int, { nullable: true, description: 'Countries represented (0-250).' })
  @IsOptional()
  @Min(0)
  @Max(250)
  countriesRepresented?: number | null;

  @Field(() => Int, { nullable: true, description: 'Cities represented (0-10000).' })
  @IsOptional()
  @Min(0)
  @Max(10_000)
  citiesRepresented?: number | null;

  @Field(() => String, { nullable: true, description: 'Where attendees came from.' })
  @IsOptional()
  @HasLength(ATTENDANCE_LENGTHS.origin)
  origin?: string | null;
}

@InputType({ description: 'A topic of a conference, in its original wording, under an existing theme.' })
export class TopicInput {
  @Field({ description: `The topic as worded (${characters(TOPIC_LENGTHS.wording)}).` })
  @HasLength(TOPIC_LENGTHS.wording)
  wording!: string;

  @Field(() => String, { nullable: true, description: 'Explanation given with it.' })
  @IsOptional()
  @HasLength(TOPIC_LENGTHS.details)
  details?: string | null;

  @Field(() => TopicKind, { defaultValue: TopicKind.KEY_TOPIC, description: 'Key topic or session topic.' })
  kind: TopicKind = TopicKind.KEY_TOPIC;

  @Field({ description: 'Slug of its theme, which must exist.' })
  @IsSlug()
  themeSlug!: string;
}

@InputType({ description: 'The fields of a conference.' })
export class ConferenceFields {
  @Field(() => String, {
    nullable: true,
    description: `Motto or overarching theme (${characters(CONFERENCE_LENGTHS.title)}).`,
  })
  @IsOptional()
  @HasLength(CONFERENCE_LENGTHS.title)
  title?: string | null;

  @Field(() => String, { nullable: true, description: `Description (${characters(CONFERENCE_LENGTHS.description)}).` })
  @IsOptional()
  @HasLength(CONFERENCE_LENGTHS.description)
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Slug of the host city, which must exist; null for none (virtual).',
  })
  @IsOptional()
  @IsSlug()
  hostCitySlug?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the host organisation, which must exist.' })
  @IsOptional()
  @IsSlug()
  hostOrganisationSlug?: string | null;

  @Field(() => String, { nullable: true, description: 'Venue.' })
  @IsOptional()
  @HasLength(CONFERENCE_LENGTHS.venue)
  venue?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day; in the conference year.' })
  @IsInYearOf('year', 'the conference year')
  startDate?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Last day; in the conference year, not before the first.',
  })
  @IsInYearOf('year', 'the conference year')
  @IsNotBefore('startDate')
  endDate?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Languages (at most 10, each ${characters(CONFERENCE_LENGTHS.language)}).`,
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @HasLength(CONFERENCE_LENGTHS.language, { each: true })
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Languages of simultaneous translation.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @HasLength(CONFERENCE_LENGTHS.language, { each: true })
  translationLanguages?: string[] | null;

  @Field(() => AttendanceInput, { nullable: true, description: 'Attendance.' })
  @IsOptional()
  attendance?: AttendanceInput | null;

  @Field(() => [TopicInput], {
    nullable: true,
    description: 'Its topics in order (at most 50); on update, replaces them all.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  topics?: TopicInput[] | null;
}

@InputType({ description: 'A new conference with its topics, created in one transaction.' })
export class CreateConferenceInput extends ConferenceFields {
  @Field(() => Int, { description: `Year (${EVENT_YEARS.first}-${EVENT_YEARS.last}); one conference per year.` })
  @IsEventYear()
  year!: number;

  @Field(() => ConferenceStatus, { description: 'Held or planned.' })
  status!: ConferenceStatus;

  @Field(() => ConferenceFormat, { description: 'In person or virtual.' })
  format!: ConferenceFormat;
}

@InputType({ description: 'Changes to a conference; fields left out stay as they are.' })
export class UpdateConferenceInput extends updateInputOf('conference', { sharedFields: ConferenceFields }) {
  @Field(() => ConferenceStatus, { nullable: true, description: 'Held or planned.' })
  @OmittableNotNull()
  status?: ConferenceStatus;

  @Field(() => ConferenceFormat, { nullable: true, description: 'In person or virtual.' })
  @OmittableNotNull()
  format?: ConferenceFormat;
}

export const CreateConferenceInputArgs = inputArgsFor(CreateConferenceInput, 'The conference.');
export const UpdateConferenceInputArgs = inputArgsFor(UpdateConferenceInput, 'The changes.');
