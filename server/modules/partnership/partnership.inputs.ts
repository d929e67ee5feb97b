import { IsOptional } from '../../common/class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import { IntFilter, enumConditions, enumFilterFor, intConditions, whereFrom } from '../../common/filters';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { PARTNERSHIP_LENGTHS, Partnership, PartnershipKind } from './partnership.entity';

export const PartnershipKindFilter = enumFilterFor(PartnershipKind, 'PartnershipKind');

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
/** The groups of `partnerships { facets }`, one per field the filter above can narrow by. */
export const PartnershipFacets = facetsFor(
  Partnership,
  'Partnership',
  { list: 'partnerships', countExample: '10 partnerships' },
  [
    facet.enum(
      'kind',
      ['kind'],
      PartnershipKind,
      'PartnershipKind',
      'Partnerships per kind, e.g. 5 CONFERENCE_CO_ORGANISER.',
    ),
    facet.int(
      'conferenceYear',
      ['conference', 'year'],
      'Partnerships per year of the conference they concern (the association-wide ones have none), e.g. 4 in 2019.',
    ),
  ],
);
export const PartnershipConnection = connectionTypeFor(Partnership, undefined, { facets: PartnershipFacets });
export const PartnershipListArgs = listArgsFor('Partnership', PartnershipFilter, PartnershipOrder);

export function partnershipWhere(filter: PartnershipFilter | null | undefined) {
  return whereFrom([
    ['kind', enumConditions(filter?.kind)],
    ['conference.year', intConditions(filter?.conferenceYear)],
  ]);
}

@InputType({ description: 'A partnership with the association.' })
export class PartnershipInput {
  @Field(() => ID, { description: 'Global ID of the organisation.' })
  organisationId!: string;

  @Field(() => PartnershipKind, { description: 'Kind of partnership.' })
  kind!: PartnershipKind;

  @Field(() => Int, { nullable: true, description: 'Year of the conference it concerns, which must exist.' })
  @IsOptional()
  conferenceYear?: number | null;

  @Field(() => String, {
    nullable: true,
    description: `What it consists of (${characters(PARTNERSHIP_LENGTHS.description)}).`,
  })
  @IsOptional()
  @HasLength(PARTNERSHIP_LENGTHS.description)
  description?: string | null;
}

@InputType({ description: 'Changes to a partnership; fields left out stay as they are.' })
export class UpdatePartnershipInput extends updateInputOf('partnership') {
  @Field(() => PartnershipKind, { nullable: true, description: 'Kind of partnership.' })
  @OmittableNotNull()
  kind?: PartnershipKind;

  @Field(() => String, {
    nullable: true,
    description: `What it consists of (${characters(PARTNERSHIP_LENGTHS.description)}); null removes it.`,
  })
  @IsOptional()
  @HasLength(PARTNERSHIP_LENGTHS.description)
  description?: string | null;
}

export const PartnershipInputArgs = inputArgsFor(PartnershipInput, 'The partnership.');
export const UpdatePartnershipInputArgs = inputArgsFor(UpdatePartnershipInput, 'The changes.');
