import { Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { updateRecord } from '../access/editing';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Association } from './association.entity';
import { UpdateAssociationInput, UpdateAssociationInputArgs } from './association.inputs';

@Resolver(() => Association)
export class AssociationMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Association, {
    description: "Changes the association's description (its mission, objective, means…).",
  })
  updateAssociation(
    @Args(() => UpdateAssociationInputArgs) { input }: { input: UpdateAssociationInput },
    @Ctx() ctx: RequestContext,
  ) {
    return updateRecord(ctx, Association, input);
  }
}
