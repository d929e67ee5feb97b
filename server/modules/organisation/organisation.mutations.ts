import { IsOptional, Length, MaxLength } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { inputArgsFor } from '../../common/input-args';
import { IsSlug } from '../../common/slug';
import { deleteRecord, edit, updateRecord, type Editor } from '../access/editing';
import { IsCountryCode, OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { City } from '../city/city.entity';
import { Conference } from '../conference/conference.entity';
import { Country } from '../country/country.entity';
import { BadUserInputError } from '../../common/errors';
import { Membership, MembershipStatus, ORGANISATION_CITY_IN_COUNTRY, Organisation, OrganisationKind, Partnership, PartnershipKind } from './organisation.entity';


@InputType({ description: 'A new organisation (member or not).' })
class CreateOrganisationInput {
  @Field({ description: 'Name (1-200 characters).' })
  @Length(1, 200)
  name!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug()
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

  @Field(() => String, { nullable: true, description: 'Description (at most 5000 characters).' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;
}

@InputType({ description: 'Changes to an organisation; fields left out stay as they are.' })
class UpdateOrganisationInput {
  @Field(() => ID, { description: 'Global ID of the organisation.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Name.' })
  @OmittableNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug()
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
  @MaxLength(5000)
  description?: string | null;
}

@InputType({ description: "An organisation's membership of the association." })
class MembershipInput {
  @Field(() => ID, { description: 'Global ID of the organisation.' })
  organisationId!: string;

  @Field(() => MembershipStatus, { defaultValue: MembershipStatus.ACTIVE, description: 'Current or former.' })
  status: MembershipStatus = MembershipStatus.ACTIVE;

  @Field(() => String, { nullable: true, description: 'How a member list writes it.' })
  @IsOptional()
  @Length(1, 200)
  listedAs?: string | null;

  @Field(() => String, { nullable: true, description: 'A remark on the membership.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'A partnership with the association.' })
class PartnershipInput {
  @Field(() => ID, { description: 'Global ID of the organisation.' })
  organisationId!: string;

  @Field(() => PartnershipKind, { description: 'Kind of partnership.' })
  kind!: PartnershipKind;

  @Field(() => Int, { nullable: true, description: 'Year of the conference it concerns, which must exist.' })
  @IsOptional()
  conferenceYear?: number | null;

  @Field(() => String, { nullable: true, description: 'What it consists of (at most 2000 characters).' })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;
}

@InputType({ description: 'Changes to a membership; fields left out stay as they are.' })
class UpdateMembershipInput {
  @Field(() => ID, { description: 'Global ID of the membership.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => MembershipStatus, { nullable: true, description: 'Current or former.' })
  @OmittableNotNull()
  status?: MembershipStatus;

  @Field(() => String, { nullable: true, description: 'How a member list writes it (1-200 characters); null removes it.' })
  @IsOptional()
  @Length(1, 200)
  listedAs?: string | null;

  @Field(() => String, { nullable: true, description: 'A remark (at most 2000 characters); null removes it.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'Changes to a partnership; fields left out stay as they are.' })
class UpdatePartnershipInput {
  @Field(() => ID, { description: 'Global ID of the partnership.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => PartnershipKind, { nullable: true, description: 'Kind of partnership.' })
  @OmittableNotNull()
  kind?: PartnershipKind;

  @Field(() => String, { nullable: true, description: 'What it consists of (at most 2000 characters); null removes it.' })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;
}

/**
 * Country and city of an organisation. That the city is in the country is the database's rule (a foreign key
 * onto the city's id and country); its violation is answered as the city the country has no such slug for.
 */
async function place(editor: Editor, countryCode: string, citySlug: string | null | undefined) {
  const country = await editor.reference(Country, { code: countryCode }, ['input', 'countryCode'], `the code "${countryCode}"`);
  if (citySlug == null) return { country, city: citySlug };
  const cityInCountry = `the slug "${citySlug}" in ${country.name}`;
  editor.explainViolation(ORGANISATION_CITY_IN_COUNTRY, () => new BadUserInputError(`No City has ${cityInCountry}.`, ['input', 'citySlug']));
  const city = await editor.reference(City, { slug: citySlug }, ['input', 'citySlug'], cityInCountry);
  return { country, city };
}

const CreateOrganisationInputArgs = inputArgsFor(CreateOrganisationInput, 'The organisation.');
const MembershipInputArgs = inputArgsFor(MembershipInput, 'The membership.');
const PartnershipInputArgs = inputArgsFor(PartnershipInput, 'The partnership.');
const UpdateOrganisationInputArgs = inputArgsFor(UpdateOrganisationInput, 'The changes.');
const UpdateMembershipInputArgs = inputArgsFor(UpdateMembershipInput, 'The changes.');
const UpdatePartnershipInputArgs = inputArgsFor(UpdatePartnershipInput, 'The changes.');

@Resolver(() => Organisation)
export class OrganisationMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Organisation, { description: 'Adds an organisation.' })
  createOrganisation(@Args(() => CreateOrganisationInputArgs) { input }: { input: CreateOrganisationInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const { country, city } = await place(editor, input.countryCode, input.citySlug);
      return editor.create(Organisation, {
        name: input.name,
        slug: input.slug,
        kind: input.kind,
        description: input.description ?? null,
        country,
        city: city ?? null,
      });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Organisation, { description: 'Changes an organisation.' })
  updateOrganisation(@Args(() => UpdateOrganisationInputArgs) { input }: { input: UpdateOrganisationInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const { id, version, countryCode, citySlug, ...changes } = input;
      const organisation = await editor.find(Organisation, id, ['input', 'id']);
      if (countryCode === undefined && citySlug === undefined) return editor.update(organisation, version, changes);
      // Country and city are placed together: a change of one is checked against the other as it stays.
      const { country, city } = await editor.em.populate(organisation, ['country', 'city']);
      const placeChanges = await place(editor, countryCode ?? country.getEntity().code, citySlug === undefined ? city?.getEntity().slug : citySlug);
      return editor.update(organisation, version, { ...changes, ...placeChanges });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, {
    description:
      'Deletes an organisation with its membership, partnerships and project participations, and clears it from the talks that name it; refused (CONFLICT) while a conference names it as host.',
  })
  deleteOrganisation(
    @Arg('id', () => ID, { description: 'Global ID of the organisation.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Organisation, id, version);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Membership, { description: 'Makes an organisation a member (one membership per organisation: CONFLICT otherwise).' })
  createMembership(@Args(() => MembershipInputArgs) { input }: { input: MembershipInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const organisation = await editor.find(Organisation, input.organisationId, ['input', 'organisationId']);
      return editor.create(Membership, {
        organisation,
        status: input.status,
        listedAs: input.listedAs ?? null,
        listedUnder: null,
        note: input.note ?? null,
      });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Membership, { description: "Changes a membership's status (e.g. to FORMER, keeping its history), listing or note." })
  updateMembership(@Args(() => UpdateMembershipInputArgs) { input }: { input: UpdateMembershipInput }, @Ctx() ctx: RequestContext) {
    return updateRecord(ctx, Membership, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a membership recorded by mistake (to end one, set its status to FORMER instead).' })
  deleteMembership(
    @Arg('id', () => ID, { description: 'Global ID of the membership.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Membership, id, version);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Partnership, { description: 'Records a partnership (a partner, sponsor or conference co-organiser).' })
  createPartnership(@Args(() => PartnershipInputArgs) { input }: { input: PartnershipInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const organisation = await editor.find(Organisation, input.organisationId, ['input', 'organisationId']);
      const conference =
        input.conferenceYear == null
          ? null
          : await editor.reference(Conference, { year: input.conferenceYear }, ['input', 'conferenceYear'], `the year ${input.conferenceYear}`);
      return editor.create(Partnership, { organisation, kind: input.kind, conference, description: input.description ?? null });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Partnership, { description: "Changes a partnership's kind or description." })
  updatePartnership(@Args(() => UpdatePartnershipInputArgs) { input }: { input: UpdatePartnershipInput }, @Ctx() ctx: RequestContext) {
    return updateRecord(ctx, Partnership, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a partnership.' })
  deletePartnership(
    @Arg('id', () => ID, { description: 'Global ID of the partnership.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Partnership, id, version);
  }
}
