import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors';
import { ApiKey, Role } from './access.entity';

/**
 * API keys: `mce_<prefix>_<secret>`. The prefix finds the key; only a SHA-256 of the whole key is stored, and
 * the key itself is shown once, when it is created. Keys never appear in logs.
 */
const KEY_PATTERN = /^mce_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createApiKey(
  em: EntityManager,
  name: string,
  role: Role,
): Promise<{ apiKey: ApiKey; key: string }> {
  const prefix = randomBytes(6).toString('hex');
  const key = `mce_${prefix}_${randomBytes(32).toString('base64url')}`;
  const apiKey = em.create(ApiKey, { name, role, prefix, hash: hashOf(key), revokedAt: null });
  await em.flush();
  return { apiKey, key };
}

/** Who is calling: the valid API key of a bearer token, null without one; a bad token is an error. */
export async function authenticate(em: EntityManager, authorization: string | undefined): Promise<ApiKey | null> {
  if (!authorization) return null;
  const [scheme, key] = authorization.trim().split(/\s+/, 2);
  const match = scheme?.toLowerCase() === 'bearer' && key ? KEY_PATTERN.exec(key) : null;
  const apiKey = match ? await em.findOne(ApiKey, { prefix: match[1] }) : null;
  const matches = apiKey && timingSafeEqual(Buffer.from(apiKey.hash), Buffer.from(hashOf(key!)));
  if (!apiKey || !matches || apiKey.revokedAt) throw new UnauthenticatedError('invalid');
  return apiKey;
}

/** Admins may do everything editors may. */
export function hasRole(apiKey: ApiKey, required: Role): boolean {
  return required === Role.EDITOR || apiKey.role === Role.ADMIN;
}

/**
 * The one access rule, for `@Authorized(...roles)` and for the protected types alike: a caller needs a valid key
 * (UNAUTHENTICATED without one) holding any one of the roles (FORBIDDEN otherwise); no role named means any key.
 */
export function requireAnyRole(apiKey: ApiKey | null, roles: readonly Role[]): void {
  if (!apiKey) throw new UnauthenticatedError('missing');
  if (roles.length > 0 && !roles.some((role) => hasRole(apiKey, role))) throw new ForbiddenError(roles);
}
