import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthCheckerFn, type NonEmptyArray } from 'type-graphql';
import { validateArgumentTree } from './common/argument-validation';
import { callResolversDirectly, ResolverInstances } from './common/direct-resolvers';
import type { RequestContext } from './context';
import { Role } from './modules/access/access.entity';
import { guardProtectedTypes } from './modules/access/access.guard';
import { requireAnyRole } from './modules/access/access.service';
import { domainResolvers, provenanceLinks } from './modules/domains';
import { NodeResolver } from './modules/node/node.resolver';
import { sourceBackLinksResolver } from './modules/source/source.backlinks';

/** The schema is whatever the domains' resolvers declare, with `node(id:)` and `Source`'s back-links over them all. */
const resolvers: NonEmptyArray<Function> = [NodeResolver, sourceBackLinksResolver(provenanceLinks), ...domainResolvers];

/** `@Authorized(...roles)`: reads need no key; every mutation needs a valid one with any of those roles. */
const authChecker: AuthCheckerFn<RequestContext, Role> = async ({ context }, roles) => {
  requireAnyRole(await context.apiKey(), roles);
  return true;
};

export async function createSchema(): Promise<GraphQLSchema> {
  const instances = new ResolverInstances();
  const options = {
    resolvers,
    // Arguments, and every input object inside them, are validated (class-validator) before any resolver runs.
    validateFn: validateArgumentTree,
    authChecker,
    container: instances,
  };
  const schema = await buildSchema(options);
  // Resolvers that need no role are called without type-graphql's per-call wrapping (see direct-resolvers.ts).
  callResolversDirectly(schema, options, instances, validateArgumentTree);
  // Root fields say who may call them (@Authorized); protected records are guarded wherever they are reached.
  return guardProtectedTypes(schema);
}

/** The public contract as committed in schema.graphql: sorted, so that diffs show real changes only. */
export function printPublicSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
