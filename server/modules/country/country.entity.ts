import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';

/** How long a country's texts may be, for its columns, the inputs' validators and their descriptions. */
export const COUNTRY_LENGTHS = { name: textLength(1, 100), sourceLabel: textLength(1, 100) } as const;

@ObjectType({ implements: Node, description: 'A country in which members, cities or attendees are found.' })
@Entity()
export class Country extends ProvenancedEntity {
  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. "HR".' })
  @Property({ unique: true, length: 2 })
  code!: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code, e.g. "HRV".' })
  @Property({ unique: true, length: 3 })
  alpha3!: string;

  @Field({ description: 'English short name, e.g. "Croatia".' })
  @Property({ unique: true, length: COUNTRY_LENGTHS.name.max })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The label the source documents use, which may mix codes and names (e.g. "CRO Croatia"); null when they use none.',
  })
  @Property({ type: 'string', length: COUNTRY_LENGTHS.sourceLabel.max, nullable: true })
  sourceLabel?: string | null;

  @Field({ description: 'Whether the country is in Europe (Israel and the United States are not).' })
  @Property()
  inEurope!: boolean;
}
