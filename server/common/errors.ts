import { GraphQLError } from 'graphql';

/**
 * The stable `extensions.code` values clients may rely on. One list, so that a code is never spelled two ways.
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
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A client sent an argument the API cannot accept; `argumentPath` names it, e.g. ['filter', 'year', 'gt']. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentPath: ReadonlyArray<string | number>) {
    super(message, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath: [...argumentPath] },
    });
  }
}

/** The change contradicts the data as it is now (a stale version, a duplicate, a reference in the way). */
export class ConflictError extends GraphQLError {
  constructor(message: string, argumentPath?: ReadonlyArray<string | number>) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...(argumentPath ? { argumentPath: [...argumentPath] } : {}) } });
  }
}

/** An ID names no record of the type the argument takes. */
export class NotFoundError extends GraphQLError {
  constructor(message: string, argumentPath: ReadonlyArray<string | number>) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, argumentPath: [...argumentPath] } });
  }
}

/** The database cannot be reached; the client may retry later. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message = 'The database is unavailable; try again shortly.') {
    super(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
  }
}
