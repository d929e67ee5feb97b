import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_POSITION, BY_TITLE, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { City } from '../city/city.entity';
import { Topic } from '../theme/theme.entity';
import { TopicConnection, TopicListArgs, topicWhere } from '../theme/theme.inputs';
import { Workshop } from './workshop.entity';
import { WorkshopConnection, WorkshopListArgs, workshopWhere } from './workshop.inputs';
import { normaliseSlug } from '../../common/slug';

@Resolver(() => Workshop)
export class WorkshopResolver extends provenanceResolverFor(Workshop) {
  @Query(() => WorkshopConnection, {
    description: 'Workshops run by member cities, by title unless ordered otherwise.',
  })
  workshops(@Args(() => WorkshopListArgs) args: InstanceType<typeof WorkshopListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      WorkshopConnection,
      Workshop,
      workshopWhere(args.filter),
      orderSpec(args.orderBy, BY_TITLE),
      args,
    );
  }

  @Query(() => Workshop, { nullable: true, description: 'The workshop with this slug; null if none.' })
  workshop(@Arg('slug', { description: 'e.g. "open-data".' }) slug: string, @Ctx() { rows }: RequestContext) {
    return rows.findOne(Workshop, { slug: normaliseSlug(slug) });
  }

  @FieldResolver(() => City, { nullable: true, description: 'Where it was held, when known.' })
  hostCity(@Root() workshop: Workshop, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(City, workshop.hostCity);
  }

  @FieldResolver(() => TopicConnection, { description: 'Its topics, with their themes.' })
  topics(
    @Root() workshop: Workshop,
    @Args(() => TopicListArgs) args: InstanceType<typeof TopicListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      TopicConnection,
      Topic,
      'workshop',
      workshop.id,
      topicWhere(args.filter),
      orderSpec(args.orderBy, BY_POSITION),
      args,
    );
  }
}
