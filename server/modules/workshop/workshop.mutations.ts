import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, type Editor } from '../access/editing';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { City } from '../city/city.entity';
import { TopicKind } from '../theme/theme.entity';
import { replaceTopics, type TopicWording } from '../theme/theme.service';
import { Workshop } from './workshop.entity';
import {
  CreateWorkshopInput,
  CreateWorkshopInputArgs,
  UpdateWorkshopInput,
  UpdateWorkshopInputArgs,
  WorkshopTopicInput,
} from './workshop.inputs';

async function hostCity(editor: Editor, slug: string | null | undefined) {
  if (slug == null) return slug;
  return editor.reference(City, { slug }, ['input', 'hostCitySlug'], `the slug "${slug}"`);
}

/** Its topics in the input's order, each a workshop topic. */
function topicWordings(topics: WorkshopTopicInput[]): TopicWording[] {
  return topics.map((topic) => ({
    wording: topic.wording,
    kind: TopicKind.WORKSHOP_TOPIC,
    themeSlug: topic.themeSlug,
  }));
}

@Resolver(() => Workshop)
export class WorkshopMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Workshop, { description: 'Adds a workshop with its topics, all or nothing.' })
  createWorkshop(
    @Args(() => CreateWorkshopInputArgs) { input }: { input: CreateWorkshopInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, async (editor) => {
      const workshop = await editor.create(Workshop, {
        title: input.title,
        slug: input.slug,
        description: input.description ?? null,
        heldOn: input.heldOn ?? null,
        hostCity: (await hostCity(editor, input.hostCitySlug)) ?? null,
      });
      await replaceTopics(editor, { workshop }, topicWordings(input.topics ?? []));
      return workshop;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Workshop, { description: 'Changes a workshop; given topics replace its topics.' })
  updateWorkshop(
    @Args(() => UpdateWorkshopInputArgs) { input }: { input: UpdateWorkshopInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, async (editor) => {
      const { id, version, topics, hostCitySlug, ...changes } = input;
      const workshop = await editor.find(Workshop, id, ['input', 'id']);
      await editor.update(workshop, version, {
        ...changes,
        hostCity: await hostCity(editor, hostCitySlug),
        ...(topics ? { updatedAt: new Date() } : {}),
      });
      if (topics) await replaceTopics(editor, { workshop }, topicWordings(topics));
      return workshop;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a workshop with its topics.' })
  deleteWorkshop(
    @Arg('id', () => ID, { description: 'Global ID of the workshop.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Workshop, id, version);
  }
}
