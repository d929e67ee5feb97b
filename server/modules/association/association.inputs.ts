import { ArrayMaxSize, Max, Min } from '../../common/class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { ASSOCIATION_LENGTHS, Association } from './association.entity';

/** There is one association; the connection lets `Source` list it like every other provenanced kind. */
export const AssociationConnection = connectionTypeFor(Association);

@InputType({ description: "Changes to the association's own description; fields left out stay as they are." })
export class UpdateAssociationInput extends updateInputOf('association') {
  @Field(() => String, { nullable: true, description: `The mission (${characters(ASSOCIATION_LENGTHS.mission)}).` })
  @OmittableNotNull()
  @HasLength(ASSOCIATION_LENGTHS.mission)
  mission?: string;

  @Field(() => String, { nullable: true, description: `The objective (${characters(ASSOCIATION_LENGTHS.objective)}).` })
  @OmittableNotNull()
  @HasLength(ASSOCIATION_LENGTHS.objective)
  objective?: string;

  @Field(() => [String], {
    nullable: true,
    description: `The means, in order (at most 20, each ${characters(ASSOCIATION_LENGTHS.means)}).`,
  })
  @OmittableNotNull()
  @ArrayMaxSize(20)
  @HasLength(ASSOCIATION_LENGTHS.means, { each: true })
  means?: string[];

  @Field(() => Int, { nullable: true, description: 'Number of member cities the association states (0-10000).' })
  @OmittableNotNull()
  @Min(0)
  @Max(10_000)
  statedMemberCities?: number;

  @Field(() => String, {
    nullable: true,
    description: `What the newsletter offers (${characters(ASSOCIATION_LENGTHS.newsletterDescription)}).`,
  })
  @OmittableNotNull()
  @HasLength(ASSOCIATION_LENGTHS.newsletterDescription)
  newsletterDescription?: string;
}

export const UpdateAssociationInputArgs = inputArgsFor(UpdateAssociationInput, 'The changes.');
