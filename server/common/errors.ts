import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Every error the API answers with is built here: its class, its `extensions.code` and its message. The codes are
 * the stable values clients may rely on; one list, so that a code is never spelled two ways. Apollo and graphql-js
 * assign some of them themselves (parse and validation failures, persisted-query misses); they are listed too, since
 * clients get them just the same.
 */
export enum ErrorCode {
  /** The request itself is malformed (not JSON, too large, not valid HTTP), as Apollo calls it too. */
  BAD_REQUEST = 'BAD_REQUEST',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** An operation refused because it is not registered (PERSISTED_OPERATIONS=only); the name Apollo's safelisting uses. */
  PERSISTED_QUERY_NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST',
  /** Masked: the message is ours, the details are in the log under the request id. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Codes whose messages were written for clients: every code but INTERNAL_SERVER_ERROR, whose cause is masked. */
export const CLIENT_FACING_CODES: ReadonlySet<string> = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/** How long a client should wait before retrying while the database is down (Retry-After of every 503). */
export const RETRY_AFTER_SECONDS = 5;

type ArgumentPath = ReadonlyArray<string | number>;

/**
 * Errors raised before execution (from a plugin's didResolveOperation) must say their HTTP status, else Apollo
 * answers them with 500; errors from resolvers keep 200, as GraphQL over HTTP has it.
 */
const REFUSED_BEFORE_EXECUTION = { http: { status: 400 } };

/** A client sent an argument the API cannot accept; `argumentPath` names it, e.g. ['filter', 'year', 'gt']. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentPath: ArgumentPath, options: { beforeExecution?: boolean } = {}) {
    super(message, {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        argumentPath: [...argumentPath],
        ...(options.beforeExecution ? REFUSED_BEFORE_EXECUTION : {}),
      },
    });
  }
}

/** The query as a whole asks for more than MAX_COST allows (it is refused before anything runs). */
export class QueryTooCostlyError extends GraphQLError {
  constructor(cost: number, maxCost: number) {
    super(
      `The query costs ${cost} points, over the limit of ${maxCost}: ask for smaller pages (first/last) or fewer nested connections.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, limit: 'cost', cost, maxCost, ...REFUSED_BEFORE_EXECUTION } },
    );
  }
}

/** The request itself is malformed: not JSON, too large, not valid HTTP, or a document the engine cannot take. */
export class BadRequestError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.BAD_REQUEST } });
  }
}

/** A document nested so deeply that the parser ran out of stack: a syntax error, not a crash. */
export class DocumentTooDeepError extends GraphQLError {
  constructor() {
    super('Syntax Error: the document is nested too deeply.', { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } });
  }
}

/** With PERSISTED_OPERATIONS=only, an operation that is not one of the SDK's registered ones. */
export class PersistedQueryNotInListError extends GraphQLError {
  constructor() {
    super(
      'This server runs only registered operations (PERSISTED_OPERATIONS=only): send one of the SDK operations in sdk/persisted-operations.json, by its id or its exact text.',
      { extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, ...REFUSED_BEFORE_EXECUTION } },
    );
  }
}

const UNAUTHENTICATED_MESSAGES = {
  /** No key was sent, where one is needed. */
  missing: 'This needs an API key: send it as `Authorization: Bearer <key>`.',
  /** A key was sent that is no key of ours, or no longer one. */
  invalid: 'The API key is not valid (unknown, malformed or revoked).',
  /** `/metrics` asked for its token (METRICS_TOKEN) and did not get it. */
  metrics: 'The metrics need the scrape token: send it as `Authorization: Bearer <METRICS_TOKEN>`.',
};

/** The caller sent no API key where one is needed, or one that is not valid. */
export class UnauthenticatedError extends GraphQLError {
  constructor(reason: keyof typeof UNAUTHENTICATED_MESSAGES) {
    super(UNAUTHENTICATED_MESSAGES[reason], { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
}

/** The caller's API key holds none of the roles the operation needs. */
export class ForbiddenError extends GraphQLError {
  constructor(roles: readonly string[]) {
    super(`This needs an API key with the role ${roles.join(' or ')}.`, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** The change contradicts the data as it is now (a stale version, a duplicate, a reference in the way). */
export class ConflictError extends GraphQLError {
  constructor(message: string, argumentPath?: ArgumentPath) {
    super(message, {
      extensions: { code: ErrorCode.CONFLICT, ...(argumentPath ? { argumentPath: [...argumentPath] } : {}) },
    });
  }
}

/** An ID names no record of the type the argument takes. */
export class NotFoundError extends GraphQLError {
  constructor(message: string, argumentPath: ArgumentPath) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, argumentPath: [...argumentPath] } });
  }
}

/** An HTTP path this server does not serve: a JSON answer naming what it does serve, never express's HTML page. */
export class RouteNotFoundError extends GraphQLError {
  constructor(method: string, path: string, served: readonly string[]) {
    super(`${method} ${truncatePath(path)} is not served here. Try ${served.join(', ')}.`, {
      extensions: { code: ErrorCode.NOT_FOUND },
    });
  }
}

function truncatePath(path: string): string {
  return path.length > 100 ? `${path.slice(0, 97)}...` : path;
}

/** What the rate-limit refusal says: the policy, and when the client's budget is whole again. */
export interface RateLimitRefusal {
  limit: number;
  windowSeconds: number;
  retryAfterSeconds: number;
  /** The RateLimit header fields (and Retry-After) the answer carries. */
  headers: Record<string, string>;
}

/** The client spent its rate-limit budget for the window (HTTP 429). */
export class RateLimitedError extends GraphQLError {
  constructor({ limit, windowSeconds, retryAfterSeconds, headers }: RateLimitRefusal) {
    super(
      `Rate limit exceeded: this client may spend ${limit} cost points every ${windowSeconds} s; try again in ${retryAfterSeconds} s.`,
      {
        extensions: {
          code: ErrorCode.RATE_LIMITED,
          retryAfterSeconds,
          http: { status: 429, headers: new Map(Object.entries(headers)) },
        },
      },
    );
  }
}

const SERVICE_UNAVAILABLE_MESSAGES = {
  /** Refused or broken connections, a full pool, a database starting up or shutting down. */
  unreachable: 'The database is unavailable; try again shortly.',
  /** A statement ran past STATEMENT_TIMEOUT_MS. */
  timedOut: 'The database did not answer in time; try again shortly.',
  /** The connection broke during COMMIT: the change may or may not be stored. */
  commitOutcomeUnknown:
    'The connection to the database broke while the change was being committed: it may or may not have been saved. Read it back before retrying.',
};

/**
 * The database cannot serve the request; the client may retry after RETRY_AFTER_SECONDS (the request log turns it
 * into HTTP 503 with Retry-After). `requestId` finds the failure in the log.
 */
export class ServiceUnavailableError extends GraphQLError {
  constructor(reason: keyof typeof SERVICE_UNAVAILABLE_MESSAGES, requestId: string | undefined) {
    super(SERVICE_UNAVAILABLE_MESSAGES[reason], { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId } });
  }
}

/** Anything else: the cause is masked, and logged in full under `requestId`. */
export class InternalServerError extends GraphQLError {
  constructor(requestId?: string) {
    super('Internal server error', {
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId !== undefined ? { requestId } : {}) },
    });
  }
}

/**
 * The JSON body of an error answered outside GraphQL (a body the parser refused, HTTP that Node refused, a spent
 * rate limit): shaped as a GraphQL response, so that clients read every error one way. The `http` extension is the
 * server's instruction to itself (status, headers), not part of the answer.
 */
export function errorResponseBody(error: GraphQLError): { errors: [GraphQLFormattedError] } {
  const { http: _http, ...extensions } = error.extensions;
  return { errors: [{ message: error.message, extensions }] };
}
