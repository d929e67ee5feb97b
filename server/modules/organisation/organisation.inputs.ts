import { IsOptional } from '../../common/class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import { StringFilter, enumConditions, enumFilterFor, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsSlug } from '../../common/slug';
import { IsCountryCode, OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { currentMemberCondition, currentMemberSql } from './membership.rule';
import { City } from '../city/city.entity';
import { Country } from '../country/country.entity';
import {
  MEMBERSHIP_LENGTHS,
  ORGANISATION_LENGTHS,
  Membership,
  MembershipStatus,
  Organisation,
  OrganisationKind,
} from './organisation.entity';

export const OrganisationKindFilter = enumFilterFor(OrganisationKind, 'OrganisationKind');
export const MembershipStatusFilter = enumFilterFor(MembershipStatus, 'MembershipStatus');

@InputType({ description: 'Conditions on organisations; all given conditions must hold.' })
export class OrganisationFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Name.' })
  name?: StringFilter | null;

  @Field(() => OrganisationKindFilter, { nullable: true, description: 'Kind of body.' })
  kind?: InstanceType<typeof OrganisationKindFilter> | null;

  @Field(() => StringFilter, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country.' })
  countryCode?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Slug of the city.' })
  citySlug?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only members (true) or non-members (false).' })
  isMember?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only partners of any kind (true) or organisations that are not (false).',
  })
  isPartner?: boolean | null;
}

export const OrganisationOrderField = { NAME: 'name', SLUG: 'slug' } as const;
export const OrganisationOrder = orderInputFor('Organisation', OrganisationOrderField, {
  name: 'Name.',
  slug: 'Slug.',
});
/** The groups of `organisations { facets }`, one per field the filter above can narrow by. */
export const OrganisationFacets = facetsFor(
  Organisation,
  'Organisation',
  { list: 'organisations', countExample: '53 organisations' },
  [
    facet.enum(
      'kind',
      ['kind'],
      OrganisationKind,
      'OrganisationKind',
      'Organisations per kind of body, e.g. 39 CITY of 53.',
    ),
    facet.reference('country', ['country'], Country, 'Organisations per country, e.g. 13 in Italy.'),
    facet.reference('city', ['city'], City, 'Organisations per city, for those in one, e.g. 3 in Venice.'),
    facet.boolean(
      'isMember',
      ['membership', 'status'],
      currentMemberSql,
      'Current members (true) and the others (false), e.g. 48 true, 5 false.',
    ),
  ],
);
export const OrganisationConnection = connectionTypeFor(Organisation, undefined, { facets: OrganisationFacets });
export const OrganisationListArgs = listArgsFor('Organisation', OrganisationFilter, OrganisationOrder);

export function organisationWhere(filter: OrganisationFilter | null | undefined) {
  const extra = [];
  if (filter?.isMember != null) extra.push(currentMemberCondition(filter.isMember));
  if (filter?.isPartner != null) extra.push({ partnerships: filter.isPartner ? { $some: {} } : { $none: {} } });
  return whereFrom(
    [
      ['name', stringConditions(filter?.name)],
      ['kind', enumConditions(filter?.kind)],
      ['country.code', stringConditions(filter?.countryCode)],
      ['city.slug', stringConditions(filter?.citySlug)],
    ],
    extra,
  );
}

@InputType({ description: 'Conditions on memberships; all given conditions must hold.' })
export class MembershipFilter {
  @Field(() => MembershipStatusFilter, { nullable: true, description: 'Current or former.' })
  status?: InstanceType<typeof MembershipStatusFilter> | null;

  @Field(() => StringFilter, { nullable: true, description: "ISO 3166-1 alpha-2 code of the member's country." })
  countryCode?: StringFilter | null;

  @Field(() => OrganisationKindFilter, { nullable: true, description: "The member's kind of body." })
  organisationKind?: InstanceType<typeof OrganisationKindFilter> | null;
}

export const MembershipOrderField = { CREATED: 'id' } as const;
export const MembershipOrder = orderInputFor('Membership', MembershipOrderField, {
  id: 'Order in which the memberships were recorded (the member table order for seeded ones).',
});
/** The groups of `memberships { facets }`, one per field the filter above can narrow by. */
export const MembershipFacets = facetsFor(
  Membership,
  'Membership',
  { list: 'memberships', countExample: '48 memberships, all ACTIVE' },
  [
    facet.enum('status', ['status'], MembershipStatus, 'MembershipStatus', 'Memberships per status, e.g. 48 ACTIVE.'),
    facet.reference('country', ['organisation', 'country'], Country, "Memberships per member's country."),
    facet.enum(
      'organisationKind',
      ['organisation', 'kind'],
      OrganisationKind,
      'OrganisationKind',
      "Memberships per member's kind of body.",
    ),
  ],
);
export const MembershipConnection = connectionTypeFor(Membership, undefined, { facets: MembershipFacets });
export const MembershipListArgs = listArgsFor('Membership', MembershipFilter, MembershipOrder);

export function membershipWhere(filter: MembershipFilter | null | undefined) {
  return whereFrom([
    ['status', enumConditions(filter?.status)],
    ['organisation.country.code', stringConditions(filter?.countryCode)],
    ['organisation.kind', enumConditions(filter?.organisationKind)],
  ]);
}

@InputType({ description: 'A new organisation (member or not).' })
export class CreateOrganisationInput {
  @Field({ description: `Name (${characters(ORGANISATION_LENGTHS.name)}).` })
  @HasLength(ORGANISATION_LENGTHS.name)
  name!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug(ORGANISATION_LENGTHS.slug)
  slug!: string;

  @Field(() => OrganisationKind, { description: 'Kind of body.' })
  kind!: OrganisationKind;

  @Field({ description: 'ISO 3166-1 alpha-2 code of its country, which must exist.' })
  @IsCountryCode()
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'Slug of its city, which must exist and be in that country.' })
  @IsOptional()
  @IsSlug()
  citySlug?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Description (${characters(ORGANISATION_LENGTHS.description)}).`,
  })
  @IsOptional()
  @HasLength(ORGANISATION_LENGTHS.description)
  description?: string | null;
}

@InputType({ description: 'Changes to an organisation; fields left out stay as they are.' })
export class UpdateOrganisationInput extends updateInputOf('organisation') {
  @Field(() => String, { nullable: true, description: 'Name.' })
  @OmittableNotNull()
  @HasLength(ORGANISATION_LENGTHS.name)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug(ORGANISATION_LENGTHS.slug)
  slug?: string;

  @Field(() => OrganisationKind, { nullable: true, description: 'Kind of body.' })
  @OmittableNotNull()
  kind?: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of its country.' })
  @OmittableNotNull()
  @IsCountryCode()
  countryCode?: string;

  @Field(() => String, { nullable: true, description: 'Slug of its city; null for none.' })
  @IsOptional()
  @IsSlug()
  citySlug?: string | null;

  @Field(() => String, { nullable: true, description: 'Description; null removes it.' })
  @IsOptional()
  @HasLength(ORGANISATION_LENGTHS.description)
  description?: string | null;
}

@InputType({ description: "An organisation's membership of the association." })
export class MembershipInput {
  @Field(() => ID, { description: 'Global ID of the organisation.' })
  organisationId!: string;

  @Field(() => MembershipStatus, { defaultValue: MembershipStatus.ACTIVE, description: 'Current or former.' })
  status: MembershipStatus = MembershipStatus.ACTIVE;

  @Field(() => String, { nullable: true, description: 'How a member list writes it.' })
  @IsOptional()
  @HasLength(MEMBERSHIP_LENGTHS.listedAs)
  listedAs?: string | null;

  @Field(() => String, { nullable: true, description: 'A remark on the membership.' })
  @IsOptional()
  @HasLength(MEMBERSHIP_LENGTHS.note)
  note?: string | null;
}

@InputType({ description: 'Changes to a membership; fields left out stay as they are.' })
export class UpdateMembershipInput extends updateInputOf('membership') {
  @Field(() => MembershipStatus, { nullable: true, description: 'Current or former.' })
  @OmittableNotNull()
  status?: MembershipStatus;

  @Field(() => String, {
    nullable: true,
    description: `How a member list writes it (${characters(MEMBERSHIP_LENGTHS.listedAs)}); null removes it.`,
  })
  @IsOptional()
  @HasLength(MEMBERSHIP_LENGTHS.listedAs)
  listedAs?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `A remark (${characters(MEMBERSHIP_LENGTHS.note)}); null removes it.`,
  })
  @IsOptional()
  @HasLength(MEMBERSHIP_LENGTHS.note)
  note?: string | null;
}

export const CreateOrganisationInputArgs = inputArgsFor(CreateOrganisationInput, 'The organisation.');
export const MembershipInputArgs = inputArgsFor(MembershipInput, 'The membership.');
export const UpdateOrganisationInputArgs = inputArgsFor(UpdateOrganisationInput, 'The changes.');
export const UpdateMembershipInputArgs = inputArgsFor(UpdateMembershipInput, 'The changes.');
