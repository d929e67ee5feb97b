import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_NAME, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { City } from '../city/city.entity';
import { CityConnection, CityListArgs, cityWhere } from '../city/city.inputs';
import { ConferenceConnection, ConferenceListArgs } from '../conference/conference.inputs';
import { conferencesHostedInCountries } from '../conference/conference.service';
import { Organisation } from '../organisation/organisation.entity';
import { OrganisationConnection, OrganisationListArgs, organisationWhere } from '../organisation/organisation.inputs';
import { Country } from './country.entity';
import { CountryConnection, CountryListArgs, countryWhere } from './country.inputs';

@Resolver(() => Country)
export class CountryResolver extends provenanceResolverFor(Country) {
  @Query(() => CountryConnection, { description: 'Countries, by name unless ordered otherwise.' })
  countries(@Args(() => CountryListArgs) args: InstanceType<typeof CountryListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      CountryConnection,
      Country,
      countryWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @Query(() => Country, {
    nullable: true,
    description: 'The country with this ISO 3166-1 alpha-2 or alpha-3 code (any case); null if none.',
  })
  country(@Arg('code', { description: 'e.g. "HR" or "HRV".' }) code: string, @Ctx() { rows }: RequestContext) {
    const normalised = code.trim().toUpperCase();
    return rows.findOne(Country, normalised.length === 3 ? { alpha3: normalised } : { code: normalised });
  }

  @FieldResolver(() => CityConnection, { description: 'Cities in this country.' })
  cities(
    @Root() country: Country,
    @Args(() => CityListArgs) args: InstanceType<typeof CityListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      CityConnection,
      City,
      'country',
      country.id,
      cityWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @FieldResolver(() => OrganisationConnection, { description: 'Organisations in this country, members or not.' })
  organisations(
    @Root() country: Country,
    @Args(() => OrganisationListArgs) args: InstanceType<typeof OrganisationListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    const where = organisationWhere(args.filter);
    return childConnection(
      ctx,
      OrganisationConnection,
      Organisation,
      'country',
      country.id,
      where,
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @FieldResolver(() => OrganisationConnection, { description: "The association's members in this country." })
  members(
    @Root() country: Country,
    @Args(() => OrganisationListArgs) args: InstanceType<typeof OrganisationListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    const where = organisationWhere({ ...args.filter, isMember: true });
    return childConnection(
      ctx,
      OrganisationConnection,
      Organisation,
      'country',
      country.id,
      where,
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @FieldResolver(() => ConferenceConnection, { description: 'Conferences hosted in cities of this country, by year.' })
  conferencesHosted(
    @Root() country: Country,
    @Args(() => ConferenceListArgs) args: InstanceType<typeof ConferenceListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return conferencesHostedInCountries(ctx, country.id, args);
  }
}
