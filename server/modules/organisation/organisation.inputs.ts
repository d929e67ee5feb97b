import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import {
  IntFilter,
  StringFilter,
  enumConditions,
  enumFilterFor,
  intConditions,
  stringConditions,
  whereFrom,
} from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { currentMemberCondition } from './membership.rule';
import {
  Membership,
  MembershipStatus,
  Organisation,
  OrganisationKind,
  Partnership,
  PartnershipKind,
} from './organisation.entity';

export const OrganisationKindFilter = enumFilterFor(OrganisationKind, 'OrganisationKind');
export const MembershipStatusFilter = enumFilterFor(MembershipStatus, 'MembershipStatus');
export const PartnershipKindFilter = enumFilterFor(PartnershipKind, 'PartnershipKind');

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

  @Field(() => Boolean, { nullable: true, description: 'Only partners of any kind (true) or organisations that are not (false).' })
  isPartner?: boolean | null;
}

export const OrganisationOrderField = { NAME: 'name', SLUG: 'slug' } as const;
export const OrganisationOrder = orderInputFor('Organisation', OrganisationOrderField, {
  name: 'Name.',
  slug: 'Slug.',
});
export const OrganisationConnection = connectionTypeFor(Organisation);
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
export const MembershipConnection = connectionTypeFor(Membership);
export const MembershipListArgs = listArgsFor('Membership', MembershipFilter, MembershipOrder);

export function membershipWhere(filter: MembershipFilter | null | undefined) {
  return whereFrom([
    ['status', enumConditions(filter?.status)],
    ['organisation.country.code', stringConditions(filter?.countryCode)],
    ['organisation.kind', enumConditions(filter?.organisationKind)],
  ]);
}

@InputType({ description: 'Conditions on partnerships; all given conditions must hold.' })
export class PartnershipFilter {
  @Field(() => PartnershipKindFilter, { nullable: true, description: 'Kind of partnership.' })
  kind?: InstanceType<typeof PartnershipKindFilter> | null;

  @Field(() => IntFilter, { nullable: true, description: 'Year of the conference it concerns.' })
  conferenceYear?: IntFilter | null;
}

export const PartnershipOrderField = { CREATED: 'id' } as const;
export const PartnershipOrder = orderInputFor('Partnership', PartnershipOrderField, {
  id: 'Order in which the partnerships were recorded.',
});
export const PartnershipConnection = connectionTypeFor(Partnership);
export const PartnershipListArgs = listArgsFor('Partnership', PartnershipFilter, PartnershipOrder);

export function partnershipWhere(filter: PartnershipFilter | null | undefined) {
  return whereFrom([
    ['kind', enumConditions(filter?.kind)],
    ['conference.year', intConditions(filter?.conferenceYear)],
  ]);
}

