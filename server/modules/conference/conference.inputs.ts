import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
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
import { hasTopicUnderThemeConditions } from '../theme/theme.inputs';
import { Conference, ConferenceFormat, ConferenceStatus } from './conference.entity';

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
export const ConferenceConnection = connectionTypeFor(Conference);
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
