import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { ProvenancedEntity } from '../source/source.provenance';
import { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Topic } from '../theme/theme.entity';

@ObjectType({ implements: Node, description: 'A person: an office holder of the association or a speaker.' })
@Entity()
export class Person extends ProvenancedEntity {
  @Field({ description: 'Full name, e.g. "Giorgio Prister".' })
  @Property({ length: 200 })
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "giorgio-prister".' })
  @Property({ unique: true, length: 200 })
  slug!: string;
}

@ObjectType({ implements: Node, description: 'An office in the association and who holds it.' })
@Entity()
export class AssociationRole extends ProvenancedEntity {
  @Field({ description: 'Title of the office, e.g. "President".' })
  @Property({ length: 100 })
  title!: string;

  @ManyToOne(() => Person, { ref: true, index: true, deleteRule: 'cascade' })
  person!: Ref<Person>;
}

@ObjectType({ implements: Node, description: 'A talk given by a speaker at a conference.' })
@Entity()
export class Talk extends ProvenancedEntity {
  @Field({ description: 'Title of the talk.' })
  @Property({ length: 300 })
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
