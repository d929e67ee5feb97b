import { Length } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { rootConnection } from '../../common/connection-resolvers';
import { inputArgsFor } from '../../common/input-args';
import { edit } from './editing';
import { ConflictError } from '../../common/errors';
import { StringFilter, enumConditions, enumFilterFor, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { BY_CREATION, BY_NAME, orderInputFor, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { ApiKey, AuditAction, AuditEntry, Role } from './access.entity';
import { createApiKey } from './access.service';
import { decodeGlobalId, encodeGlobalId } from '../../common/global-id';

@InputType({ description: 'A new API key.' })
class CreateApiKeyInput {
  @Field({ description: 'Whose key it is, e.g. "newsletter importer" (1-100 characters).' })
  @Length(1, 100)
  name!: string;

  @Field(() => Role, { description: 'What it may do.' })
  role!: Role;
}

@ObjectType({ description: 'A new API key and its secret, which is shown only this once.' })
class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key as stored (without its secret).' })
  apiKey!: ApiKey;

  @Field({ description: 'The key to send as `Authorization: Bearer <key>`. Store it now: it cannot be shown again.' })
  key!: string;
}

@InputType({ description: 'Conditions on API keys.' })
class ApiKeyFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Name.' })
  name?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only revoked (true) or valid (false) keys.' })
  revoked?: boolean | null;
}

const ApiKeyConnection = connectionTypeFor(ApiKey);
const ApiKeyOrder = orderInputFor('ApiKey', { NAME: 'name', CREATED: 'id' } as const, { name: 'Name.', id: 'Creation order.' });
const ApiKeyListArgs = listArgsFor('ApiKey', ApiKeyFilter, ApiKeyOrder);

const AuditActionFilter = enumFilterFor(AuditAction, 'AuditAction');

@InputType({ description: 'Conditions on audit entries; all given conditions must hold.' })
class AuditEntryFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Type of the record changed, e.g. "Conference".' })
  entityType?: StringFilter | null;

  @Field(() => AuditActionFilter, { nullable: true, description: 'Create, update or delete.' })
  action?: InstanceType<typeof AuditActionFilter> | null;

  @Field(() => ID, { nullable: true, description: 'Only changes to the record with this global ID.' })
  recordId?: string | null;
}

const AuditEntryConnection = connectionTypeFor(AuditEntry);
const AuditEntryOrder = orderInputFor('AuditEntry', { TIME: 'id' } as const, { id: 'Order in which the changes were made.' });
const AuditEntryListArgs = listArgsFor('AuditEntry', AuditEntryFilter, AuditEntryOrder);

const CreateApiKeyInputArgs = inputArgsFor(CreateApiKeyInput, 'Name and role.');

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ApiKeyConnection, { description: 'API keys (admins only). Their secrets are never shown.' })
  apiKeys(@Args(() => ApiKeyListArgs) args: InstanceType<typeof ApiKeyListArgs>, @Ctx() ctx: RequestContext) {
    const extra = args.filter?.revoked == null ? [] : [{ revokedAt: args.filter.revoked ? { $ne: null } : null }];
    return rootConnection(ctx, ApiKeyConnection, ApiKey, whereFrom([['name', stringConditions(args.filter?.name)]], extra), orderSpec(args.orderBy, BY_NAME), args);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key (admins only); its secret is in the answer, once.' })
  createApiKey(@Args(() => CreateApiKeyInputArgs) { input }: { input: CreateApiKeyInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const created = await createApiKey(editor.em, input.name, input.role);
      editor.recordChange(AuditAction.CREATE, created.apiKey, null);
      return created;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKey, { description: 'Revokes an API key (admins only): it stops working at once. A key cannot revoke itself.' })
  revokeApiKey(@Arg('id', () => ID, { description: 'Global ID of the key.' }) id: string, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const apiKey = await editor.find(ApiKey, id, ['id']);
      if (apiKey.id === (await ctx.apiKey())?.id) throw new ConflictError('A key cannot revoke itself.', ['id']);
      if (apiKey.revokedAt) return apiKey;
      return editor.update(apiKey, apiKey.version, { revokedAt: new Date() });
    });
  }
}

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEntryConnection, { description: 'Who changed what and when, oldest first (admins only).' })
  auditLog(@Args(() => AuditEntryListArgs) args: InstanceType<typeof AuditEntryListArgs>, @Ctx() ctx: RequestContext) {
    const filter = args.filter;
    const extra = [];
    if (filter?.recordId) {
      const { typeName, id } = decodeRecordId(filter.recordId);
      extra.push({ entityType: typeName, entityId: id });
    }
    const where = whereFrom([['entityType', stringConditions(filter?.entityType)], ['action', enumConditions(filter?.action)]], extra);
    return rootConnection(ctx, AuditEntryConnection, AuditEntry, where, orderSpec(args.orderBy, BY_CREATION), args);
  }

  @FieldResolver(() => ApiKey, { description: 'The API key that made the change.' })
  apiKey(@Root() entry: AuditEntry, @Ctx() { loaders }: RequestContext) {
    return loaders.reference(ApiKey, entry.apiKey);
  }

  @FieldResolver(() => ID, { description: 'Global ID of the record changed (it may since have been deleted).' })
  recordId(@Root() entry: AuditEntry) {
    return encodeGlobalId(entry.entityType, entry.entityId);
  }
}

function decodeRecordId(recordId: string) {
  return decodeGlobalId(recordId, ['filter', 'recordId']);
}
