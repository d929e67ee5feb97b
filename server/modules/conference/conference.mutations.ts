import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { inputArgsFor } from '../../common/input-args';
import { IsSlug } from '../../common/slug';
import { deleteRecord, edit, type Editor } from '../access/editing';
import { BadUserInputError } from '../../common/errors';
import { IsEventYear, OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { City } from '../city/city.entity';
import { Organisation } from '../organisation/organisation.entity';
import { TopicKind } from '../theme/theme.entity';
import { replaceTopics, type TopicWording } from '../theme/theme.service';
import { Conference, ConferenceFormat, ConferenceStatus } from './conference.entity';


@InputType({ description: 'Attendance figures, as precise as known.' })
class AttendanceInput {
  @Field(() => Int, { nullable: true, description: 'Number of attendees (0-100000).' })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  participants?: number | null;

  @Field({ defaultValue: false, description: 'Whether the number is approximate.' })
  approximate: boolean = false;

  @Field(() => String, { nullable: true, description: "The source's words for the figure." })
  @IsOptional()
  @MaxLength(200)
  wording?: string | null;

  @Field(() => Int, { nullable: true, description: 'Countries represented (0-250).' })
  @IsOptional()
  @Min(0)
  @Max(250)
  countriesRepresented?: number | null;

  @Field(() => Int, { nullable: true, description: 'Cities represented (0-10000).' })
  @IsOptional()
  @Min(0)
  @Max(10_000)
  citiesRepresented?: number | null;

  @Field(() => String, { nullable: true, description: 'Where attendees came from.' })
  @IsOptional()
  @MaxLength(300)
  origin?: string | null;
}

@InputType({ description: 'A topic of a conference, in its original wording, under an existing theme.' })
class TopicInput {
  @Field({ description: 'The topic as worded (1-500 characters).' })
  @Length(1, 500)
  wording!: string;

  @Field(() => String, { nullable: true, description: 'Explanation given with it.' })
  @IsOptional()
  @MaxLength(5000)
  details?: string | null;

  @Field(() => TopicKind, { defaultValue: TopicKind.KEY_TOPIC, description: 'Key topic or session topic.' })
  kind: TopicKind = TopicKind.KEY_TOPIC;

  @Field({ description: 'Slug of its theme, which must exist.' })
  @IsSlug()
  themeSlug!: string;
}

@InputType({ description: 'The fields of a conference.' })
class ConferenceFields {
  @Field(() => String, { nullable: true, description: 'Motto or overarching theme (at most 300 characters).' })
  @IsOptional()
  @MaxLength(300)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Description (at most 10000 characters).' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the host city, which must exist; null for none (virtual).' })
  @IsOptional()
  @IsSlug()
  hostCitySlug?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the host organisation, which must exist.' })
  @IsOptional()
  @IsSlug()
  hostOrganisationSlug?: string | null;

  @Field(() => String, { nullable: true, description: 'Venue.' })
  @IsOptional()
  @MaxLength(200)
  venue?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day; in the conference year.' })
  startDate?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day; in the conference year, not before the first.' })
  endDate?: string | null;

  @Field(() => [String], { nullable: true, description: 'Languages (at most 10, each at most 50 characters).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @Length(1, 50, { each: true })
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Languages of simultaneous translation.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @Length(1, 50, { each: true })
  translationLanguages?: string[] | null;

  @Field(() => AttendanceInput, { nullable: true, description: 'Attendance.' })
  @IsOptional()
  attendance?: AttendanceInput | null;

  @Field(() => [TopicInput], { nullable: true, description: 'Its topics in order (at most 50); on update, replaces them all.' })
  @IsOptional()
  @ArrayMaxSize(50)
  topics?: TopicInput[] | null;
}

@InputType({ description: 'A new conference with its topics, created in one transaction.' })
class CreateConferenceInput extends ConferenceFields {
  @Field(() => Int, { description: 'Year (1982-2100); one conference per year.' })
  @IsEventYear()
  year!: number;

  @Field(() => ConferenceStatus, { description: 'Held or planned.' })
  status!: ConferenceStatus;

  @Field(() => ConferenceFormat, { description: 'In person or virtual.' })
  format!: ConferenceFormat;
}

@InputType({ description: 'Changes to a conference; fields left out stay as they are.' })
class UpdateConferenceInput extends ConferenceFields {
  @Field(() => ID, { description: 'Global ID of the conference.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => ConferenceStatus, { nullable: true, description: 'Held or planned.' })
  @OmittableNotNull()
  status?: ConferenceStatus;

  @Field(() => ConferenceFormat, { nullable: true, description: 'In person or virtual.' })
  @OmittableNotNull()
  format?: ConferenceFormat;
}

/** Turns the input's references and dates into column values, checking each; `undefined` means "unchanged". */
async function columns(editor: Editor, input: ConferenceFields, year: number, current?: Conference) {
  const startDate = input.startDate === undefined ? current?.startDate : input.startDate;
  const endDate = input.endDate === undefined ? current?.endDate : input.endDate;
  if (startDate && !startDate.startsWith(`${year}-`)) {
    throw new BadUserInputError(`startDate must fall in the conference year ${year}.`, ['input', 'startDate']);
  }
  if (endDate && !endDate.startsWith(`${year}-`)) {
    throw new BadUserInputError(`endDate must fall in the conference year ${year}.`, ['input', 'endDate']);
  }
  if (startDate && endDate && endDate < startDate) {
    // Name the date the client sent: a new start after the recorded end is the start's fault.
    const field = input.endDate === undefined ? 'startDate' : 'endDate';
    throw new BadUserInputError('endDate must not be before startDate.', ['input', field]);
  }
  const { topics: _topics, hostCitySlug, hostOrganisationSlug, attendance, languages, translationLanguages, ...plain } = input;
  return {
    ...plain,
    // Lists are never null in the database: null clears them.
    languages: languages === null ? [] : languages,
    translationLanguages: translationLanguages === null ? [] : translationLanguages,
    hostCity:
      hostCitySlug == null
        ? hostCitySlug
        : await editor.reference(City, { slug: hostCitySlug }, ['input', 'hostCitySlug'], `the slug "${hostCitySlug}"`),
    hostOrganisation:
      hostOrganisationSlug == null
        ? hostOrganisationSlug
        : await editor.reference(Organisation, { slug: hostOrganisationSlug }, ['input', 'hostOrganisationSlug'], `the slug "${hostOrganisationSlug}"`),
    attendance: attendance === undefined ? undefined : { approximate: false, ...attendance },
  };
}

/** Its topics in the input's order; a topic given without details records that it has none. */
function topicWordings(topics: TopicInput[]): TopicWording[] {
  return topics.map((topic) => ({ wording: topic.wording, details: topic.details ?? null, kind: topic.kind, themeSlug: topic.themeSlug }));
}

const CreateConferenceInputArgs = inputArgsFor(CreateConferenceInput, 'The conference.');
const UpdateConferenceInputArgs = inputArgsFor(UpdateConferenceInput, 'The changes.');

@Resolver(() => Conference)
export class ConferenceMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Conference, { description: 'Announces a conference with its topics, all or nothing. One per year (CONFLICT otherwise).' })
  createConference(@Args(() => CreateConferenceInputArgs) { input }: { input: CreateConferenceInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const { year, status, format } = input;
      const conference = await editor.create(Conference, {
        ...(await columns(editor, input, year)),
        year,
        status,
        format,
      } as never);
      await replaceTopics(editor, { conference }, topicWordings(input.topics ?? []));
      return conference;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Conference, { description: 'Changes a conference; given topics replace its topics, all or nothing.' })
  updateConference(@Args(() => UpdateConferenceInputArgs) { input }: { input: UpdateConferenceInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const { id, version, ...fields } = input;
      const conference = await editor.find(Conference, id, ['input', 'id']);
      // Replacing the topics changes the conference too: touching it bumps its version.
      const touched = input.topics ? { updatedAt: new Date() } : {};
      await editor.update(conference, version, { ...(await columns(editor, fields, conference.year, conference)), ...touched } as never);
      if (input.topics) await replaceTopics(editor, { conference }, topicWordings(input.topics));
      return conference;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a conference with its topics, partnerships and talks.' })
  deleteConference(
    @Arg('id', () => ID, { description: 'Global ID of the conference.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Conference, id, version);
  }
}
