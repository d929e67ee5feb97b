import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { rootConnection } from '../../common/connection-resolvers';
import { edit } from './editing';
import { ConflictError } from '../../common/errors';
import { enumConditions, stringConditions, whereFrom } from '../../common/filters';
import { BY_CREATION, BY_NAME, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { ApiKey, AuditAction, AuditEntry, Role } from './access.entity';
import { createApiKey } from './access.service';
import {
  ApiKeyConnection,
  ApiKeyListArgs,
  AuditEntryConnection,
  AuditEntryListArgs,
  CreateApiKeyInput,
  CreateApiKeyInputArgs,
} from './access.inputs';
import { fieldAlsoReads } from '../../common/read-columns';
import { decodeGlobalId, encodeGlobalId } from '../../common/global-id';

@ObjectType({ description: 'A new API key and its secret, which is shown only this once.' })
class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key as stored (without its secret).' })
  apiKey!: ApiKey;

  @Field({ description: 'The key to send as `Authorization: Bearer <key>`. Store it now: it cannot be shown again.' })
  key!: string;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ApiKeyConnection, { description: 'API keys (admins only). Their secrets are never shown.' })
  apiKeys(@Args(() => ApiKeyListArgs) args: InstanceType<typeof ApiKeyListArgs>, @Ctx() ctx: RequestContext) {
    const extra = args.filter?.revoked == null ? [] : [{ revokedAt: args.filter.revoked ? { $ne: null } : null }];
    return rootConnection(
      ctx,
      ApiKeyConnection,
      ApiKey,
      whereFrom([['name', stringConditions(args.filter?.name)]], extra),
      orderSpec(args.orderBy, BY_NAME),
      args,
    );
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiKey, {
    description: 'Creates an API key (admins only); its secret is in the answer, once.',
  })
  createApiKey(@Args(() => CreateApiKeyInputArgs) { input }: { input: CreateApiKeyInput }, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const created = await createApiKey(editor.em, input.name, input.role);
      editor.recordChange(AuditAction.CREATE, created.apiKey, null);
      return created;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKey, {
    description: 'Revokes an API key (admins only): it stops working at once. A key cannot revoke itself.',
  })
  revokeApiKey(@Arg('id', () => ID, { description: 'Global ID of the key.' }) id: string, @Ctx() ctx: RequestContext) {
    return edit(ctx, async (editor) => {
      const apiKey = await editor.find(ApiKey, id, ['id']);
      if (apiKey.id === (await ctx.apiKey())?.id) throw new ConflictError('A key cannot revoke itself.', ['id']);
      if (apiKey.revokedAt) return apiKey;
      return editor.update(apiKey, apiKey.version, { revokedAt: new Date() });
    });
  }
}

// `recordId` is made of the entry's entity type and id, which are not fields of their own.
fieldAlsoReads('AuditEntry', 'recordId', AuditEntry, ['entityType', 'entityId']);

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
    const where = whereFrom(
      [
        ['entityType', stringConditions(filter?.entityType)],
        ['action', enumConditions(filter?.action)],
      ],
      extra,
    );
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
