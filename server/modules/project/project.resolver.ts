import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_CREATION, BY_NAME, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { Organisation } from '../organisation/organisation.entity';
import { Project, ProjectParticipation } from './project.entity';
import {
  ProjectConnection,
  ProjectListArgs,
  ProjectParticipationConnection,
  ProjectParticipationListArgs,
  projectParticipationWhere,
  projectWhere,
} from './project.inputs';
import { normaliseSlug } from '../../common/slug';

@Resolver(() => Project)
export class ProjectResolver extends provenanceResolverFor(Project) {
  @Query(() => ProjectConnection, {
    description: 'EU programme projects, events and other projects, by name unless ordered otherwise.',
  })
  projects(@Args(() => ProjectListArgs) args: InstanceType<typeof ProjectListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      ProjectConnection,
      Project,
      projectWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @Query(() => Project, { nullable: true, description: 'The project with this slug; null if none.' })
  project(@Arg('slug', { description: 'e.g. "fupol".' }) slug: string, @Ctx() { rows }: RequestContext) {
    return rows.findOne(Project, { slug: normaliseSlug(slug) });
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The event it was presented at.' })
  presentedAt(@Root() project: Project, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Project, project.presentedAt);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects presented at this one (for events).' })
  presentations(
    @Root() project: Project,
    @Args(() => ProjectListArgs) args: InstanceType<typeof ProjectListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      ProjectConnection,
      Project,
      'presentedAt',
      project.id,
      projectWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @FieldResolver(() => ProjectParticipationConnection, { description: 'Organisations taking part, with their role.' })
  participants(
    @Root() project: Project,
    @Args(() => ProjectParticipationListArgs) args: InstanceType<typeof ProjectParticipationListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      ProjectParticipationConnection,
      ProjectParticipation,
      'project',
      project.id,
      projectParticipationWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }
}

@Resolver(() => ProjectParticipation)
export class ProjectParticipationResolver extends provenanceResolverFor(ProjectParticipation) {
  @FieldResolver(() => Project, { description: 'The project.' })
  project(@Root() participation: ProjectParticipation, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Project, participation.project);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation.' })
  organisation(@Root() participation: ProjectParticipation, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Organisation, participation.organisation);
  }
}
