import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, type Editor } from '../access/editing';
import { ConflictError } from '../../common/errors';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Country } from '../country/country.entity';
import { ORGANISATION_CITY_IN_COUNTRY, Organisation } from '../organisation/organisation.entity';
import { City, CityAlias } from './city.entity';
import {
  CityAliasInput,
  CreateCityInput,
  CreateCityInputArgs,
  UpdateCityInput,
  UpdateCityInputArgs,
} from './city.inputs';

async function replaceAliases(editor: Editor, city: City, aliases: CityAliasInput[]): Promise<void> {
  await editor.replaceChildren(
    CityAlias,
    { city },
    aliases.map((alias) => ({ name: alias.name, language: alias.language ?? null, city })),
  );
}

@Resolver(() => City)
export class CityMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => City, { description: 'Adds a city with its other names, in one transaction.' })
  createCity(@Args(() => CreateCityInputArgs) { input }: { input: CreateCityInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const country = await editor.reference(
        Country,
        { code: input.countryCode },
        ['input', 'countryCode'],
        `the code "${input.countryCode}"`,
      );
      const city = await editor.create(City, { name: input.name, slug: input.slug, country });
      await replaceAliases(editor, city, input.aliases ?? []);
      return city;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => City, { description: 'Changes a city (and, when given, replaces its other names).' })
  updateCity(@Args(() => UpdateCityInputArgs) { input }: { input: UpdateCityInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const { id, version, countryCode, aliases, ...changes } = input;
      const city = await editor.find(City, id, ['input', 'id']);
      const country = countryCode
        ? await editor.reference(Country, { code: countryCode }, ['input', 'countryCode'], `the code "${countryCode}"`)
        : undefined;
      // An organisation's city is always in its country (the database's rule): a city its organisations are in
      // cannot move away from them. The transaction is gone when this is asked, so it counts them as they stay.
      editor.explainViolation(ORGANISATION_CITY_IN_COUNTRY, async (em) => {
        const stranded = await em.count(Organisation, { city: city.id });
        return new ConflictError(
          `${stranded} organisation(s) in this city would be left in another country; move them first.`,
          ['input', 'countryCode'],
        );
      });
      // Replacing the other names changes the city too: touching it bumps its version.
      await editor.update(city, version, { ...changes, country, ...(aliases ? { updatedAt: new Date() } : {}) });
      if (aliases) await replaceAliases(editor, city, aliases);
      return city;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, {
    description:
      'Deletes a city, with its other names; refused (CONFLICT) while organisations, conferences or workshops refer to it.',
  })
  deleteCity(
    @Arg('id', () => ID, { description: 'Global ID of the city.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, City, id, version);
  }
}
