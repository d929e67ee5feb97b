import { isAbstractType, isObjectType, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../context';
import { protectedTypes } from '../domains';
import { requireAnyRole } from './access.service';

const rolesByType = new Map(protectedTypes.map(({ type, roles }) => [type as Function, roles]));

/**
 * Refuses (UNAUTHENTICATED or FORBIDDEN, as `@Authorized` does) a caller who may not read records of `type`;
 * does nothing for a public type.
 */
export async function requireReadAccess(context: RequestContext, type: Function): Promise<void> {
  const roles = rolesByType.get(type);
  if (roles) requireAnyRole(await context.apiKey(), roles);
}

/**
 * Puts the access rule of every protected type (the domains' `protectedTypes`) on the type itself, so that no field can hand
 * one out to a caller without the role, whether it names the type, a list or connection of it, or an interface
 * such as `Node`: graphql-js calls an object type's `isTypeOf` for every value it completes as that type, after
 * any abstract type has been resolved and before any of the value's fields (`__typename` included) is read.
 * A refusal is an error at that value's path (`node`, `nodes.1`, `auditLog.nodes.0.apiKey`), its place in the
 * answer null; nothing of the record is sent. Only the protected types pay for the check.
 *
 * This guards what is read, after the field's resolver ran: a mutation's side effects still need its own
 * `@Authorized`.
 */
export function guardProtectedTypes(schema: GraphQLSchema): GraphQLSchema {
  const guarded = new Set<string>();
  for (const { type } of protectedTypes) {
    const objectType = schema.getType(type.name);
    if (!isObjectType(objectType))
      throw new Error(`The protected type ${type.name} is not an object type of the schema.`);
    // Our isTypeOf answers "may this caller see it", not "is this value of the type": it must not replace a real one.
    if (objectType.isTypeOf) throw new Error(`The protected type ${type.name} already has an isTypeOf.`);
    objectType.isTypeOf = async (_value, context: RequestContext) => {
      await requireReadAccess(context, type);
      return true;
    };
    guarded.add(type.name);
  }
  // Without a resolveType, graphql-js would tell an abstract type's values apart by asking each possible type's
  // isTypeOf, and the guard would refuse values that are not even of the protected type.
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      isAbstractType(type) &&
      !type.resolveType &&
      schema.getPossibleTypes(type).some((possible) => guarded.has(possible.name))
    ) {
      throw new Error(`${type.name} can be a protected type, so it needs a resolveType.`);
    }
  }
  return schema;
}
