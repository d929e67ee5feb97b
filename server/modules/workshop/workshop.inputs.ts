import { ArrayMaxSize, IsOptional } from '../../common/class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import { StringFilter, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsSlug } from '../../common/slug';
import { EVENT_YEARS, IsEventDate, OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { WORKSHOP_LENGTHS, Workshop } from './workshop.entity';
import { TOPIC_LENGTHS, Theme } from '../theme/theme.entity';
import { City } from '../city/city.entity';
import { Country } from '../country/country.entity';
import { hasTopicUnderThemeConditions } from '../theme/theme.inputs';

@InputType({ description: 'Conditions on workshops; all given conditions must hold.' })
export class WorkshopFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Title.' })
  title?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Slug of a theme its topics fall under.' })
  themeSlug?: StringFilter | null;
}

export const WorkshopOrderField = { TITLE: 'title', SLUG: 'slug' } as const;
export const WorkshopOrder = orderInputFor('Workshop', WorkshopOrderField, { title: 'Title.', slug: 'Slug.' });
/** The groups of `workshops { facets }`: by the fields the filter can narrow by, and by when and where. */
export const WorkshopFacets = facetsFor(
  Workshop,
  'Workshop',
  { list: 'workshops', countExample: '9 workshops, each on one theme' },
  [
    {
      ...facet.int('year', ['heldOn'], 'Workshops per year held, where the date is known.'),
      expression: (column) => `extract(year from ${column})::int`,
    },
    facet.reference('hostCity', ['hostCity'], City, 'Workshops per host city, where known.'),
    facet.reference('hostCountry', ['hostCity', 'country'], Country, 'Workshops per host country, where known.'),
    facet.reference('theme', ['topics', 'theme'], Theme, 'Workshops per theme of their topics (each counted once).'),
  ],
);
export const WorkshopConnection = connectionTypeFor(Workshop, undefined, { facets: WorkshopFacets });
export const WorkshopListArgs = listArgsFor('Workshop', WorkshopFilter, WorkshopOrder);

export function workshopWhere(filter: WorkshopFilter | null | undefined) {
  return whereFrom([['title', stringConditions(filter?.title)]], hasTopicUnderThemeConditions(filter?.themeSlug));
}

@InputType({ description: 'A topic of a workshop, under an existing theme.' })
export class WorkshopTopicInput {
  @Field({ description: `The topic as worded (${characters(TOPIC_LENGTHS.wording)}).` })
  @HasLength(TOPIC_LENGTHS.wording)
  wording!: string;

  @Field({ description: 'Slug of its theme, which must exist.' })
  @IsSlug()
  themeSlug!: string;
}

@InputType({ description: 'The fields of a workshop.' })
export class WorkshopFields {
  @Field(() => String, { nullable: true, description: `Description (${characters(WORKSHOP_LENGTHS.description)}).` })
  @IsOptional()
  @HasLength(WORKSHOP_LENGTHS.description)
  description?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: `Date held, in the years ${EVENT_YEARS.first}-${EVENT_YEARS.last}.`,
  })
  @IsEventDate()
  heldOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the host city, which must exist.' })
  @IsOptional()
  @IsSlug()
  hostCitySlug?: string | null;

  @Field(() => [WorkshopTopicInput], {
    nullable: true,
    description: 'Its topics (at most 20); on update, replaces them all.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  topics?: WorkshopTopicInput[] | null;
}

@InputType({ description: 'A new workshop with its topics.' })
export class CreateWorkshopInput extends WorkshopFields {
  @Field({ description: `Title (${characters(WORKSHOP_LENGTHS.title)}).` })
  @HasLength(WORKSHOP_LENGTHS.title)
  title!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug(WORKSHOP_LENGTHS.slug)
  slug!: string;
}

@InputType({ description: 'Changes to a workshop; fields left out stay as they are.' })
export class UpdateWorkshopInput extends updateInputOf('workshop', { sharedFields: WorkshopFields }) {
  @Field(() => String, { nullable: true, description: 'Title.' })
  @OmittableNotNull()
  @HasLength(WORKSHOP_LENGTHS.title)
  title?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug(WORKSHOP_LENGTHS.slug)
  slug?: string;
}

export const CreateWorkshopInputArgs = inputArgsFor(CreateWorkshopInput, 'The workshop.');
export const UpdateWorkshopInputArgs = inputArgsFor(UpdateWorkshopInput, 'The changes.');
