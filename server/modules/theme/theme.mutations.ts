import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { deleteRecord, edit, updateRecord } from '../access/editing';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Theme } from './theme.entity';
import { CreateThemeInput, CreateThemeInputArgs, UpdateThemeInput, UpdateThemeInputArgs } from './theme.inputs';

@Resolver(() => Theme)
export class ThemeMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => Theme, { description: 'Adds a theme.' })
  createTheme(@Args(() => CreateThemeInputArgs) { input }: { input: CreateThemeInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, (editor) => editor.create(Theme, input));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Theme, { description: 'Changes a theme.' })
  updateTheme(@Args(() => UpdateThemeInputArgs) { input }: { input: UpdateThemeInput }, @Ctx() ctx: RequestContext) {
    return updateRecord(ctx, Theme, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: 'Deletes a theme no topic falls under (CONFLICT otherwise).' })
  deleteTheme(
    @Arg('id', () => ID, { description: 'Global ID of the theme.' }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return deleteRecord(ctx, Theme, id, version);
  }
}
