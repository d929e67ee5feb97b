import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { rootConnection } from '../../common/connection-resolvers';
import { provenanceResolverFor } from '../source/source.provenance';
import { BY_NAME, BY_TITLE, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { City } from '../city/city.entity';
import { Organisation } from '../organisation/organisation.entity';
import { OrganisationConnection, OrganisationListArgs, organisationWhere } from '../organisation/organisation.inputs';
import { AssociationRole } from '../person/person.entity';
import { AssociationRoleConnection, AssociationRoleListArgs, associationRoleWhere } from '../person/person.inputs';
import { Association } from './association.entity';

@Resolver(() => Association)
export class AssociationResolver extends provenanceResolverFor(Association) {
  @Query(() => Association, { nullable: true, description: 'The Major Cities of Europe IT Users Group itself.' })
  async association(@Ctx() { rows }: RequestContext) {
    const [association] = await rows.find(Association, {}, { orderBy: { id: 'ASC' }, limit: 1 });
    return association ?? null;
  }

  @FieldResolver(() => City, { description: 'Where the association has its seat.' })
  seat(@Root() association: Association, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(City, association.seat);
  }

  @FieldResolver(() => AssociationRoleConnection, { description: 'Its offices and their holders.' })
  roles(
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

  @FieldResolver(() => OrganisationConnection, {
    description: 'Its members of every kind, by name unless ordered otherwise.',
  })
  members(
    @Args(() => OrganisationListArgs) args: InstanceType<typeof OrganisationListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    const where = organisationWhere({ ...args.filter, isMember: true });
    return rootConnection(ctx, OrganisationConnection, Organisation, where, orderSpec(args.orderBy, BY_NAME), args);
  }
}
