import { Entity, Enum, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';

export enum SourceKind {
  PRIMARY = 'PRIMARY',
  SUPPLEMENTARY = 'SUPPLEMENTARY',
}
registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'How much weight a source document carries.',
  valuesConfig: {
    PRIMARY: { description: 'One of the source documents the dataset is built from.' },
    SUPPLEMENTARY: { description: 'Public facts the primary documents imply but do not state; ranked below them.' },
  },
});

@ObjectType({ implements: Node, description: 'A document the dataset was taken from (provenance).' })
@Entity()
export class Source extends BaseEntity {
  @Field({ description: 'File name of the document, e.g. "003_926b5a261bed8753.txt".' })
  @Property({ unique: true, length: 200 })
  fileName!: string;

  @Field({ description: 'What the document is.' })
  @Property({ length: 300 })
  title!: string;

  @Field(() => SourceKind, { description: 'Primary document or supplementary facts.' })
  @Enum({ items: () => SourceKind })
  kind!: SourceKind;

  @Field(() => Int, { description: 'Rank of the source: 1 outranks 2 where they disagree.' })
  @Property()
  rank!: number;

  @Field({ description: 'What the document covers.' })
  @Property({ type: 'text' })
  description!: string;
}
