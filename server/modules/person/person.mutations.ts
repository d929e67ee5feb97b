import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, updateRecord } from '../access/editing';
import { BadUserInputError } from '../../common/errors';

import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Topic } from '../theme/theme.entity';
import { AssociationRole, Person, Talk } from './person.entity';
import {
  AssociationRoleInput,
  AssociationRoleInputArgs,
  CreatePersonInput,
  CreatePersonInputArgs,
  CreateTalkInput,
  CreateTalkInputArgs,
  UpdatePersonInput,
  UpdatePersonInputArgs,
  UpdateTalkInput,
  UpdateTalkInputArgs,
} from './person.inputs';

@Resolver(() => Person)
export class PersonMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Person, { description: 'Adds a person (an office holder or speaker).' })
  createPerson(@Args(() => CreatePersonInputArgs) { input }: { input: CreatePersonInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, (editor) => editor.create(Person, input));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Person, { description: 'Changes a person.' })
  updatePerson(@Args(() => UpdatePersonInputArgs) { input }: { input: UpdatePersonInput }, @Ctx() ctx: RequestContext) {
    return updateRecord(ctx, Person, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a person with their offices; refused (CONFLICT) while they have talks.' })
  deletePerson(
    @Arg('id', () => ID, { description: 'Global ID of the person.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Person, id, version);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AssociationRole, { description: 'Records that a person holds an office of the association.' })
  createAssociationRole(
    @Args(() => AssociationRoleInputArgs) { input }: { input: AssociationRoleInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, async (editor) => {
      const person = await editor.reference(
        Person,
        { slug: input.personSlug },
        ['input', 'personSlug'],
        `the slug "${input.personSlug}"`,
      );
      return editor.create(AssociationRole, { title: input.title, person });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Ends an office holding (deletes the role).' })
  deleteAssociationRole(
    @Arg('id', () => ID, { description: 'Global ID of the role.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, AssociationRole, id, version);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Talk, { description: 'Records a talk at a conference.' })
  createTalk(@Args(() => CreateTalkInputArgs) { input }: { input: CreateTalkInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const conference = await editor.reference(
        Conference,
        { year: input.conferenceYear },
        ['input', 'conferenceYear'],
        `the year ${input.conferenceYear}`,
      );
      const speaker = await editor.reference(
        Person,
        { slug: input.speakerSlug },
        ['input', 'speakerSlug'],
        `the slug "${input.speakerSlug}"`,
      );
      const organisation =
        input.organisationSlug == null
          ? null
          : await editor.reference(
              Organisation,
              { slug: input.organisationSlug },
              ['input', 'organisationSlug'],
              `the slug "${input.organisationSlug}"`,
            );
      const topic = input.topicId == null ? null : await editor.find(Topic, input.topicId, ['input', 'topicId']);
      if (topic && topic.conference?.id !== conference.id) {
        throw new BadUserInputError(`That topic is not one of the ${conference.year} conference's.`, [
          'input',
          'topicId',
        ]);
      }
      return editor.create(Talk, { title: input.title, conference, speaker, organisation, topic });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Talk, { description: 'Changes a talk.' })
  updateTalk(@Args(() => UpdateTalkInputArgs) { input }: { input: UpdateTalkInput }, @Ctx() ctx: RequestContext) {
    return updateRecord(ctx, Talk, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a talk.' })
  deleteTalk(
    @Arg('id', () => ID, { description: 'Global ID of the talk.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Talk, id, version);
  }
}
