import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { textLength } from '../../common/text-length';
import type { Conference } from '../conference/conference.entity';
import { Organisation } from '../organisation/organisation.entity';
import { ProvenancedEntity } from '../source/source.provenance';

export enum PartnershipKind {
  COLLABORATION_PARTNER = 'COLLABORATION_PARTNER',
  ACADEMIC_PARTNER = 'ACADEMIC_PARTNER',
  SPONSOR = 'SPONSOR',
  CONFERENCE_CO_ORGANISER = 'CONFERENCE_CO_ORGANISER',
  CONFERENCE_VENUE = 'CONFERENCE_VENUE',
}
registerEnumType(PartnershipKind, {
  name: 'PartnershipKind',
  description: 'How an organisation works with the association.',
  valuesConfig: {
    COLLABORATION_PARTNER: { description: 'A partnership established with the association.' },
    ACADEMIC_PARTNER: { description: 'A university or research body partnering to bring in its research.' },
    SPONSOR: { description: "A company supporting the association's initiatives." },
    CONFERENCE_CO_ORGANISER: { description: 'Organised one annual conference with the association.' },
    CONFERENCE_VENUE: { description: 'Hosted one annual conference on its premises.' },
  },
});

/** How long a partnership's texts may be, for its columns, the inputs' validators and their descriptions. */
export const PARTNERSHIP_LENGTHS = { description: textLength(0, 2000) } as const;

@ObjectType({ implements: Node, description: 'A way an organisation works with the association.' })
@Entity()
export class Partnership extends ProvenancedEntity {
  @ManyToOne(() => Organisation, { ref: true, index: true, deleteRule: 'cascade' })
  organisation!: Ref<Organisation>;

  @Field(() => PartnershipKind, { description: 'The kind of partnership.' })
  @Enum({ items: () => PartnershipKind })
  kind!: PartnershipKind;

  @ManyToOne({ entity: 'Conference', ref: true, index: true, nullable: true, deleteRule: 'cascade' })
  conference?: Ref<Conference> | null;

  @Field(() => String, { nullable: true, description: 'What the partnership consists of, as the sources say.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;
}
