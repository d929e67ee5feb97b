import { Length } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { inputArgsFor } from '../../common/input-args';
import { IsSlug } from '../../common/slug';
import { deleteRecord, edit, updateRecord } from '../access/editing';
import { OmittableNotNull } from '../../common/validation';
import type { RequestContext } from '../../context';
import { Role } from '../access/access.entity';
import { Theme } from './theme.entity';


@InputType({ description: 'A new normalised theme.' })
class CreateThemeInput {
  @Field({ description: 'Name (1-100 characters), unique.' })
  @Length(1, 100)
  name!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug()
  slug!: string;

  @Field({ description: 'What the theme covers (1-2000 characters).' })
  @Length(1, 2000)
  description!: string;
}

@InputType({ description: 'Changes to a theme; fields left out stay as they are.' })
class UpdateThemeInput {
  @Field(() => ID, { description: 'Global ID of the theme.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Name.' })
  @OmittableNotNull()
  @Length(1, 100)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug()
  slug?: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @OmittableNotNull()
  @Length(1, 2000)
  description?: string;
}

const CreateThemeInputArgs = inputArgsFor(CreateThemeInput, 'The theme.');
const UpdateThemeInputArgs = inputArgsFor(UpdateThemeInput, 'The changes.');

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
