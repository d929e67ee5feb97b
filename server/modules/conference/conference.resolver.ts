import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_CREATION, BY_POSITION, BY_YEAR, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { City } from '../city/city.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { PartnershipConnection, PartnershipListArgs, partnershipWhere } from '../partnership/partnership.inputs';
import { Talk } from '../person/person.entity';
import { TalkConnection, TalkListArgs, talkWhere } from '../person/person.inputs';
import { Topic } from '../theme/theme.entity';
import { ThemeConnection, ThemeListArgs, TopicConnection, TopicListArgs, topicWhere } from '../theme/theme.inputs';
import { themesOfConference } from '../theme/theme.service';
import { Conference } from './conference.entity';
import { ConferenceConnection, ConferenceListArgs, conferenceWhere } from './conference.inputs';

@Resolver(() => Conference)
export class ConferenceResolver extends provenanceResolverFor(Conference) {
  @Query(() => ConferenceConnection, { description: 'The annual conferences, by year unless ordered otherwise.' })
  conferences(
    @Args(() => ConferenceListArgs) args: InstanceType<typeof ConferenceListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return rootConnection(
      ctx,
      ConferenceConnection,
      Conference,
      conferenceWhere(args.filter),
      orderSpec(args.orderBy, BY_YEAR),
      args,
    );
  }

  @Query(() => Conference, {
    nullable: true,
    description: 'The annual conference of this year; null if none is known.',
  })
  conference(@Arg('year', () => Int, { description: 'e.g. 2014.' }) year: number, @Ctx() { rows }: RequestContext) {
    return rows.findOne(Conference, { year });
  }

  @FieldResolver(() => City, { nullable: true, description: 'The host city; null for a virtual conference.' })
  hostCity(@Root() conference: Conference, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(City, conference.hostCity);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The organisation that hosted it (usually the host city itself).',
  })
  hostOrganisation(@Root() conference: Conference, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Organisation, conference.hostOrganisation);
  }

  @FieldResolver(() => TopicConnection, {
    description: 'Its key or session topics in their original wording, in the order listed.',
  })
  topics(
    @Root() conference: Conference,
    @Args(() => TopicListArgs) args: InstanceType<typeof TopicListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      TopicConnection,
      Topic,
      'conference',
      conference.id,
      topicWhere(args.filter),
      orderSpec(args.orderBy, BY_POSITION),
      args,
    );
  }

  @FieldResolver(() => ThemeConnection, { description: 'The normalised themes its topics fall under, by name.' })
  themes(
    @Root() conference: Conference,
    @Args(() => ThemeListArgs) args: InstanceType<typeof ThemeListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return themesOfConference(ctx, conference.id, args);
  }

  @FieldResolver(() => PartnershipConnection, { description: 'Co-organisers and venue hosts.' })
  partnerships(
    @Root() conference: Conference,
    @Args(() => PartnershipListArgs) args: InstanceType<typeof PartnershipListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      PartnershipConnection,
      Partnership,
      'conference',
      conference.id,
      partnershipWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => TalkConnection, { description: 'Talks given at the conference.' })
  talks(
    @Root() conference: Conference,
    @Args(() => TalkListArgs) args: InstanceType<typeof TalkListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      TalkConnection,
      Talk,
      'conference',
      conference.id,
      talkWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }
}
