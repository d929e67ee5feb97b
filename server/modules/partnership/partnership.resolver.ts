import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { rootConnection } from '../../common/connection-resolvers';
import { BY_CREATION, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { provenanceResolverFor } from '../source/source.provenance';
import { Partnership } from './partnership.entity';
import { PartnershipConnection, PartnershipListArgs, partnershipWhere } from './partnership.inputs';

@Resolver(() => Partnership)
export class PartnershipResolver extends provenanceResolverFor(Partnership) {
  @Query(() => PartnershipConnection, {
    description: 'Partnerships with the association: partners, sponsors and conference co-organisers.',
  })
  partnerships(
    @Args(() => PartnershipListArgs) args: InstanceType<typeof PartnershipListArgs>,
    @Ctx() ctx: RequestContext,
  ) {
    return rootConnection(
      ctx,
      PartnershipConnection,
      Partnership,
      partnershipWhere(args.filter),
      orderSpec(args.orderBy, BY_CREATION),
      args,
    );
  }

  @FieldResolver(() => Organisation, { description: 'The partner.' })
  organisation(@Root() partnership: Partnership, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Organisation, partnership.organisation);
  }

  @FieldResolver(() => Conference, {
    nullable: true,
    description: 'The conference the partnership concerns, if it concerns one.',
  })
  conference(@Root() partnership: Partnership, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(Conference, partnership.conference);
  }
}
