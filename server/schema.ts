import 'reflect-metadata';
import { GraphQLError, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthCheckerFn, type NonEmptyArray } from 'type-graphql';
import { ErrorCode } from './common/errors';
import type { RequestContext } from './context';
import { Role } from './modules/access/access.entity';
import { hasRole } from './modules/access/access.service';
import { domainResolvers, provenanceLinks } from './modules/domains';
import { NodeResolver } from './modules/node/node.resolver';
import { sourceBackLinksResolver } from './modules/source/source.backlinks';

/** The schema is whatever the domains' resolvers declare, with `node(id:)` and `Source`'s back-links over them all. */
const resolvers: NonEmptyArray<Function> = [NodeResolver, sourceBackLinksResolver(provenanceLinks), ...domainResolvers];

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
    // Arguments are validated (class-validator) before any resolver runs.
    validate: { forbidUnknownValues: false },
    authChecker,
  });
}

/** The public contract as committed in schema.graphql: sorted, so that diffs show real changes only. */
export function printPublicSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
