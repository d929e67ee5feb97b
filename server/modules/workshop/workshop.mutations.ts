import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, type Editor } from '../access/editing';
import { BadUserInputError } from '../../common/errors';
import { inputArgsFor } from '../../common/input-args';
import { IsSlug } from '../../common/slug';
import { EVENT_YEARS, OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { City } from '../city/city.entity';
import { TopicKind } from '../theme/theme.entity';
import { replaceTopics, type TopicWording } from '../theme/theme.service';
import { Workshop } from './workshop.entity';

@InputType({ description: 'A topic of a workshop, under an existing theme.' })
class WorkshopTopicInput {
  @Field({ description: 'The topic as worded (1-500 characters).' })
  @Length(1, 500)
  wording!: string;

  @Field({ description: 'Slug of its theme, which must exist.' })
  @IsSlug()
  themeSlug!: string;
}

@InputType({ description: 'The fields of a workshop.' })
class WorkshopFields {
  @Field(() => String, { nullable: true, description: 'Description (at most 5000 characters).' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Date held, in the years 1982-2100.' })
  heldOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the host city, which must exist.' })
  @IsOptional()
  @IsSlug()
  hostCitySlug?: string | null;

  @Field(() => [WorkshopTopicInput], { nullable: true, description: 'Its topics (at most 20); on update, replaces them all.' })
  @IsOptional()
  @ArrayMaxSize(20)
  topics?: WorkshopTopicInput[] | null;
}

@InputType({ description: 'A new workshop with its topics.' })
class CreateWorkshopInput extends WorkshopFields {
  @Field({ description: 'Title (1-300 characters).' })
  @Length(1, 300)
  title!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug()
  slug!: string;
}

@InputType({ description: 'Changes to a workshop; fields left out stay as they are.' })
class UpdateWorkshopInput extends WorkshopFields {
  @Field(() => ID, { description: 'Global ID of the workshop.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Title.' })
  @OmittableNotNull()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug()
  slug?: string;
}

const CreateWorkshopInputArgs = inputArgsFor(CreateWorkshopInput, 'The workshop.');
const UpdateWorkshopInputArgs = inputArgsFor(UpdateWorkshopInput, 'The changes.');

/** A workshop is held in the years an MCE event can fall in, as a conference is. */
function checkHeldOn(heldOn: string | null | undefined): void {
  const year = heldOn == null ? undefined : Number(heldOn.slice(0, 4));
  if (year !== undefined && (year < EVENT_YEARS.first || year > EVENT_YEARS.last)) {
    throw new BadUserInputError(`heldOn must fall in the years ${EVENT_YEARS.first}-${EVENT_YEARS.last} (got ${heldOn}).`, ['input', 'heldOn']);
  }
}

async function hostCity(editor: Editor, slug: string | null | undefined) {
  if (slug == null) return slug;
  return editor.reference(City, { slug }, ['input', 'hostCitySlug'], `the slug "${slug}"`);
}

/** Its topics in the input's order, each a workshop topic. */
function topicWordings(topics: WorkshopTopicInput[]): TopicWording[] {
  return topics.map((topic) => ({ wording: topic.wording, kind: TopicKind.WORKSHOP_TOPIC, themeSlug: topic.themeSlug }));
}

@Resolver(() => Workshop)
export class WorkshopMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Workshop, { description: 'Adds a workshop with its topics, all or nothing.' })
  createWorkshop(@Args(() => CreateWorkshopInputArgs) { input }: { input: CreateWorkshopInput }, @Ctx() ctx: RequestContext) {
    checkHeldOn(input.heldOn);
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
  updateWorkshop(@Args(() => UpdateWorkshopInputArgs) { input }: { input: UpdateWorkshopInput }, @Ctx() ctx: RequestContext) {
    checkHeldOn(input.heldOn);
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
