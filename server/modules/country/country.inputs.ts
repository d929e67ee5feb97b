import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { StringFilter, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { Country } from './country.entity';

@InputType({ description: 'Conditions on countries; all given conditions must hold.' })
export class CountryFilter {
  @Field(() => StringFilter, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
  code?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'English name.' })
  name?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only countries in (true) or outside (false) Europe.' })
  inEurope?: boolean | null;
}

export const CountryOrderField = { CODE: 'code', NAME: 'name' } as const;
export type CountryOrderField = (typeof CountryOrderField)[keyof typeof CountryOrderField];
export const CountryOrder = orderInputFor('Country', CountryOrderField, {
  code: 'ISO 3166-1 alpha-2 code.',
  name: 'English name.',
});
export const CountryConnection = connectionTypeFor(Country);
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
