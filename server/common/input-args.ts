import { ArgsType, Field, type ClassType } from 'type-graphql';

/**
 * Mutation arguments as `input: <Type>!`. Declared as an ArgsType (not a bare @Arg) so that a validation error
 * names its full path from the argument, e.g. ["input", "topics", 1, "themeSlug"]. The input and everything in it
 * are validated by validateArgumentTree (argument-validation.ts), with no decorator needed here.
 */
export function inputArgsFor<T extends object>(inputType: ClassType<T>, description: string) {
  @ArgsType()
  class InputArgs {
    @Field(() => inputType, { description })
    input!: T;
  }
  return InputArgs;
}
