import 'reflect-metadata';
import { GraphQLError, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthCheckerFn, type NonEmptyArray } from 'type-graphql';
import { validateArgumentTree } from './common/argument-validation';
import { ErrorCode } from './common/errors';
import type { RequestContext } from './context';
import { Role } from './modules/access/access.entity';
import { hasRole } from './modules/access/access.service';
import { ApiKeyResolver, AuditEntryResolver } from './modules/access/access.resolver';
import { AssociationMutations } from './modules/association/association.mutations';
import { AssociationResolver } from './modules/association/association.resolver';
import { CityMutations } from './modules/city/city.mutations';
import { ConferenceMutations } from './modules/conference/conference.mutations';
import { CountryMutations } from './modules/country/country.mutations';
import { OrganisationMutations } from './modules/organisation/organisation.mutations';
import { PersonMutations } from './modules/person/person.mutations';
import { ProjectMutations } from './modules/project/project.mutations';
import { ThemeMutations } from './modules/theme/theme.mutations';
import { WorkshopMutations } from './modules/workshop/workshop.mutations';
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
  ApiKeyResolver,
  AuditEntryResolver,
  CountryMutations,
  CityMutations,
  OrganisationMutations,
  ConferenceMutations,
  ThemeMutations,
  WorkshopMutations,
  PersonMutations,
  ProjectMutations,
  AssociationMutations,
];

/** `@Authorized(role)`: reads need no key; every mutation needs a valid one with that role. */
const authChecker: AuthCheckerFn<RequestContext, Role> = async ({ context }, roles) => {
  const apiKey = await context.apiKey();
  if (!apiKey) {
    throw new GraphQLError('This needs an API key: send it as `Authorization: Bearer <key>`.', {
      extensions: { code: ErrorCode.UNAUTHENTICATED },
    });
  }
  if (!roles.every((role) => hasRole(apiKey, role))) {
    throw new GraphQLError(`This needs an API key with the role ${roles.join(' or ')}.`, {
      extensions: { code: ErrorCode.FORBIDDEN },
    });
  }
  return true;
};

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    // Arguments, and every input object inside them, are validated (class-validator) before any resolver runs.
    validateFn: validateArgumentTree,
    authChecker,
  });
}

/** The public contract as committed in schema.graphql: sorted, so that diffs show real changes only. */
export function printPublicSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
