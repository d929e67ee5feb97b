import { IsOptional } from '../../common/class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import { IntFilter, StringFilter, intConditions, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsSlug } from '../../common/slug';
import { IsEventYear, OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { Theme } from '../theme/theme.entity';
import { topicThemeSlugConditions } from '../theme/theme.inputs';
import { ASSOCIATION_ROLE_LENGTHS, PERSON_LENGTHS, TALK_LENGTHS, AssociationRole, Person, Talk } from './person.entity';

@InputType({ description: 'Conditions on people; all given conditions must hold.' })
export class PersonFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Full name.' })
  name?: StringFilter | null;
}

export const PersonOrderField = { NAME: 'name', SLUG: 'slug' } as const;
export const PersonOrder = orderInputFor('Person', PersonOrderField, { name: 'Full name.', slug: 'Slug.' });
export const PersonConnection = connectionTypeFor(Person);
export const PersonListArgs = listArgsFor('Person', PersonFilter, PersonOrder);

export function personWhere(filter: PersonFilter | null | undefined) {
  return whereFrom([['name', stringConditions(filter?.name)]]);
}

@InputType({ description: 'Conditions on offices of the association; all given conditions must hold.' })
export class AssociationRoleFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Title of the office.' })
  title?: StringFilter | null;
}

export const AssociationRoleOrderField = { TITLE: 'title' } as const;
export const AssociationRoleOrder = orderInputFor('AssociationRole', AssociationRoleOrderField, {
  title: 'Title of the office.',
});
export const AssociationRoleConnection = connectionTypeFor(AssociationRole);
export const AssociationRoleListArgs = listArgsFor('AssociationRole', AssociationRoleFilter, AssociationRoleOrder);

export function associationRoleWhere(filter: AssociationRoleFilter | null | undefined) {
  return whereFrom([['title', stringConditions(filter?.title)]]);
}

@InputType({ description: 'Conditions on talks; all given conditions must hold.' })
export class TalkFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Title.' })
  title?: StringFilter | null;

  @Field(() => IntFilter, { nullable: true, description: 'Year of the conference.' })
  conferenceYear?: IntFilter | null;

  @Field(() => StringFilter, { nullable: true, description: "Slug of the theme of the talk's topic." })
  themeSlug?: StringFilter | null;
}

export const TalkOrderField = { TITLE: 'title', CREATED: 'id' } as const;
export const TalkOrder = orderInputFor('Talk', TalkOrderField, { title: 'Title.', id: 'Order of recording.' });
/** The groups of `talks { facets }`, one per field the filter above can narrow by (the title is text). */
export const TalkFacets = facetsFor(Talk, 'Talk', { list: 'talks', countExample: 'no talks: the sources name none' }, [
  facet.int('conferenceYear', ['conference', 'year'], 'Talks per year of their conference.'),
  facet.reference('theme', ['topic', 'theme'], Theme, "Talks per theme of the talk's topic."),
]);
export const TalkConnection = connectionTypeFor(Talk, undefined, { facets: TalkFacets });
export const TalkListArgs = listArgsFor('Talk', TalkFilter, TalkOrder);

export function talkWhere(filter: TalkFilter | null | undefined) {
  return whereFrom(
    [
      ['title', stringConditions(filter?.title)],
      ['conference.year', intConditions(filter?.conferenceYear)],
    ],
    topicThemeSlugConditions(filter?.themeSlug).map((onTopic) => ({ topic: onTopic })),
  );
}

@InputType({ description: 'A new person.' })
export class CreatePersonInput {
  @Field({ description: `Full name (${characters(PERSON_LENGTHS.name)}).` })
  @HasLength(PERSON_LENGTHS.name)
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "giorgio-prister".' })
  @IsSlug(PERSON_LENGTHS.slug)
  slug!: string;
}

@InputType({ description: 'Changes to a person; fields left out stay as they are.' })
export class UpdatePersonInput extends updateInputOf('person') {
  @Field(() => String, { nullable: true, description: 'Full name.' })
  @OmittableNotNull()
  @HasLength(PERSON_LENGTHS.name)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug(PERSON_LENGTHS.slug)
  slug?: string;
}

@InputType({ description: 'An office of the association and who holds it.' })
export class AssociationRoleInput {
  @Field({ description: `Title of the office, e.g. "Vice-President" (${characters(ASSOCIATION_ROLE_LENGTHS.title)}).` })
  @HasLength(ASSOCIATION_ROLE_LENGTHS.title)
  title!: string;

  @Field({ description: 'Slug of the person, who must exist.' })
  @IsSlug()
  personSlug!: string;
}

@InputType({ description: 'A talk given at a conference.' })
export class CreateTalkInput {
  @Field({ description: `Title (${characters(TALK_LENGTHS.title)}).` })
  @HasLength(TALK_LENGTHS.title)
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

  @Field(() => ID, {
    nullable: true,
    description: 'Global ID of the conference topic it was given under (of that conference).',
  })
  topicId?: string | null;
}

@InputType({ description: 'Changes to a talk; fields left out stay as they are.' })
export class UpdateTalkInput extends updateInputOf('talk') {
  @Field(() => String, { nullable: true, description: 'Title.' })
  @OmittableNotNull()
  @HasLength(TALK_LENGTHS.title)
  title?: string;
}

export const CreatePersonInputArgs = inputArgsFor(CreatePersonInput, 'The person.');
export const UpdatePersonInputArgs = inputArgsFor(UpdatePersonInput, 'The changes.');
export const AssociationRoleInputArgs = inputArgsFor(AssociationRoleInput, 'The office and its holder.');
export const CreateTalkInputArgs = inputArgsFor(CreateTalkInput, 'The talk.');
export const UpdateTalkInputArgs = inputArgsFor(UpdateTalkInput, 'The changes.');
