import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { textLength } from '../../common/text-length';

export enum Role {
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an API key may do. Reads need no key.',
  valuesConfig: {
    EDITOR: { description: 'Create, update and delete records of the graph.' },
    ADMIN: { description: 'Everything an editor may do, and manage API keys and read the audit log.' },
  },
});

/** How long an API key's texts may be, for its columns, the inputs' validators and their descriptions. */
export const API_KEY_LENGTHS = { name: textLength(1, 100) } as const;

@ObjectType({
  implements: Node,
  description: 'An API key (its secret is shown once, at creation, and stored only as a hash).',
})
@Entity()
export class ApiKey extends BaseEntity {
  @Field({ description: 'A name saying whose key it is, e.g. "newsletter importer".' })
  @Property({ length: API_KEY_LENGTHS.name.max })
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  @Enum({ items: () => Role })
  role!: Role;

  /** The public part of the key, used to find it without scanning hashes. */
  @Field({ description: 'The first characters of the key, to recognise it in lists.' })
  @Property({ unique: true, length: 16 })
  prefix!: string;

  /** SHA-256 of the whole key: keys are long random strings, so a fast hash cannot be brute-forced. */
  @Property({ length: 64, hidden: true })
  hash!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the key was revoked; null while it is valid.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction', description: 'What a change did.' });

@ObjectType({
  implements: Node,
  description: 'One change to the graph: who made it, when, and the record before and after.',
})
@Entity()
@Index({ properties: ['entityType', 'entityId'] })
export class AuditEntry extends BaseEntity {
  @ManyToOne(() => ApiKey, { ref: true, index: true, deleteRule: 'restrict' })
  apiKey!: Ref<ApiKey>;

  @Field(() => AuditAction, { description: 'Create, update or delete.' })
  @Enum({ items: () => AuditAction })
  action!: AuditAction;

  @Field({ description: 'The type of the record changed, e.g. "Conference".' })
  @Property({ length: 50 })
  entityType!: string;

  @Property()
  entityId!: number;

  @Field(() => JSONResolver, { nullable: true, description: 'The record before the change; null for a creation.' })
  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Field(() => JSONResolver, { nullable: true, description: 'The record after the change; null for a deletion.' })
  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;
}
