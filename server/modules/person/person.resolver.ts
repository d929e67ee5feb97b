import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_CREATION, BY_NAME, BY_TITLE, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Topic } from '../theme/theme.entity';
import { AssociationRole, Person, Talk } from './person.entity';
import {
  AssociationRoleConnection,
  AssociationRoleListArgs,
  PersonConnection,
  PersonListArgs,
  TalkConnection,
  TalkListArgs,
  associationRoleWhere,
  personWhere,
  talkWhere,
} from './person.inputs';
import { normaliseSlug } from '../../common/slug';

@Resolver(() => Person)
export class PersonResolver extends provenanceResolverFor(Person) {
  @Query(() => PersonConnection, {
    description: 'People: office holders and speakers, by name unless ordered otherwise.',
  })
  people(@Args(() => PersonListArgs) args: InstanceType<typeof PersonListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      PersonConnection,
      Person,
      personWhere(args.filter),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @Query(() => Person, { nullable: true, description: 'The person with this slug; null if none.' })
  person(@Arg('slug', { description: 'e.g. "giorgio-prister".' }) slug: string, @Ctx() { rows }: RequestContext) {
    return rows.findOne(Person, { slug: normaliseSlug(slug) });
  }

  @FieldResolver(() => AssociationRoleConnection, { description: 'Offices the person holds in the association.' })
  roles(
    @Root() person: Person,
    @Args(() => AssociationRoleListArgs) args: InstanceType<typeof AssociationRoleListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      AssociationRoleConnection,
      AssociationRole,
      'person',
      person.id,
      associationRoleWhere(args.filter),
      orderSpec(args.orderBy, BY_TITLE),
      args,
    );
  }

  @FieldResolver(() => TalkConnection, { description: 'Talks the person gave.' })
  talks(
    @Root() person: Person,
    @Args(() => TalkListArgs) args: InstanceType<typeof TalkListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return childConnection(
      ctx,
      TalkConnection,
      Talk,
      'speaker',
      person.id,
      talkWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }
}

@Resolver(() => AssociationRole)
export class AssociationRoleResolver extends provenanceResolverFor(AssociationRole) {
  @Query(() => AssociationRoleConnection, {
    description: "The association's offices and their holders, e.g. its President.",
  })
  associationRoles(
    @Args(() => AssociationRoleListArgs) args: InstanceType<typeof AssociationRoleListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return rootConnection(
      ctx,
      AssociationRoleConnection,
      AssociationRole,
      associationRoleWhere(args.filter),
      orderSpec(args.orderBy, BY_TITLE),
      args,
    );
  }

  @FieldResolver(() => Person, { description: 'Who holds the office.' })
  person(@Root() role: AssociationRole, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Person, role.person);
  }
}

@Resolver(() => Talk)
export class TalkResolver extends provenanceResolverFor(Talk) {
  @Query(() => TalkConnection, { description: 'Talks given at the conferences.' })
  talks(@Args(() => TalkListArgs) args: InstanceType<typeof TalkListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      TalkConnection,
      Talk,
      talkWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => Conference, { description: 'The conference it was given at.' })
  conference(@Root() talk: Talk, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Conference, talk.conference);
  }

  @FieldResolver(() => Person, { description: 'The speaker.' })
  speaker(@Root() talk: Talk, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Person, talk.speaker);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation the speaker spoke for.' })
  organisation(@Root() talk: Talk, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Organisation, talk.organisation);
  }

  @FieldResolver(() => Topic, { nullable: true, description: 'The conference topic it was given under.' })
  topic(@Root() talk: Talk, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Topic, talk.topic);
  }
}
