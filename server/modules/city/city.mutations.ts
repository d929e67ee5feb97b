import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { inputArgsFor } from '../../common/input-args';
import { IsSlug } from '../../common/slug';
import { deleteRecord, edit, type Editor } from '../access/editing';
import { ConflictError } from '../../common/errors';
import { IsCountryCode, OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Country } from '../country/country.entity';
import { ORGANISATION_CITY_IN_COUNTRY, Organisation } from '../organisation/organisation.entity';
import { City, CityAlias } from './city.entity';


@InputType({ description: 'Another name of a city.' })
class CityAliasInput {
  @Field({ description: 'The alternative name, e.g. "Firenze" (1-100 characters).' })
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 language code, e.g. "it".' })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'must be a two-letter ISO 639-1 code' })
  language?: string | null;
}

@InputType({ description: 'A new city.' })
class CreateCityInput {
  @Field({ description: 'English name (1-100 characters); unique within its country.' })
  @Length(1, 100)
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "la-spezia".' })
  @IsSlug()
  slug!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of its country, which must exist.' })
  @IsCountryCode()
  countryCode!: string;

  @Field(() => [CityAliasInput], { nullable: true, description: 'Other names (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  aliases?: CityAliasInput[] | null;
}

@InputType({ description: 'Changes to a city; fields left out stay as they are.' })
class UpdateCityInput {
  @Field(() => ID, { description: 'Global ID of the city.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'English name.' })
  @OmittableNotNull()
  @Length(1, 100)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug()
  slug?: string;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code of its country; refused (CONFLICT) while organisations in it are in its present one.',
  })
  @OmittableNotNull()
  @IsCountryCode()
  countryCode?: string;

  @Field(() => [CityAliasInput], { nullable: true, description: 'Replaces all its other names when given.' })
  @OmittableNotNull()
  @ArrayMaxSize(20)
  aliases?: CityAliasInput[];
}

async function replaceAliases(editor: Editor, city: City, aliases: CityAliasInput[]): Promise<void> {
  await editor.replaceChildren(
    CityAlias,
    { city },
    aliases.map((alias) => ({ name: alias.name, language: alias.language ?? null, city })),
  );
}

const CreateCityInputArgs = inputArgsFor(CreateCityInput, 'The city.');
const UpdateCityInputArgs = inputArgsFor(UpdateCityInput, 'The changes.');

@Resolver(() => City)
export class CityMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => City, { description: 'Adds a city with its other names, in one transaction.' })
  createCity(@Args(() => CreateCityInputArgs) { input }: { input: CreateCityInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const country = await editor.reference(Country, { code: input.countryCode }, ['input', 'countryCode'], `the code "${input.countryCode}"`);
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
        return new ConflictError(`${stranded} organisation(s) in this city would be left in another country; move them first.`, ['input', 'countryCode']);
      });
      // Replacing the other names changes the city too: touching it bumps its version.
      await editor.update(city, version, { ...changes, country, ...(aliases ? { updatedAt: new Date() } : {}) });
      if (aliases) await replaceAliases(editor, city, aliases);
      return city;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, {
    description: 'Deletes a city, with its other names; refused (CONFLICT) while organisations, conferences or workshops refer to it.',
  })
  deleteCity(
    @Arg('id', () => ID, { description: 'Global ID of the city.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, City, id, version);
  }
}
