import type { EntityClass } from '@mikro-orm/core';
import { createUnionType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { decodeGlobalId, encodeGlobalId } from '../../common/global-id';
import { RecordKind, TYPE_NAME_OF_KIND } from '../../common/record-kind';
import { Association } from '../association/association.entity';
import { City } from '../city/city.entity';
import { Conference } from '../conference/conference.entity';
import { Country } from '../country/country.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Project } from '../project/project.entity';
import { Theme, Topic } from '../theme/theme.entity';
import { Workshop } from '../workshop/workshop.entity';

/** A record of the graph as the SQL names it: its kind and its row id. */
export interface RecordRef {
  kind: RecordKind;
  id: number;
}

/** The entity each kind's records are read as (for `GraphNode.record`, a path's nodes and steps). */
export const ENTITY_OF_KIND: Readonly<Record<RecordKind, EntityClass<{ id: number }>>> = {
  [RecordKind.ORGANISATION]: Organisation,
  [RecordKind.CITY]: City,
  [RecordKind.COUNTRY]: Country,
  [RecordKind.CONFERENCE]: Conference,
  [RecordKind.WORKSHOP]: Workshop,
  [RecordKind.THEME]: Theme,
  [RecordKind.TOPIC]: Topic,
  [RecordKind.PERSON]: Person,
  [RecordKind.PROJECT]: Project,
  [RecordKind.ASSOCIATION]: Association,
};

const KIND_OF_TYPE_NAME = new Map(
  Object.entries(TYPE_NAME_OF_KIND).map(([kind, typeName]) => [typeName, kind as RecordKind]),
);

export function globalIdOf(record: RecordRef): string {
  return encodeGlobalId(TYPE_NAME_OF_KIND[record.kind], record.id);
}

/**
 * The record a global id names, if it is of a kind in the graph; BAD_USER_INPUT (naming `argumentPath`) for an id
 * of any other type, such as an API key's or a membership's: those are never nodes.
 */
export function recordRefOf(globalId: string, argumentPath: ReadonlyArray<string | number>): RecordRef {
  const { typeName, id } = decodeGlobalId(globalId, argumentPath);
  const kind = KIND_OF_TYPE_NAME.get(typeName);
  if (!kind) {
    throw new BadUserInputError(
      `"${globalId}" is the id of a record of type ${typeName}, which is not in the relationship graph: give the id of one of ${Object.values(TYPE_NAME_OF_KIND).join(', ')}.`,
      argumentPath,
    );
  }
  return { kind, id };
}

/**
 * What a node of the graph or of a path is: a record of one of the graph's kinds, and by its type never anything
 * else (an API key or an audit entry is no member of it, whoever asks). Select shared fields with `... on Node { id }`.
 */
export const GraphRecord = createUnionType({
  name: 'GraphRecord',
  description:
    'A record of one of the kinds of the relationship graph (RecordKind), e.g. a City; never an API key or an audit entry. Its id: `... on Node { id }`.',
  types: () => Object.values(ENTITY_OF_KIND) as unknown as readonly [ClassType, ...ClassType[]],
  resolveType: (value: object) => value.constructor.name,
});
