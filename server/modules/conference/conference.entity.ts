import {
  Collection,
  Embeddable,
  Embedded,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import { City } from '../city/city.entity';
import { Organisation } from '../organisation/organisation.entity';
import type { Topic } from '../theme/theme.entity';

export enum ConferenceStatus {
  HELD = 'HELD',
  PLANNED = 'PLANNED',
}
registerEnumType(ConferenceStatus, {
  name: 'ConferenceStatus',
  description: 'Whether a conference has taken place, according to the sources.',
  valuesConfig: {
    HELD: { description: 'The sources report it as having taken place.' },
    PLANNED: { description: 'The sources announce it but do not report it as held.' },
  },
});

export enum ConferenceFormat {
  IN_PERSON = 'IN_PERSON',
  VIRTUAL = 'VIRTUAL',
}
registerEnumType(ConferenceFormat, {
  name: 'ConferenceFormat',
  description: 'How delegates attend.',
  valuesConfig: {
    IN_PERSON: { description: 'Hosted in a city, attended in person.' },
    VIRTUAL: { description: 'Held online.' },
  },
});

/** How long an attendance's texts may be, for its columns, the inputs' validators and their descriptions. */
export const ATTENDANCE_LENGTHS = { wording: textLength(0, 200), origin: textLength(0, 300) } as const;

@ObjectType({ description: 'Who attended a conference, with figures exactly as precise as the sources give them.' })
@Embeddable()
export class Attendance {
  @Field(() => Int, { nullable: true, description: 'Number of attendees, e.g. 204 or (approximately) 300.' })
  @Property({ type: 'integer', nullable: true })
  participants?: number | null;

  @Field({ description: 'Whether `participants` is approximate ("about 300") rather than exact ("204").' })
  @Property({ default: false })
  approximate: boolean = false;

  @Field(() => String, {
    nullable: true,
    description: 'The words the source puts on the figure, e.g. "about 300 participants", "close to 200 delegates".',
  })
  @Property({ type: 'string', length: ATTENDANCE_LENGTHS.wording.max, nullable: true })
  wording?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of countries attendees came from.' })
  @Property({ type: 'integer', nullable: true })
  countriesRepresented?: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of cities attendees came from.' })
  @Property({ type: 'integer', nullable: true })
  citiesRepresented?: number | null;

  @Field(() => String, { nullable: true, description: "Where attendees came from, in the source's words." })
  @Property({ type: 'string', length: ATTENDANCE_LENGTHS.origin.max, nullable: true })
  origin?: string | null;
}

@ObjectType({ description: 'What was published for a conference; null means the sources do not say.' })
@Embeddable()
export class Publications {
  @Field(() => Boolean, { nullable: true, description: 'The programme was published.' })
  @Property({ type: 'boolean', nullable: true })
  programme?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The handouts were published.' })
  @Property({ type: 'boolean', nullable: true })
  handouts?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Videos were published.' })
  @Property({ type: 'boolean', nullable: true })
  videos?: boolean | null;
}

@ObjectType({ description: 'How to register for a conference; null means the sources do not say.' })
@Embeddable()
export class Registration {
  @Field(() => Boolean, { nullable: true, description: 'Registration is open.' })
  @Property({ type: 'boolean', nullable: true })
  open?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Registration is free of charge.' })
  @Property({ type: 'boolean', nullable: true })
  free?: boolean | null;
}

/**
 * How long a conference's texts may be, for its columns, the inputs' validators and their descriptions. `language` is
 * each of its languages and translation languages.
 */
export const CONFERENCE_LENGTHS = {
  title: textLength(0, 300),
  description: textLength(0, 10_000),
  venue: textLength(0, 200),
  language: textLength(1, 50),
} as const;

@ObjectType({ implements: Node, description: "One of the association's annual conferences." })
@Entity()
export class Conference extends ProvenancedEntity {
  @Field(() => Int, { description: 'The year; there is one annual conference per year.' })
  @Property({ unique: true })
  year!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Motto or overarching theme in its original wording, e.g. "City Renaissance in the Digital Age".',
  })
  @Property({ type: 'string', length: CONFERENCE_LENGTHS.title.max, nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What the sources say about the conference beyond its facts.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @ManyToOne(() => City, { ref: true, index: true, nullable: true, deleteRule: 'restrict' })
  hostCity?: Ref<City> | null;

  @ManyToOne(() => Organisation, { ref: true, index: true, nullable: true, deleteRule: 'restrict' })
  hostOrganisation?: Ref<Organisation> | null;

  @Field(() => String, { nullable: true, description: 'Venue, e.g. "Kongresshalle".' })
  @Property({ type: 'string', length: CONFERENCE_LENGTHS.venue.max, nullable: true })
  venue?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day (ISO 8601 date).' })
  @Property({ type: 'date', nullable: true })
  startDate?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day (ISO 8601 date).' })
  @Property({ type: 'date', nullable: true })
  endDate?: string | null;

  @Field(() => ConferenceStatus, { description: 'Held or planned, according to the sources.' })
  @Enum({ items: () => ConferenceStatus })
  status!: ConferenceStatus;

  @Field(() => ConferenceFormat, { description: 'In person or virtual.' })
  @Enum({ items: () => ConferenceFormat })
  format!: ConferenceFormat;

  @Field(() => Attendance, { description: 'Attendance figures.' })
  @Embedded(() => Attendance, { prefix: 'attendance_' })
  attendance: Attendance = new Attendance();

  @Field(() => [String], { description: 'Languages the conference is held in, e.g. ["English"].' })
  @Property({ type: 'text[]', default: '{}' })
  languages: string[] = [];

  @Field(() => [String], { description: 'Languages offered by simultaneous translation, e.g. ["Greek"].' })
  @Property({ type: 'text[]', default: '{}' })
  translationLanguages: string[] = [];

  @Field(() => Registration, { description: 'Registration details.' })
  @Embedded(() => Registration, { prefix: 'registration_' })
  registration: Registration = new Registration();

  @Field(() => Publications, { description: 'What was published afterwards.' })
  @Embedded(() => Publications, { prefix: 'published_' })
  publications: Publications = new Publications();

  @OneToMany({ entity: 'Topic', mappedBy: 'conference' })
  topics = new Collection<Topic>(this);
}
