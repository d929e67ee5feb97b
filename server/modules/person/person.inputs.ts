import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { IntFilter, StringFilter, intConditions, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { topicThemeSlugConditions } from '../theme/theme.inputs';
import { AssociationRole, Person, Talk } from './person.entity';

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
export const TalkConnection = connectionTypeFor(Talk);
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
