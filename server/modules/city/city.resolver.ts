import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_NAME, BY_TITLE, BY_YEAR, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { Conference } from '../conference/conference.entity';
import { ConferenceConnection, ConferenceListArgs, conferenceWhere } from '../conference/conference.inputs';
import { Country } from '../country/country.entity';
import { Organisation } from '../organisation/organisation.entity';
import { OrganisationConnection, OrganisationListArgs, organisationWhere } from '../organisation/organisation.inputs';
import { Workshop } from '../workshop/workshop.entity';
import { WorkshopConnection, WorkshopListArgs, workshopWhere } from '../workshop/workshop.inputs';
import { City, CityAlias } from './city.entity';
import {
  CityAliasConnection,
  CityAliasListArgs,
  CityConnection,
  CityListArgs,
  cityAliasWhere,
  cityWhere,
} from './city.inputs';
import { findCityByName } from './city.service';
import { normaliseSlug } from '../../common/slug';

@Resolver(() => City)
export class CityResolver extends provenanceResolverFor(City) {
  @Query(() => CityConnection, { description: 'Cities, by name unless ordered otherwise.' })
  cities(@Args(() => CityListArgs) args: InstanceType<typeof CityListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, CityConnection, City, cityWhere(args.filter), orderSpec(args.orderBy, BY_NAME), args);
  }

  @Query(() => City, {
    nullable: true,
    description:
      'The city with this name or alternative name (any case: "Firenze" and "florence" both find Florence) or slug; null if none. Give exactly one of `name` and `slug`.',
  })
  city(
    @Ctx() { rows }: RequestContext,
    @Arg('name', () => String, { nullable: true, description: 'Name or alternative name.' }) name?: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'Slug, e.g. "zurich".' }) slug?: string | null,
  ) {
    if ((name == null) === (slug == null)) {
      throw new BadUserInputError('Give exactly one of `name` and `slug`.', [name == null ? 'name' : 'slug']);
    }
    return slug != null ? rows.findOne(City, { slug: normaliseSlug(slug) }) : findCityByName(rows, name!);
  }

  @FieldResolver(() => Country, { description: 'The country the city is in.' })
  country(@Root() city: City, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Country, city.country);
  }

  @FieldResolver(() => CityAliasConnection, { description: 'Other names of the city, e.g. "Firenze" for Florence.' })
  aliases(
    @Root() city: City,
    @Args(() => CityAliasListArgs) args: InstanceType<typeof CityAliasListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      CityAliasConnection,
      CityAlias,
      'city',
      city.id,
      cityAliasWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @FieldResolver(() => OrganisationConnection, {
    description: 'Organisations based in the city (the city itself among them, where it is a member).',
  })
  organisations(
    @Root() city: City,
    @Args(() => OrganisationListArgs) args: InstanceType<typeof OrganisationListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      OrganisationConnection,
      Organisation,
      'city',
      city.id,
      organisationWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @FieldResolver(() => ConferenceConnection, {
    description: 'Annual conferences the city hosted or will host, by year.',
  })
  conferencesHosted(
    @Root() city: City,
    @Args(() => ConferenceListArgs) args: InstanceType<typeof ConferenceListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      ConferenceConnection,
      Conference,
      'hostCity',
      city.id,
      conferenceWhere(args.filter),
      orderSpec(args.orderBy, BY_YEAR),
      args,
    );
  }

  @FieldResolver(() => WorkshopConnection, { description: 'Workshops held in the city.' })
  workshopsHosted(
    @Root() city: City,
    @Args(() => WorkshopListArgs) args: InstanceType<typeof WorkshopListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      WorkshopConnection,
      Workshop,
      'hostCity',
      city.id,
      workshopWhere(args.filter),
      orderSpec(args.orderBy, BY_TITLE),
      args,
    );
  }
}

@Resolver(() => CityAlias)
export class CityAliasResolver extends provenanceResolverFor(CityAlias) {
  @FieldResolver(() => City, { description: 'The city this is another name of.' })
  city(@Root() alias: CityAlias, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(City, alias.city);
  }
}
