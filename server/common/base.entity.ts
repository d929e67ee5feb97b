import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { encodeGlobalId } from './global-id';

/**
 * Relay's Node interface. Every entity implements it, and its `id` is the opaque global id rather than the
 * database key, so that `node(id)` can resolve any object from its id alone.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique ID, which `node(id)` and `nodes(ids)` resolve.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Field(() => ID, { name: 'id', description: 'Globally unique, opaque identifier of this object.' })
  get globalId(): string {
    return encodeGlobalId(this.constructor.name, this.id);
  }
}

/** Properties every entity fills in itself, so that `em.create` does not ask for them. */
export type GeneratedProps = 'createdAt' | 'updatedAt' | 'version' | 'globalId';

/** Columns every table has. */
@ObjectType()
export abstract class BaseEntity extends Node {
  [OptionalProps]?: GeneratedProps;

  @Field(() => DateTimeResolver, { description: 'When this record was created.' })
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTimeResolver, { description: 'When this record was last changed.' })
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /**
   * Optimistic locking: every change increments it, and an update or delete must name the version it read,
   * so that two editors can never silently overwrite each other.
   */
  @Field(() => Int, { description: 'Version of this record; pass it back when updating or deleting it.' })
  @Property({ version: true, default: 1 })
  version!: number;
}
