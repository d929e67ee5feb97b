import { ValidateNested } from 'class-validator';
import { ArgsType, Field, type ClassType } from 'type-graphql';

/**
 * Mutation arguments as `input: <Type>!`. Declared as an ArgsType (not a bare @Arg) so that a validation error
 * names its full path from the argument, e.g. ["input", "topics", 1, "themeSlug"].
 */
export function inputArgsFor<T extends object>(inputType: ClassType<T>, description: string) {
  @ArgsType()
  class InputArgs {
    @Field(() => inputType, { description })
    @ValidateNested()
    input!: T;
  }
  return InputArgs;
}
