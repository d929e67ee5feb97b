import { Field, ID, InputType, Int, type ClassType } from 'type-graphql';

/** What every update input carries besides its changes. */
export interface RecordVersion {
  id: string;
  version: number;
}

/** A base for inputs that have no fields shared with a create input. */
class NoSharedFields {}

interface UpdateInputOptions<TShared extends object> {
  /** The class of fields the update shares with the create input (e.g. ConferenceFields), which the base extends. */
  sharedFields?: ClassType<TShared>;
  /** What the version's description says, where a type says more than the usual "The version you read.". */
  versionDescription?: string;
}

/**
 * The base of every update input: the global id of the record to change and the version the client read, which
 * the write checks (`editing.ts`: a newer one is a CONFLICT). `record` names the record in the id's description
 * ("Global ID of the organisation."); the update input declares only its own changes.
 *
 * The base is an input type in type-graphql's metadata (its fields are inherited only from a registered input
 * type), but no argument names it, so the schema does not list it: type-graphql 2 leaves unreferenced types out.
 */
export function updateInputOf<TShared extends object = object>(
  record: string,
  {
    sharedFields = NoSharedFields as ClassType<TShared>,
    versionDescription = 'The version you read.',
  }: UpdateInputOptions<TShared> = {},
): abstract new () => TShared & RecordVersion {
  @InputType()
  abstract class UpdateInput extends (sharedFields as ClassType<object>) implements RecordVersion {
    @Field(() => ID, { description: `Global ID of the ${record}.` })
    id!: string;

    @Field(() => Int, { description: versionDescription })
    version!: number;
  }
  return UpdateInput as abstract new () => TShared & RecordVersion;
}
