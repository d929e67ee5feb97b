import type { Domain } from '../domain';
import { ApiKey, AuditEntry, Role } from './access.entity';
import { ApiKeyResolver, AuditEntryResolver } from './access.resolver';

/** API keys, their roles, and the audit log of every change: admins' alone to read; nothing of it is seeded. */
export const accessDomain: Domain = {
  name: 'access',
  entities: [ApiKey, AuditEntry],
  resolvers: [ApiKeyResolver, AuditEntryResolver],
  protectedTypes: [
    { type: ApiKey, roles: [Role.ADMIN] },
    { type: AuditEntry, roles: [Role.ADMIN] },
  ],
};
