import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { SLUG_LENGTH } from '../../common/slug';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Topic } from '../theme/theme.entity';

/** How long a person's texts may be, for its columns, the inputs' validators and their descriptions. */
export const PERSON_LENGTHS = { name: textLength(1, 200), slug: SLUG_LENGTH } as const;

@ObjectType({ implements: Node, description: 'A person: an office holder of the association or a speaker.' })
@Entity()
export class Person extends ProvenancedEntity {
  @Field({ description: 'Full name, e.g. "Giorgio Prister".' })
  @Property({ length: PERSON_LENGTHS.name.max })
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "giorgio-prister".' })
  @Property({ unique: true, length: PERSON_LENGTHS.slug.max })
  slug!: string;
}

/** How long an office's texts may be, for its columns, the inputs' validators and their descriptions. */
export const ASSOCIATION_ROLE_LENGTHS = { title: textLength(1, 100) } as const;

@ObjectType({ implements: Node, description: 'An office in the association and who holds it.' })
@Entity()
export class AssociationRole extends ProvenancedEntity {
  @Field({ description: 'Title of the office, e.g. "President".' })
  @Property({ length: ASSOCIATION_ROLE_LENGTHS.title.max })
  title!: string;

  @ManyToOne(() => Person, { ref: true, index: true, deleteRule: 'cascade' })
  person!: Ref<Person>;
}

/** How long a talk's texts may be, for its columns, the inputs' validators and their descriptions. */
export const TALK_LENGTHS = { title: textLength(1, 300) } as const;

@ObjectType({ implements: Node, description: 'A talk given by a speaker at a conference.' })
@Entity()
export class Talk extends ProvenancedEntity {
  @Field({ description: 'Title of the talk.' })
  @Property({ length: TALK_LENGTHS.title.max })
  title!: string;

  @ManyToOne(() => Conference, { ref: true, index: true, deleteRule: 'cascade' })
  conference!: Ref<Conference>;

  @ManyToOne(() => Person, { ref: true, index: true, deleteRule: 'restrict' })
  speaker!: Ref<Person>;

  @ManyToOne(() => Organisation, { ref: true, index: true, nullable: true, deleteRule: 'set null' })
  organisation?: Ref<Organisation> | null;

  @ManyToOne(() => Topic, { ref: true, index: true, nullable: true, deleteRule: 'set null' })
  topic?: Ref<Topic> | null;
}
