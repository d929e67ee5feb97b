import { Check, Collection, Entity, Enum, ManyToOne, OneToMany, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import type { Conference } from '../conference/conference.entity';
import type { Workshop } from '../workshop/workshop.entity';

/** How long a theme's texts may be, for its columns, the inputs' validators and their descriptions. */
export const THEME_LENGTHS = {
  name: textLength(1, 100),
  slug: textLength(1, 100),
  description: textLength(1, 2000),
} as const;

@ObjectType({
  implements: Node,
  description:
    'A normalised theme grouping topics worded differently over the years, e.g. "Cyber Security" (2014), ' +
    '"Safety & Security" (2016) and "Cybersecurity" (2021) are one theme.',
})
@Entity()
export class Theme extends ProvenancedEntity {
  @Field({ description: 'Name of the theme, e.g. "Cybersecurity".' })
  @Property({ unique: true, length: THEME_LENGTHS.name.max })
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "cybersecurity".' })
  @Property({ unique: true, length: THEME_LENGTHS.slug.max })
  slug!: string;

  @Field({ description: 'What the theme covers.' })
  @Property({ type: 'text' })
  description!: string;

  @OneToMany({ entity: 'Topic', mappedBy: 'theme' })
  topics = new Collection<Topic>(this);
}

export enum TopicKind {
  KEY_TOPIC = 'KEY_TOPIC',
  SESSION_TOPIC = 'SESSION_TOPIC',
  WORKSHOP_TOPIC = 'WORKSHOP_TOPIC',
}
registerEnumType(TopicKind, {
  name: 'TopicKind',
  description: 'Where a topic was listed.',
  valuesConfig: {
    KEY_TOPIC: { description: "One of a conference's key topics." },
    SESSION_TOPIC: { description: "A topic of one of a conference's sessions." },
    WORKSHOP_TOPIC: { description: 'The topic of a workshop.' },
  },
});

/** How long a topic's texts may be, for its columns, the inputs' validators and their descriptions. */
export const TOPIC_LENGTHS = { wording: textLength(1, 500), details: textLength(0, 5000) } as const;

@ObjectType({
  implements: Node,
  description: 'A topic of a conference or workshop in its original wording, under a normalised theme.',
})
@Entity()
@Unique({ properties: ['conference', 'position'] })
@Unique({ properties: ['workshop', 'position'] })
@Check({ name: 'topic_has_one_owner', expression: '(conference_id is null) <> (workshop_id is null)' })
export class Topic extends ProvenancedEntity {
  @Field({ description: 'The topic exactly as the source words it.' })
  @Property({ length: TOPIC_LENGTHS.wording.max })
  wording!: string;

  @Field(() => String, { nullable: true, description: 'The explanation the source gives with the topic, if any.' })
  @Property({ type: 'text', nullable: true })
  details?: string | null;

  @Field(() => TopicKind, { description: 'Key topic, session topic or workshop topic.' })
  @Enum({ items: () => TopicKind })
  kind!: TopicKind;

  @Field(() => Int, { description: "Position in the source's list (1-based)." })
  @Property()
  position!: number;

  @ManyToOne(() => Theme, { ref: true, index: true, deleteRule: 'restrict' })
  theme!: Ref<Theme>;

  @ManyToOne({ entity: 'Conference', ref: true, nullable: true, deleteRule: 'cascade' })
  conference?: Ref<Conference> | null;

  @ManyToOne({ entity: 'Workshop', ref: true, nullable: true, deleteRule: 'cascade' })
  workshop?: Ref<Workshop> | null;
}
