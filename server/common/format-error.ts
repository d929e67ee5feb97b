import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ConnectionException, DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import {
  BadRequestError,
  BadUserInputError,
  CLIENT_FACING_CODES,
  DocumentTooDeepError,
  ErrorCode,
  InternalServerError,
  ServiceUnavailableError,
} from './errors';
import type { Logger } from './logger';

/**
 * The database cannot be reached or is going away: refused or broken connections (Node's codes), and
 * PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down),
 * too_many_connections and the connection_exception class (08xxx).
 */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** query_canceled: the statement ran past STATEMENT_TIMEOUT_MS (or an operator cancelled it). */
const STATEMENT_TIMEOUT_CODE = '57014';

/**
 * The error and what it wraps: graphql-js wraps a thrown non-Error (knex rejects a transaction whose connection
 * could not be made with the bare `{ errno, code: 'ECONNREFUSED', … }` object) in a NonErrorThrown whose
 * `thrownValue` is the original; other layers use `cause`.
 */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current && typeof current === 'object' && chain.length < 5;) {
    chain.push(current);
    const wrapper = current as { thrownValue?: unknown; cause?: unknown };
    current = wrapper.thrownValue ?? wrapper.cause;
  }
  return chain;
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some(isConnectionFailure);
}

/**
 * pg's own words when the connection under a statement broke; they come with no SQLSTATE, and a COMMIT's reaches
 * us as a plain Error (knex ends the transaction itself, past the ORM's exception converter).
 */
const CONNECTION_LOST = /Connection terminated|Connection ended unexpectedly|not queryable/i;

/** A COMMIT whose connection broke: the database may have stored the change, or not. */
function isCommitOutcomeUnknown(error: unknown): boolean {
  return errorChain(error).some(
    (link) => link instanceof Error && /^COMMIT\b/.test(link.message) && CONNECTION_LOST.test(link.message),
  );
}

function isConnectionFailure(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  if (error instanceof Error && CONNECTION_LOST.test(error.message)) return true;
  const code = codeOf(error);
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  // The pool waited its acquireTimeoutMillis for a connection (the database is down or every connection busy).
  if (error instanceof Error && error.name === 'KnexTimeoutError') return true;
  // pg's own messages, with no code: "Connection terminated unexpectedly", "… not queryable", "timeout expired";
  // and knex's "Transaction query already complete", what a mutation's next statement gets when the connection
  // under its transaction broke at BEGIN (every transaction here runs inside one `edit`, which never reuses one).
  return (
    error instanceof DriverException &&
    /connect|terminat|Connection|Transaction query already complete/i.test(error.message)
  );
}

function isStatementTimeout(error: unknown): boolean {
  return errorChain(error).some((link) => codeOf(link) === STATEMENT_TIMEOUT_CODE);
}

/**
 * What the log says about a database failure: its class, code and the driver's own words, never the SQL
 * (MikroORM puts the statement, with the request's values, before " - " in the message).
 */
function databaseErrorFields(error: unknown): { error: string; code?: string } {
  const innermost = errorChain(error).at(-1);
  const code = errorChain(error)
    .map(codeOf)
    .find((value) => typeof value === 'string') as string | undefined;
  const message =
    innermost instanceof Error ? innermost.message : String((innermost as { message?: unknown })?.message ?? innermost);
  const name = error instanceof Error ? error.name : 'Error';
  return { error: `${name}: ${message.split(' - ').at(-1)}`, ...(code ? { code } : {}) };
}

/**
 * Every error leaves the server through here. Errors meant for clients keep their message and code; argument
 * validation failures become BAD_USER_INPUT naming the argument; database outages become SERVICE_UNAVAILABLE;
 * anything else is masked as INTERNAL_SERVER_ERROR with the request id, and logged in full under that id.
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const scope = typeof error === 'object' && error !== null ? requestOfError.get(error) : undefined;
    return formatError(formatted, error, scope?.log ?? logger, scope?.requestId);
  };
}

/**
 * The request each error arose in, noted by `errorRequestPlugin` before Apollo formats the errors: Apollo's
 * formatError is one function for the whole server and is not told the request.
 */
const requestOfError = new WeakMap<object, { requestId: string; log: Logger | undefined }>();

/** Notes, for formatError, which request (its id and logger) every error of a GraphQL request arose in. */
export function errorRequestPlugin<
  TContext extends { requestId: string; scope?: { log: Logger } },
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const request = { requestId: contextValue.requestId, log: contextValue.scope?.log };
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) requestOfError.set(error, request);
        },
      };
    },
  };
}

function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  requestId: string | undefined,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // Where in the document and the response the error arose; the errors built here know neither.
  const at = (answer: GraphQLError): GraphQLFormattedError => ({
    locations: formatted.locations,
    path: formatted.path,
    ...answer.toJSON(),
  });

  if (original instanceof ArgumentValidationError) {
    const [first] = original.extensions.validationErrors;
    const { path: argumentPath, constraint } = firstConstraint(first);
    return at(new BadUserInputError(`Invalid argument ${argumentPath.join('.')}: ${constraint}`, argumentPath));
  }
  // Request errors that graphql-js and Apollo raise without a code (too many invalid variables, a persisted query
  // whose hash does not match) are the client's doing, as is a document nested so deeply that the parser runs out
  // of stack: answer them as such, not as crashes, and without the engine's message.
  if (error instanceof GraphQLError && error.extensions.code === undefined && !error.path && !error.originalError) {
    return at(new BadRequestError(formatted.message));
  }
  const parseCause = error instanceof GraphQLError ? error.originalError : undefined;
  if (
    formatted.extensions?.code === ErrorCode.GRAPHQL_PARSE_FAILED &&
    [parseCause, (parseCause as GraphQLError | undefined)?.originalError].some((cause) => cause instanceof RangeError)
  ) {
    return at(new DocumentTooDeepError());
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return at(serverFailure(original, log, requestId));
}

/**
 * What the client is told of a failure that is not its doing, here and on the routes beside GraphQL (the graph
 * export): a database outage or timeout is SERVICE_UNAVAILABLE; anything else is masked as INTERNAL_SERVER_ERROR
 * with the request id, and logged in full under that id.
 */
export function serverFailure(
  error: unknown,
  log: Logger,
  requestId: string | undefined,
): ServiceUnavailableError | InternalServerError {
  if (isStatementTimeout(error)) {
    log.warn(databaseErrorFields(error), 'database statement timed out');
    return new ServiceUnavailableError('timedOut', requestId);
  }
  if (isDatabaseUnavailable(error)) {
    log.warn(databaseErrorFields(error), 'database unavailable');
    return new ServiceUnavailableError(
      isCommitOutcomeUnknown(error) ? 'commitOutcomeUnknown' : 'unreachable',
      requestId,
    );
  }
  log.error({ error: error instanceof Error ? error.stack : String(error) }, 'unexpected error');
  return new InternalServerError(requestId);
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** The deepest failing property (e.g. filter.name.contains) and its first message. */
function firstConstraint(
  error: ValidationErrorLike,
  parents: Array<string | number> = [],
): { path: Array<string | number>; constraint: string } {
  // class-validator names list items by their index as text ("1"); argumentPath gives them as numbers, as
  // everywhere else. (A GraphQL field name never starts with a digit.)
  const path = [...parents, /^\d+$/.test(error.property) ? Number(error.property) : error.property];
  const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
  if (message) return { path, constraint: message };
  const [child] = error.children ?? [];
  return child ? firstConstraint(child, path) : { path, constraint: 'is invalid' };
}
