import { IsOptional, Length, Matches } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { inputArgsFor } from '../../common/input-args';
import { deleteRecord, edit, updateRecord } from '../access/editing';
import { IsCountryCode, OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Country } from './country.entity';

@InputType({ description: 'A new country.' })
class CreateCountryInput {
  @Field({ description: 'ISO 3166-1 alpha-2 code, two capital letters, e.g. "PT".' })
  @IsCountryCode()
  code!: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code, three capital letters, e.g. "PRT".' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be three capital letters (ISO 3166-1 alpha-3)' })
  alpha3!: string;

  @Field({ description: 'English short name (1-100 characters).' })
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true, description: 'The label a source uses, if any.' })
  @IsOptional()
  @Length(1, 100)
  sourceLabel?: string | null;

  @Field({ description: 'Whether the country is in Europe.' })
  inEurope!: boolean;
}

@InputType({ description: 'Changes to a country; fields left out stay as they are.' })
class UpdateCountryInput {
  @Field(() => ID, { description: 'Global ID of the country.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one means someone else changed it (CONFLICT).' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'English short name (1-100 characters).' })
  @OmittableNotNull()
  @Length(1, 100)
  name?: string;

  @Field(() => String, { nullable: true, description: 'The label a source uses; null removes it.' })
  @IsOptional()
  @Length(1, 100)
  sourceLabel?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the country is in Europe.' })
  @OmittableNotNull()
  inEurope?: boolean;
}

const CreateCountryInputArgs = inputArgsFor(CreateCountryInput, 'The country.');
const UpdateCountryInputArgs = inputArgsFor(UpdateCountryInput, 'The changes.');

@Resolver(() => Country)
export class CountryMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Country, { description: 'Adds a country. Its codes must be new (CONFLICT otherwise).' })
  createCountry(@Args(() => CreateCountryInputArgs) { input }: { input: CreateCountryInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, (editor) => editor.create(Country, { ...input, sourceLabel: input.sourceLabel ?? null }));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Country, { description: 'Changes a country.' })
  updateCountry(@Args(() => UpdateCountryInputArgs) { input }: { input: UpdateCountryInput }, @Ctx() ctx: RequestContext) {
    return updateRecord(ctx, Country, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a country that nothing refers to any more (CONFLICT otherwise); returns its ID.' })
  deleteCountry(
    @Arg('id', () => ID, { description: 'Global ID of the country.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Country, id, version);
  }
}
