import { Collection, Entity, Enum, ManyToOne, OneToMany, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { SLUG_LENGTH } from '../../common/slug';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import { City } from '../city/city.entity';
import { Country } from '../country/country.entity';
import type { Partnership } from '../partnership/partnership.entity';

/** The database constraint that keeps an organisation's city in its country (see `Organisation.cityInCountry`). */
export const ORGANISATION_CITY_IN_COUNTRY = 'organisation_city_in_country_foreign';

export enum OrganisationKind {
  CITY = 'CITY',
  CITY_COUNCIL = 'CITY_COUNCIL',
  COUNTY = 'COUNTY',
  METROPOLITAN_AUTHORITY = 'METROPOLITAN_AUTHORITY',
  AGENCY = 'AGENCY',
  ASSOCIATION = 'ASSOCIATION',
  CONSORTIUM = 'CONSORTIUM',
  UNIVERSITY = 'UNIVERSITY',
  RESEARCH_CENTRE = 'RESEARCH_CENTRE',
  COMPANY = 'COMPANY',
}
registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What kind of body an organisation is.',
  valuesConfig: {
    CITY: { description: 'A city (its municipal administration).' },
    CITY_COUNCIL: { description: 'A city council, e.g. Cork City Council.' },
    COUNTY: { description: 'A county administration, e.g. Fingal County.' },
    METROPOLITAN_AUTHORITY: { description: 'A metropolitan authority, e.g. Grand Lyon.' },
    AGENCY: { description: 'A public agency, e.g. the LGMA.' },
    ASSOCIATION: { description: 'An association or institute of organisations, e.g. VITAKO.' },
    CONSORTIUM: { description: 'A consortium company, e.g. PIN Scrl.' },
    UNIVERSITY: { description: 'A university.' },
    RESEARCH_CENTRE: { description: 'A research centre, e.g. the Center for Technology in Government.' },
    COMPANY: { description: 'A company, e.g. a municipal IT provider.' },
  },
});

export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  FORMER = 'FORMER',
}
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'Whether a membership is current.',
  valuesConfig: {
    ACTIVE: { description: 'Listed as a member.' },
    FORMER: { description: 'No longer a member.' },
  },
});

/** How long an organisation's texts may be, for its columns, the inputs' validators and their descriptions. */
export const ORGANISATION_LENGTHS = {
  name: textLength(1, 200),
  slug: SLUG_LENGTH,
  description: textLength(0, 5000),
} as const;

@ObjectType({
  implements: Node,
  description: 'A body in the network: a member of any kind (city, council, university…), a partner, or both.',
})
@Entity()
export class Organisation extends ProvenancedEntity {
  @Field({ description: 'Name, e.g. "Cork City Council".' })
  @Property({ length: ORGANISATION_LENGTHS.name.max })
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "cork-city-council".' })
  @Property({ unique: true, length: ORGANISATION_LENGTHS.slug.max })
  slug!: string;

  @Field(() => OrganisationKind, { description: 'What kind of body it is.' })
  @Enum({ items: () => OrganisationKind })
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'What the sources say about it beyond its name.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @ManyToOne(() => Country, { ref: true, index: true, deleteRule: 'restrict' })
  country!: Ref<Country>;

  @ManyToOne(() => City, { ref: true, index: true, nullable: true, deleteRule: 'restrict' })
  city?: Ref<City> | null;

  /**
   * Not a field to read or write: it declares the composite foreign key (city_id, country_id) -> city (id,
   * country_id) that makes the database hold "an organisation's city is in its country", whichever write comes.
   * Its columns are `city`'s and `country`'s, and nothing sets it: writes go through those two.
   */
  @ManyToOne(() => City, {
    ref: true,
    nullable: true,
    joinColumns: ['city_id', 'country_id'],
    referencedColumnNames: ['id', 'country_id'],
    foreignKeyName: ORGANISATION_CITY_IN_COUNTRY,
    deleteRule: 'restrict',
    updateRule: 'no action',
    // Never selected on its own (lazy) nor serialised (hidden): reads and audit snapshots see `city` and `country` only.
    lazy: true,
    hidden: true,
  })
  cityInCountry?: Ref<City> | null;

  @OneToOne(() => Membership, (membership) => membership.organisation, { ref: true, nullable: true })
  membership?: Ref<Membership> | null;

  @OneToMany({ entity: 'Partnership', mappedBy: 'organisation' })
  partnerships = new Collection<Partnership>(this);
}

/** How long a membership's texts may be, for its columns, the inputs' validators and their descriptions. */
export const MEMBERSHIP_LENGTHS = { listedAs: textLength(1, 200), note: textLength(0, 2000) } as const;

@ObjectType({ implements: Node, description: "An organisation's membership of the association." })
@Entity()
export class Membership extends ProvenancedEntity {
  @OneToOne(() => Organisation, (organisation) => organisation.membership, {
    ref: true,
    owner: true,
    unique: true,
    deleteRule: 'cascade',
  })
  organisation!: Ref<Organisation>;

  @Field(() => MembershipStatus, { description: 'Whether the membership is current.' })
  @Enum({ items: () => MembershipStatus })
  status: MembershipStatus = MembershipStatus.ACTIVE;

  @Field(() => String, {
    nullable: true,
    description: 'The member as the member table writes it, e.g. "Firenze" or "PIN Scrl (Prato)".',
  })
  @Property({ type: 'string', length: MEMBERSHIP_LENGTHS.listedAs.max, nullable: true })
  listedAs?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The country cell of the member-table row the member is listed in, e.g. "CRO Croatia".',
  })
  @Property({ type: 'string', length: 200, nullable: true })
  listedUnder?: string | null;

  @Field(() => String, { nullable: true, description: 'A remark on how the sources list this member.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
