import { Field, ID, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { StringFilter, enumFilterFor } from '../../common/filters';
import { inputArgsFor } from '../../common/input-args';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { characters, HasLength } from '../../common/text-length';
import { API_KEY_LENGTHS, ApiKey, AuditAction, AuditEntry, Role } from './access.entity';

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: `Whose key it is, e.g. "newsletter importer" (${characters(API_KEY_LENGTHS.name)}).` })
  @HasLength(API_KEY_LENGTHS.name)
  name!: string;

  @Field(() => Role, { description: 'What it may do.' })
  role!: Role;
}

@InputType({ description: 'Conditions on API keys.' })
export class ApiKeyFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Name.' })
  name?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only revoked (true) or valid (false) keys.' })
  revoked?: boolean | null;
}

export const ApiKeyConnection = connectionTypeFor(ApiKey);
export const ApiKeyOrder = orderInputFor('ApiKey', { NAME: 'name', CREATED: 'id' } as const, {
  name: 'Name.',
  id: 'Creation order.',
});
export const ApiKeyListArgs = listArgsFor('ApiKey', ApiKeyFilter, ApiKeyOrder);

export const AuditActionFilter = enumFilterFor(AuditAction, 'AuditAction');

@InputType({ description: 'Conditions on audit entries; all given conditions must hold.' })
export class AuditEntryFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Type of the record changed, e.g. "Conference".' })
  entityType?: StringFilter | null;

  @Field(() => AuditActionFilter, { nullable: true, description: 'Create, update or delete.' })
  action?: InstanceType<typeof AuditActionFilter> | null;

  @Field(() => ID, { nullable: true, description: 'Only changes to the record with this global ID.' })
  recordId?: string | null;
}

export const AuditEntryConnection = connectionTypeFor(AuditEntry);
export const AuditEntryOrder = orderInputFor('AuditEntry', { TIME: 'id' } as const, {
  id: 'Order in which the changes were made.',
});
export const AuditEntryListArgs = listArgsFor('AuditEntry', AuditEntryFilter, AuditEntryOrder);

export const CreateApiKeyInputArgs = inputArgsFor(CreateApiKeyInput, 'Name and role.');
