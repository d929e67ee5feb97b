import { registerEnumType } from 'type-graphql';

/**
 * The kinds of record an analyst meets in search hits, in the relationship graph and on paths: every public
 * record type with a name of its own. API keys and the audit log are not among them and never will be (they are
 * admins' alone, see access/access.guard.ts); a new kind is added here and to the GraphQL type it names.
 */
export enum RecordKind {
  ORGANISATION = 'ORGANISATION',
  CITY = 'CITY',
  COUNTRY = 'COUNTRY',
  CONFERENCE = 'CONFERENCE',
  WORKSHOP = 'WORKSHOP',
  THEME = 'THEME',
  TOPIC = 'TOPIC',
  PERSON = 'PERSON',
  PROJECT = 'PROJECT',
  /** The association itself: its partners, office holders and seat link to it. */
  ASSOCIATION = 'ASSOCIATION',
}

registerEnumType(RecordKind, {
  name: 'RecordKind',
  description: 'A kind of record in search hits, the relationship graph and paths.',
});

/** The GraphQL object type (and global-id prefix) of each kind. */
export const TYPE_NAME_OF_KIND: Readonly<Record<RecordKind, string>> = {
  [RecordKind.ORGANISATION]: 'Organisation',
  [RecordKind.CITY]: 'City',
  [RecordKind.COUNTRY]: 'Country',
  [RecordKind.CONFERENCE]: 'Conference',
  [RecordKind.WORKSHOP]: 'Workshop',
  [RecordKind.THEME]: 'Theme',
  [RecordKind.TOPIC]: 'Topic',
  [RecordKind.PERSON]: 'Person',
  [RecordKind.PROJECT]: 'Project',
  [RecordKind.ASSOCIATION]: 'Association',
};
