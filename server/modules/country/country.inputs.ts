import { IsOptional, Matches } from '../../common/class-validator';
import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { StringFilter, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { countOrder, orderInputFor } from '../../common/ordering';
import { facet, facetsFor } from '../../common/facets';
import { currentMemberSql } from '../organisation/membership.rule';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsCountryCode, OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { COUNTRY_LENGTHS, Country } from './country.entity';

@InputType({ description: 'Conditions on countries; all given conditions must hold.' })
export class CountryFilter {
  @Field(() => StringFilter, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
  code?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'English name.' })
  name?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only countries in (true) or outside (false) Europe.' })
  inEurope?: boolean | null;
}

/** Current members in the country (organisations with an active membership): Italy has 11, Germany 6. */
const MEMBER_COUNT = countOrder('Country', 'memberCount', {
  sql: (
    country,
  ) => `(select count(*) from "organisation" as "o" join "membership" as "m" on "m"."organisation_id" = "o"."id"
    where "o"."country_id" = ${country}."id" and ${currentMemberSql('"m"."status"')})`,
});
/** Conferences hosted in the country's cities: Germany and Italy three each. */
const CONFERENCES_HOSTED = countOrder('Country', 'conferencesHosted', {
  sql: (country) => `(select count(*) from "conference" as "c" join "city" as "h" on "h"."id" = "c"."host_city_id"
    where "h"."country_id" = ${country}."id")`,
});

export const CountryOrderField = { CODE: 'code', NAME: 'name', MEMBER_COUNT, CONFERENCES_HOSTED } as const;
export type CountryOrderField = (typeof CountryOrderField)[keyof typeof CountryOrderField];
export const CountryOrder = orderInputFor('Country', CountryOrderField, {
  code: 'ISO 3166-1 alpha-2 code.',
  name: 'English name.',
  [MEMBER_COUNT]:
    'Number of current members in the country (Italy 11, Germany 6); edges carry the rank, equal counts sharing one.',
  [CONFERENCES_HOSTED]:
    'Number of conferences hosted in its cities (Germany and Italy 3 each, both rank 1 descending); edges carry the rank.',
});
/** The groups of `countries { facets }`, one per field the filter above can narrow by. */
export const CountryFacets = facetsFor(
  Country,
  'Country',
  { list: 'countries', countExample: '18 countries, 15 of them in Europe' },
  [facet.boolean('inEurope', ['inEurope'], (column) => column, 'Countries in Europe (true) and outside it (false).')],
);
export const CountryConnection = connectionTypeFor(Country, undefined, {
  facets: CountryFacets,
  rank: 'Its rank when the list is ordered by a count (MEMBER_COUNT, CONFERENCES_HOSTED; ties share one); null otherwise.',
});
export const CountryListArgs = listArgsFor('Country', CountryFilter, CountryOrder);

export function countryWhere(filter: CountryFilter | null | undefined) {
  return whereFrom(
    [
      ['code', stringConditions(filter?.code)],
      ['name', stringConditions(filter?.name)],
    ],
    filter?.inEurope != null ? [{ inEurope: filter.inEurope }] : [],
  );
}

@InputType({ description: 'A new country.' })
export class CreateCountryInput {
  @Field({ description: 'ISO 3166-1 alpha-2 code, two capital letters, e.g. "PT".' })
  @IsCountryCode()
  code!: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code, three capital letters, e.g. "PRT".' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be three capital letters (ISO 3166-1 alpha-3)' })
  alpha3!: string;

  @Field({ description: `English short name (${characters(COUNTRY_LENGTHS.name)}).` })
  @HasLength(COUNTRY_LENGTHS.name)
  name!: string;

  @Field(() => String, { nullable: true, description: 'The label a source uses, if any.' })
  @IsOptional()
  @HasLength(COUNTRY_LENGTHS.sourceLabel)
  sourceLabel?: string | null;

  @Field({ description: 'Whether the country is in Europe.' })
  inEurope!: boolean;
}

@InputType({ description: 'Changes to a country; fields left out stay as they are.' })
export class UpdateCountryInput extends updateInputOf('country', {
  versionDescription: 'The version you read; a newer one means someone else changed it (CONFLICT).',
}) {
  @Field(() => String, { nullable: true, description: `English short name (${characters(COUNTRY_LENGTHS.name)}).` })
  @OmittableNotNull()
  @HasLength(COUNTRY_LENGTHS.name)
  name?: string;

  @Field(() => String, { nullable: true, description: 'The label a source uses; null removes it.' })
  @IsOptional()
  @HasLength(COUNTRY_LENGTHS.sourceLabel)
  sourceLabel?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the country is in Europe.' })
  @OmittableNotNull()
  inEurope?: boolean;
}

export const CreateCountryInputArgs = inputArgsFor(CreateCountryInput, 'The country.');
export const UpdateCountryInputArgs = inputArgsFor(UpdateCountryInput, 'The changes.');
