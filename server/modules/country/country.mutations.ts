import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, updateRecord } from '../access/editing';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Country } from './country.entity';
import {
  CreateCountryInput,
  CreateCountryInputArgs,
  UpdateCountryInput,
  UpdateCountryInputArgs,
} from './country.inputs';

@Resolver(() => Country)
export class CountryMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Country, { description: 'Adds a country. Its codes must be new (CONFLICT otherwise).' })
  createCountry(
    @Args(() => CreateCountryInputArgs) { input }: { input: CreateCountryInput },
    @Ctx() ctx: RequestContext,
  ) {
    return edit(ctx, (editor) => editor.create(Country, { ...input, sourceLabel: input.sourceLabel ?? null }));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Country, { description: 'Changes a country.' })
  updateCountry(
    @Args(() => UpdateCountryInputArgs) { input }: { input: UpdateCountryInput },
    @Ctx() ctx: RequestContext,
  ) {
    return updateRecord(ctx, Country, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, {
    description: 'Deletes a country that nothing refers to any more (CONFLICT otherwise); returns its ID.',
  })
  deleteCountry(
    @Arg('id', () => ID, { description: 'Global ID of the country.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Country, id, version);
  }
}
