import { ArrayMaxSize, Length, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { OmittableNotNull } from '../../common/validation';
import { Association } from './association.entity';

/** There is one association; the connection lets `Source` list it like every other provenanced kind. */
export const AssociationConnection = connectionTypeFor(Association);

@InputType({ description: "Changes to the association's own description; fields left out stay as they are." })
export class UpdateAssociationInput extends updateInputOf('association') {
  @Field(() => String, { nullable: true, description: 'The mission (1-5000 characters).' })
  @OmittableNotNull()
  @Length(1, 5000)
  mission?: string;

  @Field(() => String, { nullable: true, description: 'The objective (1-5000 characters).' })
  @OmittableNotNull()
  @Length(1, 5000)
  objective?: string;

  @Field(() => [String], { nullable: true, description: 'The means, in order (at most 20, each 1-1000 characters).' })
  @OmittableNotNull()
  @ArrayMaxSize(20)
  @Length(1, 1000, { each: true })
  means?: string[];

  @Field(() => Int, { nullable: true, description: 'Number of member cities the association states (0-10000).' })
  @OmittableNotNull()
  @Min(0)
  @Max(10_000)
  statedMemberCities?: number;

  @Field(() => String, { nullable: true, description: 'What the newsletter offers (1-5000 characters).' })
  @OmittableNotNull()
  @Length(1, 5000)
  newsletterDescription?: string;
}

export const UpdateAssociationInputArgs = inputArgsFor(UpdateAssociationInput, 'The changes.');
