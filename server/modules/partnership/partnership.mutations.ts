import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { deleteRecord, edit, updateRecord } from '../access/editing';
import { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from './partnership.entity';
import {
  PartnershipInput,
  PartnershipInputArgs,
  UpdatePartnershipInput,
  UpdatePartnershipInputArgs,
} from './partnership.inputs';

@Resolver(() => Partnership)
export class PartnershipMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Partnership, {
    description: 'Records a partnership (a partner, sponsor or conference co-organiser).',
  })
  createPartnership(
    @Args(() => PartnershipInputArgs) { input }: { input: PartnershipInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, async (editor) => {
      const organisation = await editor.find(Organisation, input.organisationId, ['input', 'organisationId']);
      const conference =
        input.conferenceYear == null
          ? null
          : await editor.reference(
              Conference,
              { year: input.conferenceYear },
              ['input', 'conferenceYear'],
              `the year ${input.conferenceYear}`,
            );
      return editor.create(Partnership, {
        organisation,
        kind: input.kind,
        conference,
        description: input.description ?? null,
      });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Partnership, { description: "Changes a partnership's kind or description." })
  updatePartnership(
    @Args(() => UpdatePartnershipInputArgs) { input }: { input: UpdatePartnershipInput },
    @Ctx() ctx: RequestContext,
  ) {
    return updateRecord(ctx, Partnership, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a partnership.' })
  deletePartnership(
    @Arg('id', () => ID, { description: 'Global ID of the partnership.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Partnership, id, version);
  }
}
