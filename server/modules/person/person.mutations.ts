import { IsOptional, Length } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, updateRecord } from '../access/editing';
import { BadUserInputError } from '../../common/errors';
import { inputArgsFor } from '../../common/input-args';
import { IsSlug } from '../../common/slug';
import { IsEventYear, OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Topic } from '../theme/theme.entity';
import { AssociationRole, Person, Talk } from './person.entity';

@InputType({ description: 'A new person.' })
class CreatePersonInput {
  @Field({ description: 'Full name (1-200 characters).' })
  @Length(1, 200)
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "giorgio-prister".' })
  @IsSlug()
  slug!: string;
}

@InputType({ description: 'Changes to a person; fields left out stay as they are.' })
class UpdatePersonInput {
  @Field(() => ID, { description: 'Global ID of the person.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Full name.' })
  @OmittableNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug()
  slug?: string;
}

@InputType({ description: 'An office of the association and who holds it.' })
class AssociationRoleInput {
  @Field({ description: 'Title of the office, e.g. "Vice-President" (1-100 characters).' })
  @Length(1, 100)
  title!: string;

  @Field({ description: 'Slug of the person, who must exist.' })
  @IsSlug()
  personSlug!: string;
}

@InputType({ description: 'A talk given at a conference.' })
class CreateTalkInput {
  @Field({ description: 'Title (1-300 characters).' })
  @Length(1, 300)
  title!: string;

  @Field(() => Int, { description: 'Year of the conference, which must exist.' })
  @IsEventYear()
  conferenceYear!: number;

  @Field({ description: 'Slug of the speaker, who must exist.' })
  @IsSlug()
  speakerSlug!: string;

  @Field(() => String, { nullable: true, description: 'Slug of the organisation spoken for, which must exist.' })
  @IsOptional()
  @IsSlug()
  organisationSlug?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global ID of the conference topic it was given under (of that conference).' })
  topicId?: string | null;
}

@InputType({ description: 'Changes to a talk; fields left out stay as they are.' })
class UpdateTalkInput {
  @Field(() => ID, { description: 'Global ID of the talk.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Title.' })
  @OmittableNotNull()
  @Length(1, 300)
  title?: string;
}

const CreatePersonInputArgs = inputArgsFor(CreatePersonInput, 'The person.');
const UpdatePersonInputArgs = inputArgsFor(UpdatePersonInput, 'The changes.');
const AssociationRoleInputArgs = inputArgsFor(AssociationRoleInput, 'The office and its holder.');
const CreateTalkInputArgs = inputArgsFor(CreateTalkInput, 'The talk.');
const UpdateTalkInputArgs = inputArgsFor(UpdateTalkInput, 'The changes.');

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
  createAssociationRole(@Args(() => AssociationRoleInputArgs) { input }: { input: AssociationRoleInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const person = await editor.reference(Person, { slug: input.personSlug }, ['input', 'personSlug'], `the slug "${input.personSlug}"`);
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
      const conference = await editor.reference(Conference, { year: input.conferenceYear }, ['input', 'conferenceYear'], `the year ${input.conferenceYear}`);
      const speaker = await editor.reference(Person, { slug: input.speakerSlug }, ['input', 'speakerSlug'], `the slug "${input.speakerSlug}"`);
      const organisation =
        input.organisationSlug == null
          ? null
          : await editor.reference(Organisation, { slug: input.organisationSlug }, ['input', 'organisationSlug'], `the slug "${input.organisationSlug}"`);
      const topic = input.topicId == null ? null : await editor.find(Topic, input.topicId, ['input', 'topicId']);
      if (topic && topic.conference?.id !== conference.id) {
        throw new BadUserInputError(`That topic is not one of the ${conference.year} conference's.`, ['input', 'topicId']);
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
