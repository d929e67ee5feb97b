import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, type Editor } from '../access/editing';
import { BadUserInputError } from '../../common/errors';
import { yearOf } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { City } from '../city/city.entity';
import { Organisation } from '../organisation/organisation.entity';
import { replaceTopics, type TopicWording } from '../theme/theme.service';
import { Conference } from './conference.entity';
import {
  ConferenceFields,
  CreateConferenceInput,
  CreateConferenceInputArgs,
  TopicInput,
  UpdateConferenceInput,
  UpdateConferenceInputArgs,
} from './conference.inputs';

/**
 * A change's dates against the conference as recorded: they must fall in its year, and a date the change gives
 * must fit the recorded one it leaves. (What the input alone says, a new conference's dates in its `year` and a
 * last day not before the first given with it, the input's validators check.)
 */
function checkDatesAgainstRecord(input: ConferenceFields, conference: Conference): void {
  const { year } = conference;
  for (const field of ['startDate', 'endDate'] as const) {
    const date = input[field];
    if (date && yearOf(date) !== year)
      throw new BadUserInputError(`${field} must fall in the conference year ${year}.`, ['input', field]);
  }
  const startDate = input.startDate === undefined ? conference.startDate : input.startDate;
  const endDate = input.endDate === undefined ? conference.endDate : input.endDate;
  if (startDate && endDate && endDate < startDate) {
    // Name the date the client sent: a new start after the recorded end is the start's fault.
    const field = input.endDate === undefined ? 'startDate' : 'endDate';
    throw new BadUserInputError('endDate must not be before startDate.', ['input', field]);
  }
}

/** Turns the input's references into column values, checking each; `undefined` means "unchanged". */
async function columns(editor: Editor, input: ConferenceFields, current?: Conference) {
  if (current) checkDatesAgainstRecord(input, current);
  const {
    topics: _topics,
    hostCitySlug,
    hostOrganisationSlug,
    attendance,
    languages,
    translationLanguages,
    ...plain
  } = input;
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
        : await editor.reference(
            Organisation,
            { slug: hostOrganisationSlug },
            ['input', 'hostOrganisationSlug'],
            `the slug "${hostOrganisationSlug}"`,
          ),
    attendance: attendance === undefined ? undefined : { approximate: false, ...attendance },
  };
}

/** Its topics in the input's order; a topic given without details records that it has none. */
function topicWordings(topics: TopicInput[]): TopicWording[] {
  return topics.map((topic) => ({
    wording: topic.wording,
    details: topic.details ?? null,
    kind: topic.kind,
    themeSlug: topic.themeSlug,
  }));
}

@Resolver(() => Conference)
export class ConferenceMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Conference, {
    description: 'Announces a conference with its topics, all or nothing. One per year (CONFLICT otherwise).',
  })
  createConference(
    @Args(() => CreateConferenceInputArgs) { input }: { input: CreateConferenceInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, async (editor) => {
      const { year, status, format } = input;
      const conference = await editor.create(Conference, {
        ...(await columns(editor, input)),
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
  updateConference(
    @Args(() => UpdateConferenceInputArgs) { input }: { input: UpdateConferenceInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, async (editor) => {
      const { id, version, ...fields } = input;
      const conference = await editor.find(Conference, id, ['input', 'id']);
      // Replacing the topics changes the conference too: touching it bumps its version.
      const touched = input.topics ? { updatedAt: new Date() } : {};
      await editor.update(conference, version, { ...(await columns(editor, fields, conference)), ...touched } as never);
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
