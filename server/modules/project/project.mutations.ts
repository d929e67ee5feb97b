import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, type Editor } from '../access/editing';
import { inputArgsFor } from '../../common/input-args';
import { IsSlug } from '../../common/slug';
import { OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Organisation } from '../organisation/organisation.entity';
import { ParticipationRole, Project, ProjectKind, ProjectParticipation } from './project.entity';

@InputType({ description: 'An organisation taking part in a project.' })
class ParticipantInput {
  @Field({ description: 'Slug of the organisation, which must exist.' })
  @IsSlug()
  organisationSlug!: string;

  @Field(() => ParticipationRole, { description: 'Organiser or participant.' })
  role!: ParticipationRole;
}

@InputType({ description: 'The fields of a project.' })
class ProjectFields {
  @Field(() => String, { nullable: true, description: "The association's own part, e.g. \"Co-organiser\"." })
  @IsOptional()
  @MaxLength(200)
  associationRole?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the event it was presented at, which must exist.' })
  @IsOptional()
  @IsSlug()
  presentedAtSlug?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: 'Participants (at most 50); on update, replaces them all.' })
  @IsOptional()
  @ArrayMaxSize(50)
  participants?: ParticipantInput[] | null;
}

@InputType({ description: 'A new project.' })
class CreateProjectInput extends ProjectFields {
  @Field({ description: 'Name (1-300 characters).' })
  @Length(1, 300)
  name!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug()
  slug!: string;

  @Field(() => ProjectKind, { description: 'EU project, event or other project.' })
  kind!: ProjectKind;

  @Field({ description: 'What it is (1-5000 characters).' })
  @Length(1, 5000)
  description!: string;
}

@InputType({ description: 'Changes to a project; fields left out stay as they are.' })
class UpdateProjectInput extends ProjectFields {
  @Field(() => ID, { description: 'Global ID of the project.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Name.' })
  @OmittableNotNull()
  @Length(1, 300)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug()
  slug?: string;

  @Field(() => ProjectKind, { nullable: true, description: 'Kind.' })
  @OmittableNotNull()
  kind?: ProjectKind;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @OmittableNotNull()
  @Length(1, 5000)
  description?: string;
}

const CreateProjectInputArgs = inputArgsFor(CreateProjectInput, 'The project.');
const UpdateProjectInputArgs = inputArgsFor(UpdateProjectInput, 'The changes.');

async function presentedAt(editor: Editor, slug: string | null | undefined) {
  if (slug == null) return slug;
  return editor.reference(Project, { slug }, ['input', 'presentedAtSlug'], `the slug "${slug}"`);
}

async function replaceParticipants(editor: Editor, project: Project, participants: ParticipantInput[]): Promise<void> {
  const organisations = await editor.referencesBySlug(
    Organisation,
    participants.map((participant) => participant.organisationSlug),
    (index) => ['input', 'participants', index, 'organisationSlug'],
  );
  await editor.replaceChildren(
    ProjectParticipation,
    { project },
    participants.map((participant, index) => ({ project, organisation: organisations[index], role: participant.role })),
  );
}

@Resolver(() => Project)
export class ProjectMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Project, { description: 'Adds a project with its participants, all or nothing.' })
  createProject(@Args(() => CreateProjectInputArgs) { input }: { input: CreateProjectInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const project = await editor.create(Project, {
        name: input.name,
        slug: input.slug,
        kind: input.kind,
        description: input.description,
        associationRole: input.associationRole ?? null,
        presentedAt: (await presentedAt(editor, input.presentedAtSlug)) ?? null,
      });
      await replaceParticipants(editor, project, input.participants ?? []);
      return project;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Project, { description: 'Changes a project; given participants replace its participants.' })
  updateProject(@Args(() => UpdateProjectInputArgs) { input }: { input: UpdateProjectInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const { id, version, participants, presentedAtSlug, ...changes } = input;
      const project = await editor.find(Project, id, ['input', 'id']);
      await editor.update(project, version, {
        ...changes,
        presentedAt: await presentedAt(editor, presentedAtSlug),
        ...(participants ? { updatedAt: new Date() } : {}),
      });
      if (participants) await replaceParticipants(editor, project, participants);
      return project;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a project with its participations (projects presented at it lose the link).' })
  deleteProject(
    @Arg('id', () => ID, { description: 'Global ID of the project.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Project, id, version);
  }
}
