import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, updateRecord, type Editor } from '../access/editing';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { City } from '../city/city.entity';
import { Country } from '../country/country.entity';
import { BadUserInputError } from '../../common/errors';
import { Membership, ORGANISATION_CITY_IN_COUNTRY, Organisation } from './organisation.entity';
import {
  CreateOrganisationInput,
  CreateOrganisationInputArgs,
  MembershipInput,
  MembershipInputArgs,
  UpdateMembershipInput,
  UpdateMembershipInputArgs,
  UpdateOrganisationInput,
  UpdateOrganisationInputArgs,
} from './organisation.inputs';

/**
 * Country and city of an organisation. That the city is in the country is the database's rule (a foreign key
 * onto the city's id and country); its violation is answered as the city the country has no such slug for.
 */
async function place(editor: Editor, countryCode: string, citySlug: string | null | undefined) {
  const country = await editor.reference(
    Country,
    { code: countryCode },
    ['input', 'countryCode'],
    `the code "${countryCode}"`,
  );
  if (citySlug == null) return { country, city: citySlug };
  const cityInCountry = `the slug "${citySlug}" in ${country.name}`;
  editor.explainViolation(
    ORGANISATION_CITY_IN_COUNTRY,
    () => new BadUserInputError(`No City has ${cityInCountry}.`, ['input', 'citySlug']),
  );
  const city = await editor.reference(City, { slug: citySlug }, ['input', 'citySlug'], cityInCountry);
  return { country, city };
}

@Resolver(() => Organisation)
export class OrganisationMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Organisation, { description: 'Adds an organisation.' })
  createOrganisation(
    @Args(() => CreateOrganisationInputArgs) { input }: { input: CreateOrganisationInput },
    @Ctx() ctx: RequestContext,
  ) {
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
  updateOrganisation(
    @Args(() => UpdateOrganisationInputArgs) { input }: { input: UpdateOrganisationInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, async (editor) => {
      const { id, version, countryCode, citySlug, ...changes } = input;
      const organisation = await editor.find(Organisation, id, ['input', 'id']);
      if (countryCode === undefined && citySlug === undefined) return editor.update(organisation, version, changes);
      // Country and city are placed together: a change of one is checked against the other as it stays.
      const { country, city } = await editor.em.populate(organisation, ['country', 'city']);
      const placeChanges = await place(
        editor,
        countryCode ?? country.getEntity().code,
        citySlug === undefined ? city?.getEntity().slug : citySlug,
      );
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
  @Mutation(() => Membership, {
    description: 'Makes an organisation a member (one membership per organisation: CONFLICT otherwise).',
  })
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
  @Mutation(() => Membership, {
    description: "Changes a membership's status (e.g. to FORMER, keeping its history), listing or note.",
  })
  updateMembership(
    @Args(() => UpdateMembershipInputArgs) { input }: { input: UpdateMembershipInput },
    @Ctx() ctx: RequestContext,
  ) {
    return updateRecord(ctx, Membership, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, {
    description: 'Deletes a membership recorded by mistake (to end one, set its status to FORMER instead).',
  })
  deleteMembership(
    @Arg('id', () => ID, { description: 'Global ID of the membership.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Membership, id, version);
  }
}
