import { ArrayMaxSize, IsOptional, Matches } from '../../common/class-validator';
import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import { Country } from '../country/country.entity';
import { StringFilter, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsSlug } from '../../common/slug';
import { IsCountryCode, OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { CITY_ALIAS_LENGTHS, CITY_LENGTHS, City, CityAlias } from './city.entity';

@InputType({ description: 'Conditions on cities; all given conditions must hold.' })
export class CityFilter {
  @Field(() => StringFilter, {
    nullable: true,
    description: 'English name (aliases are not searched; use `city(name:)`).',
  })
  name?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country.' })
  countryCode?: StringFilter | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only cities that hosted (true) or never hosted (false) a conference.',
  })
  hostedConference?: boolean | null;
}

export const CityOrderField = { NAME: 'name', SLUG: 'slug' } as const;
export const CityOrder = orderInputFor('City', CityOrderField, { name: 'English name.', slug: 'Slug.' });
/** The groups of `cities { facets }`, one per field the filter above can narrow by. */
export const CityFacets = facetsFor(City, 'City', { list: 'cities', countExample: 'the 9 cities of Italy' }, [
  facet.reference('country', ['country'], Country, 'Cities per country, e.g. 9 in Italy.'),
]);
export const CityConnection = connectionTypeFor(City, undefined, { facets: CityFacets });
export const CityListArgs = listArgsFor('City', CityFilter, CityOrder);

export function cityWhere(filter: CityFilter | null | undefined) {
  return whereFrom(
    [
      ['name', stringConditions(filter?.name)],
      ['country.code', stringConditions(filter?.countryCode)],
    ],
    filter?.hostedConference != null
      ? [{ conferencesHosted: filter.hostedConference ? { $some: {} } : { $none: {} } }]
      : [],
  );
}

@InputType({ description: 'Conditions on city aliases; all given conditions must hold.' })
export class CityAliasFilter {
  @Field(() => StringFilter, { nullable: true, description: 'The alternative name.' })
  name?: StringFilter | null;
}

export const CityAliasOrderField = { NAME: 'name' } as const;
export const CityAliasOrder = orderInputFor('CityAlias', CityAliasOrderField, { name: 'The alternative name.' });
export const CityAliasConnection = connectionTypeFor(CityAlias);
export const CityAliasListArgs = listArgsFor('CityAlias', CityAliasFilter, CityAliasOrder);

export function cityAliasWhere(filter: CityAliasFilter | null | undefined) {
  return whereFrom([['name', stringConditions(filter?.name)]]);
}

@InputType({ description: 'Another name of a city.' })
export class CityAliasInput {
  @Field({ description: `The alternative name, e.g. "Firenze" (${characters(CITY_ALIAS_LENGTHS.name)}).` })
  @HasLength(CITY_ALIAS_LENGTHS.name)
  name!: string;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 language code, e.g. "it".' })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'must be a two-letter ISO 639-1 code' })
  language?: string | null;
}

@InputType({ description: 'A new city.' })
export class CreateCityInput {
  @Field({ description: `English name (${characters(CITY_LENGTHS.name)}); unique within its country.` })
  @HasLength(CITY_LENGTHS.name)
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "la-spezia".' })
  @IsSlug(CITY_LENGTHS.slug)
  slug!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of its country, which must exist.' })
  @IsCountryCode()
  countryCode!: string;

  @Field(() => [CityAliasInput], { nullable: true, description: 'Other names (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  aliases?: CityAliasInput[] | null;
}

@InputType({ description: 'Changes to a city; fields left out stay as they are.' })
export class UpdateCityInput extends updateInputOf('city') {
  @Field(() => String, { nullable: true, description: 'English name.' })
  @OmittableNotNull()
  @HasLength(CITY_LENGTHS.name)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug(CITY_LENGTHS.slug)
  slug?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO 3166-1 alpha-2 code of its country; refused (CONFLICT) while organisations in it are in its present one.',
  })
  @OmittableNotNull()
  @IsCountryCode()
  countryCode?: string;

  @Field(() => [CityAliasInput], { nullable: true, description: 'Replaces all its other names when given.' })
  @OmittableNotNull()
  @ArrayMaxSize(20)
  aliases?: CityAliasInput[];
}

export const CreateCityInputArgs = inputArgsFor(CreateCityInput, 'The city.');
export const UpdateCityInputArgs = inputArgsFor(UpdateCityInput, 'The changes.');
