import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_CREATION, BY_NAME, BY_YEAR, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { City } from '../city/city.entity';
import { Conference } from '../conference/conference.entity';
import { ConferenceConnection, ConferenceListArgs, conferenceWhere } from '../conference/conference.inputs';
import { Country } from '../country/country.entity';
import { Talk } from '../person/person.entity';
import { TalkConnection, TalkListArgs, talkWhere } from '../person/person.inputs';
import { ProjectParticipation } from '../project/project.entity';
import {
  ProjectParticipationConnection,
  ProjectParticipationListArgs,
  projectParticipationWhere,
} from '../project/project.inputs';
import { Partnership } from '../partnership/partnership.entity';
import { PartnershipConnection, PartnershipListArgs, partnershipWhere } from '../partnership/partnership.inputs';
import { isCurrentMembership } from './membership.rule';
import { Membership, Organisation } from './organisation.entity';
import {
  MembershipConnection,
  MembershipListArgs,
  OrganisationConnection,
  OrganisationListArgs,
  membershipWhere,
  organisationWhere,
} from './organisation.inputs';
import { normaliseSlug } from '../../common/slug';
import { fieldAlsoReads } from '../../common/read-columns';

// `isMember` applies the membership rule to its membership's status, whatever the document selects of it.
fieldAlsoReads('Organisation', 'isMember', Membership, ['status']);

@Resolver(() => Organisation)
export class OrganisationResolver extends provenanceResolverFor(Organisation) {
  @Query(() => OrganisationConnection, {
    description: 'Organisations of every kind, members and partners, by name unless ordered otherwise.',
  })
  organisations(
    @Args(() => OrganisationListArgs) args: InstanceType<typeof OrganisationListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return rootConnection(
      ctx,
      OrganisationConnection,
      Organisation,
      organisationWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @Query(() => Organisation, { nullable: true, description: 'The organisation with this slug; null if none.' })
  organisation(
    @Arg('slug', { description: 'e.g. "cork-city-council".' }) slug: string,
    @Ctx() { rows }: RequestContext,
  ) {
    return rows.findOne(Organisation, { slug: normaliseSlug(slug) });
  }

  @FieldResolver(() => Country, { description: 'The country it is in.' })
  country(@Root() organisation: Organisation, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Country, organisation.country);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The city it is in, where it applies.' })
  city(@Root() organisation: Organisation, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(City, organisation.city);
  }

  @FieldResolver(() => Membership, {
    nullable: true,
    description: 'Its membership of the association; null if it is not a member.',
  })
  async membership(@Root() organisation: Organisation, @Ctx() { loaders }: RequestContext) {
    const [membership] = await loaders.children(Membership, 'organisation', {}, BY_CREATION).load(organisation.id);
    return membership ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is a current member of the association.' })
  async isMember(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    const membership = await this.membership(organisation, ctx);
    return isCurrentMembership(membership);
  }

  @FieldResolver(() => PartnershipConnection, {
    description: 'Its partnerships with the association (an organisation can be member and partner).',
  })
  partnerships(
    @Root() organisation: Organisation,
    @Args(() => PartnershipListArgs) args: InstanceType<typeof PartnershipListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      PartnershipConnection,
      Partnership,
      'organisation',
      organisation.id,
      partnershipWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => ConferenceConnection, { description: 'Annual conferences it hosted or will host, by year.' })
  conferencesHosted(
    @Root() organisation: Organisation,
    @Args(() => ConferenceListArgs) args: InstanceType<typeof ConferenceListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      ConferenceConnection,
      Conference,
      'hostOrganisation',
      organisation.id,
      conferenceWhere(args.filter),
      orderSpec(args.orderBy, BY_YEAR),
      args,
    );
  }

  @FieldResolver(() => TalkConnection, { description: 'Talks given on its behalf.' })
  talks(
    @Root() organisation: Organisation,
    @Args(() => TalkListArgs) args: InstanceType<typeof TalkListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      TalkConnection,
      Talk,
      'organisation',
      organisation.id,
      talkWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => ProjectParticipationConnection, { description: 'Projects it takes part in.' })
  projects(
    @Root() organisation: Organisation,
    @Args(() => ProjectParticipationListArgs) args: InstanceType<typeof ProjectParticipationListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      ProjectParticipationConnection,
      ProjectParticipation,
      'organisation',
      organisation.id,
      projectParticipationWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }
}

@Resolver(() => Membership)
export class MembershipResolver extends provenanceResolverFor(Membership) {
  @Query(() => MembershipConnection, {
    description: "The association's memberships, in member-table order unless ordered otherwise.",
  })
  memberships(
    @Args(() => MembershipListArgs) args: InstanceType<typeof MembershipListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return rootConnection(
      ctx,
      MembershipConnection,
      Membership,
      membershipWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => Organisation, { description: 'The member.' })
  organisation(@Root() membership: Membership, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Organisation, membership.organisation);
  }
}
