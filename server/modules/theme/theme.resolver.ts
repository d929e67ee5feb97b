import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_CREATION, BY_NAME, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { Conference } from '../conference/conference.entity';
import { ConferenceConnection, ConferenceListArgs } from '../conference/conference.inputs';
import { Talk } from '../person/person.entity';
import { TalkConnection, TalkListArgs, talkWhere } from '../person/person.inputs';
import { Workshop } from '../workshop/workshop.entity';
import { WorkshopConnection, WorkshopListArgs } from '../workshop/workshop.inputs';
import { Theme, Topic } from './theme.entity';
import { ThemeConnection, ThemeListArgs, TopicConnection, TopicListArgs, topicWhere } from './theme.inputs';
import { conferencesOfTheme, themeWhereWithCounts, workshopsOfTheme } from './theme.service';
import { normaliseSlug } from '../../common/slug';

@Resolver(() => Theme)
export class ThemeResolver extends provenanceResolverFor(Theme) {
  @Query(() => ThemeConnection, { description: 'Normalised themes, by name unless ordered otherwise.' })
  async themes(@Args(() => ThemeListArgs) args: InstanceType<typeof ThemeListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      ThemeConnection,
      Theme,
      await themeWhereWithCounts(ctx.em, args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @Query(() => Theme, { nullable: true, description: 'The theme with this slug; null if none.' })
  theme(@Arg('slug', { description: 'e.g. "cybersecurity".' }) slug: string, @Ctx() { rows }: RequestContext) {
    return rows.findOne(Theme, { slug: normaliseSlug(slug) });
  }

  @FieldResolver(() => TopicConnection, {
    description: 'Topics under this theme, conference and workshop topics alike, in recording order.',
  })
  topics(
    @Root() theme: Theme,
    @Args(() => TopicListArgs) args: InstanceType<typeof TopicListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      TopicConnection,
      Topic,
      'theme',
      theme.id,
      topicWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => ConferenceConnection, {
    description: 'Conferences with a topic under this theme, by year: how the theme recurs over time.',
  })
  conferences(
    @Root() theme: Theme,
    @Args(() => ConferenceListArgs) args: InstanceType<typeof ConferenceListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return conferencesOfTheme(ctx, theme.id, args);
  }

  @FieldResolver(() => WorkshopConnection, { description: 'Workshops on this theme.' })
  workshops(
    @Root() theme: Theme,
    @Args(() => WorkshopListArgs) args: InstanceType<typeof WorkshopListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return workshopsOfTheme(ctx, theme.id, args);
  }
}

@Resolver(() => Topic)
export class TopicResolver extends provenanceResolverFor(Topic) {
  @Query(() => TopicConnection, {
    description: 'Every conference and workshop topic, in recording order unless ordered otherwise.',
  })
  topics(@Args(() => TopicListArgs) args: InstanceType<typeof TopicListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      TopicConnection,
      Topic,
      topicWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => Theme, { description: 'The normalised theme the topic falls under.' })
  theme(@Root() topic: Topic, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Theme, topic.theme);
  }

  @FieldResolver(() => Conference, {
    nullable: true,
    description: 'The conference it was a topic of; null for a workshop topic.',
  })
  conference(@Root() topic: Topic, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Conference, topic.conference);
  }

  @FieldResolver(() => Workshop, {
    nullable: true,
    description: 'The workshop it was the topic of; null for a conference topic.',
  })
  workshop(@Root() topic: Topic, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Workshop, topic.workshop);
  }

  @FieldResolver(() => TalkConnection, { description: 'Talks on this topic.' })
  talks(
    @Root() topic: Topic,
    @Args(() => TalkListArgs) args: InstanceType<typeof TalkListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      TalkConnection,
      Talk,
      'topic',
      topic.id,
      talkWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }
}
