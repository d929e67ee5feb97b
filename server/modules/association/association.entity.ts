import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { textLength } from '../../common/text-length';
import { ProvenancedEntity } from '../source/source.provenance';
import { City } from '../city/city.entity';

/**
 * How long the association's texts may be, for its columns, the inputs' validators and their descriptions. `means`
 * is each of its means.
 */
export const ASSOCIATION_LENGTHS = {
  mission: textLength(1, 5000),
  objective: textLength(1, 5000),
  means: textLength(1, 1000),
  newsletterDescription: textLength(1, 5000),
} as const;

@ObjectType({ implements: Node, description: 'The Major Cities of Europe IT Users Group itself.' })
@Entity()
export class Association extends ProvenancedEntity {
  @Field({ description: 'Full name.' })
  @Property({ unique: true, length: 200 })
  name!: string;

  @Field({ description: 'Short name, e.g. "MCE".' })
  @Property({ length: 20 })
  shortName!: string;

  @Field(() => [String], { description: 'Other names it goes by, e.g. "Major Cities of Europe".' })
  @Property({ type: 'text[]', default: '{}' })
  otherNames: string[] = [];

  @Field(() => Int, { description: 'Year founded.' })
  @Property()
  foundedYear!: number;

  @Field({ description: 'Whose initiative founded it.' })
  @Property({ length: 200 })
  foundingInitiative!: string;

  @ManyToOne(() => City, { ref: true, index: true, deleteRule: 'restrict' })
  seat!: Ref<City>;

  @Field({ description: 'Type of organisation, e.g. "Network of cities".' })
  @Property({ length: 100 })
  organisationType!: string;

  @Field({ description: 'Region served.' })
  @Property({ length: 100 })
  regionServed!: string;

  @Field({ description: 'Working language.' })
  @Property({ length: 50 })
  language!: string;

  @Field({ description: 'Who the key people are, e.g. "CIO and IT Managers".' })
  @Property({ length: 200 })
  keyPeople!: string;

  @Field(() => Int, {
    description:
      'Number of member cities the association states ("40 member cities"), which may differ from the member list.',
  })
  @Property()
  statedMemberCities!: number;

  @Field(() => Int, { description: 'Number of countries its members are stated to cover.' })
  @Property()
  statedMemberCountries!: number;

  @Field({ description: 'Who it is and who may join.' })
  @Property({ type: 'text' })
  description!: string;

  @Field({ description: 'The mission.' })
  @Property({ type: 'text' })
  mission!: string;

  @Field({ description: 'The objective.' })
  @Property({ type: 'text' })
  objective!: string;

  @Field(() => [String], {
    description: 'The means by which its purpose is achieved, in the order the statutes list them.',
  })
  @Property({ type: 'text[]', default: '{}' })
  means: string[] = [];

  @Field({ description: 'How the membership is described: regions, non-European cities, other bodies.' })
  @Property({ type: 'text' })
  membershipDescription!: string;

  @Field({ description: 'What the annual conference is.' })
  @Property({ type: 'text' })
  conferenceDescription!: string;

  @Field({ description: 'How workshops work.' })
  @Property({ type: 'text' })
  workshopDescription!: string;

  @Field({ description: 'Who sponsors it and how.' })
  @Property({ type: 'text' })
  sponsorDescription!: string;

  @Field({ description: 'What its newsletter offers.' })
  @Property({ type: 'text' })
  newsletterDescription!: string;

  @Field({ description: 'How it supports members in EU programmes.' })
  @Property({ type: 'text' })
  euProgrammesDescription!: string;
}
