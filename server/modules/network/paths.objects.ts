import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { RecordRef } from './graph-records';
import type { PathData, PathStepData } from './paths.service';
import { RelationshipLabel } from './relationship-label';

export enum StepDirection {
  FORWARD = 'FORWARD',
  BACKWARD = 'BACKWARD',
}
registerEnumType(StepDirection, {
  name: 'StepDirection',
  description: 'Which way a path walks an edge.',
  valuesConfig: {
    FORWARD: { description: 'From the edge\'s source to its target: "Trikala in country Greece".' },
    BACKWARD: { description: 'From the edge\'s target to its source: Greece, where "Larissa in country Greece".' },
  },
});

@ObjectType({ description: 'One edge of the relationship graph walked by a path, from one record to the next.' })
export class PathStep {
  /** The records at either end of the step, resolved to their records by the resolver. */
  fromRef!: RecordRef;
  toRef!: RecordRef;

  @Field(() => RelationshipLabel, { description: 'The edge walked, e.g. IN_COUNTRY.' })
  label!: RelationshipLabel;

  @Field({ description: 'The label in words, read along the edge\'s own direction, e.g. "in country".' })
  text!: string;

  @Field(() => StepDirection, {
    description:
      'FORWARD when the edge goes from `from` to `to` (Trikala in country Greece), BACKWARD when the other way (from Greece to Larissa, where Larissa is in country Greece).',
  })
  direction!: StepDirection;

  @Field({
    description:
      'The step as a sentence in the edge\'s own direction, e.g. "Larissa in country Greece" for a step from Greece to Larissa.',
  })
  sentence!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The edge's year, e.g. 2022 for Larissa hosted the 2022 conference.",
  })
  year!: number | null;

  @Field(() => ID, { description: 'The id of the edge walked, as `graph` gives it (GraphEdge.id).' })
  edgeId!: string;
}

@ObjectType({ description: 'A shortest connection between two records of the relationship graph.' })
export class Path {
  /** The records along the path, resolved to their records by the resolver. */
  nodeRefs!: RecordRef[];

  @Field(() => Int, { description: 'The number of steps, e.g. 2 from Trikala to Larissa (through Greece).' })
  length!: number;

  @Field(() => [PathStep], { description: 'The edges walked, in order from `from` to `to`.' })
  steps!: PathStep[];
}

export type { PathData, PathStepData };
