import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AssociationResolver } from './modules/association/association.resolver';
import { CityAliasResolver, CityResolver } from './modules/city/city.resolver';
import { ConferenceResolver } from './modules/conference/conference.resolver';
import { CountryResolver } from './modules/country/country.resolver';
import { NodeResolver } from './modules/node/node.resolver';
import { MembershipResolver, OrganisationResolver, PartnershipResolver } from './modules/organisation/organisation.resolver';
import { AssociationRoleResolver, PersonResolver, TalkResolver } from './modules/person/person.resolver';
import { ProjectParticipationResolver, ProjectResolver } from './modules/project/project.resolver';
import { SourceResolver } from './modules/source/source.resolver';
import { ThemeResolver, TopicResolver } from './modules/theme/theme.resolver';
import { WorkshopResolver } from './modules/workshop/workshop.resolver';

/** The one list of resolvers; the schema is whatever they declare. */
const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  AssociationResolver,
  AssociationRoleResolver,
  PersonResolver,
  TalkResolver,
  SourceResolver,
  CountryResolver,
  CityResolver,
  CityAliasResolver,
  OrganisationResolver,
  MembershipResolver,
  PartnershipResolver,
  ConferenceResolver,
  ThemeResolver,
  TopicResolver,
  WorkshopResolver,
  ProjectResolver,
  ProjectParticipationResolver,
];

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    // Arguments are validated (class-validator) before any resolver runs.
    validate: { forbidUnknownValues: false },
  });
}

/** The public contract as committed in schema.graphql: sorted, so that diffs show real changes only. */
export function printPublicSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
