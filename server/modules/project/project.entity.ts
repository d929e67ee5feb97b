import { Entity, Enum, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { SLUG_LENGTH } from '../../common/slug';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import { Organisation } from '../organisation/organisation.entity';

export enum ProjectKind {
  EU_PROJECT = 'EU_PROJECT',
  EVENT = 'EVENT',
  PROJECT = 'PROJECT',
}
registerEnumType(ProjectKind, {
  name: 'ProjectKind',
  description: 'What kind of undertaking a project is.',
  valuesConfig: {
    EU_PROJECT: { description: 'A project under an EU programme, e.g. FUPOL.' },
    EVENT: { description: 'A one-off event, e.g. the European Local Government Conference on ICT.' },
    PROJECT: { description: 'Any other project, e.g. the Smart Cities Project.' },
  },
});

export enum ParticipationRole {
  ORGANISER = 'ORGANISER',
  PARTICIPANT = 'PARTICIPANT',
}
registerEnumType(ParticipationRole, {
  name: 'ParticipationRole',
  description: "An organisation's part in a project.",
  valuesConfig: {
    ORGANISER: { description: 'Organised it.' },
    PARTICIPANT: { description: 'Took part in it.' },
  },
});

/** How long a project's texts may be, for its columns, the inputs' validators and their descriptions. */
export const PROJECT_LENGTHS = {
  name: textLength(1, 300),
  slug: SLUG_LENGTH,
  description: textLength(1, 5000),
  associationRole: textLength(0, 200),
} as const;

@ObjectType({
  implements: Node,
  description: 'An EU programme project, event or other project the network takes part in.',
})
@Entity()
export class Project extends ProvenancedEntity {
  @Field({ description: 'Name, e.g. "FUPOL".' })
  @Property({ length: PROJECT_LENGTHS.name.max })
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "fupol".' })
  @Property({ unique: true, length: PROJECT_LENGTHS.slug.max })
  slug!: string;

  @Field(() => ProjectKind, { description: 'EU project, event or other project.' })
  @Enum({ items: () => ProjectKind })
  kind!: ProjectKind;

  @Field({ description: 'What it is and how the association is involved, as the sources say.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'The association\'s own part, e.g. "Co-organiser".' })
  @Property({ type: 'string', length: PROJECT_LENGTHS.associationRole.max, nullable: true })
  associationRole?: string | null;

  @ManyToOne(() => Project, { ref: true, index: true, nullable: true, deleteRule: 'set null' })
  presentedAt?: Ref<Project> | null;
}

@ObjectType({ implements: Node, description: 'An organisation taking part in a project.' })
@Entity()
@Unique({ properties: ['project', 'organisation'] })
export class ProjectParticipation extends ProvenancedEntity {
  @ManyToOne(() => Project, { ref: true, index: true, deleteRule: 'cascade' })
  project!: Ref<Project>;

  @ManyToOne(() => Organisation, { ref: true, index: true, deleteRule: 'cascade' })
  organisation!: Ref<Organisation>;

  @Field(() => ParticipationRole, { description: 'Organiser or participant.' })
  @Enum({ items: () => ParticipationRole })
  role!: ParticipationRole;
}
