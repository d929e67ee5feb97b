import { Collection, Entity, ManyToOne, OneToMany, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import { Country } from '../country/country.entity';
import type { Conference } from '../conference/conference.entity';

/** How long a city's texts may be, for its columns, the inputs' validators and their descriptions. */
export const CITY_LENGTHS = { name: textLength(1, 100), slug: textLength(1, 100) } as const;

@ObjectType({ implements: Node, description: 'A city: where members sit and conferences are hosted.' })
@Entity()
@Unique({ properties: ['country', 'name'] })
// What an organisation's (city, country) foreign key refers to: a city together with its country.
@Unique({ properties: ['id', 'country'] })
export class City extends ProvenancedEntity {
  @Field({ description: 'English name, e.g. "Florence". Other names are in `aliases`.' })
  @Property({ length: CITY_LENGTHS.name.max })
  name!: string;

  @Field({ description: 'URL-safe unique key, e.g. "florence".' })
  @Property({ unique: true, length: CITY_LENGTHS.slug.max })
  slug!: string;

  @ManyToOne(() => Country, { ref: true, index: true, deleteRule: 'restrict' })
  country!: Ref<Country>;

  @OneToMany({ entity: 'Conference', mappedBy: 'hostCity' })
  conferencesHosted = new Collection<Conference>(this);
}

/** How long a city's other name's texts may be, for its columns, the inputs' validators and their descriptions. */
export const CITY_ALIAS_LENGTHS = { name: textLength(1, 100) } as const;

@ObjectType({ implements: Node, description: 'Another name of a city, as a source document spells it.' })
@Entity()
export class CityAlias extends ProvenancedEntity {
  @Field({ description: 'The alternative name, e.g. "Firenze".' })
  @Property({ unique: true, length: CITY_ALIAS_LENGTHS.name.max })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Language of the name (ISO 639-1), e.g. "it".' })
  @Property({ type: 'string', length: 8, nullable: true })
  language?: string | null;

  @ManyToOne(() => City, { ref: true, index: true, deleteRule: 'cascade' })
  city!: Ref<City>;
}
