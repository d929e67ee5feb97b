import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, type Editor } from '../access/editing';

import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Project, ProjectParticipation } from './project.entity';
import {
  CreateProjectInput,
  CreateProjectInputArgs,
  ParticipantInput,
  UpdateProjectInput,
  UpdateProjectInputArgs,
} from './project.inputs';

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
  createProject(
    @Args(() => CreateProjectInputArgs) { input }: { input: CreateProjectInput },
    @Ctx() ctx: RequestContext,
  ) {
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
  updateProject(
    @Args(() => UpdateProjectInputArgs) { input }: { input: UpdateProjectInput },
    @Ctx() ctx: RequestContext,
  ) {
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
  @Mutation(() => ID, {
    description: 'Deletes a project with its participations (projects presented at it lose the link).',
  })
  deleteProject(
    @Arg('id', () => ID, { description: 'Global ID of the project.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Project, id, version);
  }
}
