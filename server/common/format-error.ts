import { AsyncLocalStorage } from 'node:async_hooks';
import { unwrapResolverError } from '@apollo/server/errors';
import { ConnectionException, DriverException } from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ErrorCode } from './errors';
import { logger } from './logger';

/** The id of the request being served, for errors formatted outside any resolver context. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Codes whose messages were written for clients (ours, and those Apollo and graphql-js assign). */
const CLIENT_FACING_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ErrorCode.RATE_LIMITED,
  ErrorCode.SERVICE_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001']);

function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  return error instanceof DriverException && /connect|terminat|Connection/i.test(error.message);
}

/**
 * Every error leaves the server through here. Errors meant for clients keep their message and code; argument
 * validation failures become BAD_USER_INPUT naming the argument; database outages become SERVICE_UNAVAILABLE;
 * anything else is masked as INTERNAL_SERVER_ERROR with the request id, and logged in full under that id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const requestId = requestScope.getStore()?.requestId;
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof ArgumentValidationError) {
    const [first] = original.extensions.validationErrors;
    const { path: argumentPath, constraint } = firstConstraint(first);
    return {
      ...base,
      message: `Invalid argument ${argumentPath.join('.')}: ${constraint}`,
      extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseUnavailable(original)) {
    logger.warn('database unavailable', { requestId, error: String(original) });
    return {
      ...base,
      message: 'The database is unavailable; try again shortly.',
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId },
    };
  }
  logger.error('unexpected error', { requestId, error: original instanceof Error ? original.stack : String(original) });
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** The deepest failing property (e.g. filter.name.contains) and its first message. */
function firstConstraint(error: ValidationErrorLike, parents: string[] = []): { path: string[]; constraint: string } {
  const path = [...parents, error.property];
  const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
  if (message) return { path, constraint: message };
  const [child] = error.children ?? [];
  return child ? firstConstraint(child, path) : { path, constraint: 'is invalid' };
}
