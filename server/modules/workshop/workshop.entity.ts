import { Collection, Entity, ManyToOne, OneToMany, Property, type Ref } from '@mikro-orm/core';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { SLUG_LENGTH } from '../../common/slug';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import { City } from '../city/city.entity';
import type { Topic } from '../theme/theme.entity';

/** How long a workshop's texts may be, for its columns, the inputs' validators and their descriptions. */
export const WORKSHOP_LENGTHS = {
  title: textLength(1, 300),
  slug: SLUG_LENGTH,
  description: textLength(0, 5000),
} as const;

@ObjectType({
  implements: Node,
  description: 'A workshop run by member cities, usually lasting one day, on one topic of interest.',
})
@Entity()
export class Workshop extends ProvenancedEntity {
  @Field({ description: 'Title of the workshop (its topic as listed), e.g. "Open Data".' })
  @Property({ length: WORKSHOP_LENGTHS.title.max })
  title!: string;

  @Field({ description: 'URL-safe unique key, e.g. "open-data".' })
  @Property({ unique: true, length: WORKSHOP_LENGTHS.slug.max })
  slug!: string;

  @Field(() => String, { nullable: true, description: 'What the workshop covered.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Date held, when known.' })
  @Property({ type: 'date', nullable: true })
  heldOn?: string | null;

  @ManyToOne(() => City, { ref: true, index: true, nullable: true, deleteRule: 'restrict' })
  hostCity?: Ref<City> | null;

  @OneToMany({ entity: 'Topic', mappedBy: 'workshop' })
  topics = new Collection<Topic>(this);
}
