import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { StringFilter, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { City, CityAlias } from './city.entity';

@InputType({ description: 'Conditions on cities; all given conditions must hold.' })
export class CityFilter {
  @Field(() => StringFilter, { nullable: true, description: 'English name (aliases are not searched; use `city(name:)`).' })
  name?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country.' })
  countryCode?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cities that hosted (true) or never hosted (false) a conference.' })
  hostedConference?: boolean | null;
}

export const CityOrderField = { NAME: 'name', SLUG: 'slug' } as const;
export const CityOrder = orderInputFor('City', CityOrderField, { name: 'English name.', slug: 'Slug.' });
export const CityConnection = connectionTypeFor(City);
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
