/** One error of a GraphQL response, as the API reports it. */
export interface GraphQLErrorDetail {
  message: string;
  /** The stable `extensions.code`, e.g. `BAD_USER_INPUT`, `GRAPHQL_VALIDATION_FAILED`, `SERVICE_UNAVAILABLE`. */
  code: string | undefined;
  /** Where in the result the error happened, e.g. `["countries"]`. */
  path: ReadonlyArray<string | number> | undefined;
  /** For bad input: which argument, e.g. `["filter", "name", "contains"]`. */
  argumentPath: ReadonlyArray<string | number> | undefined;
  locations: ReadonlyArray<{ line: number; column: number }> | undefined;
  extensions: Readonly<Record<string, unknown>>;
}

/** Every error the SDK throws extends this, so one `instanceof` catches them all. */
export class MceSdkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The server answered, with GraphQL errors. Nothing is dropped: every error, the HTTP status and whatever
 * partial data came with them are here.
 */
export class GraphQLRequestError<TData = unknown> extends MceSdkError {
  constructor(
    readonly errors: ReadonlyArray<GraphQLErrorDetail>,
    readonly status: number,
    readonly data: TData | null | undefined,
  ) {
    super(errors.map((error) => (error.code ? `${error.code}: ${error.message}` : error.message)).join('\n'));
  }

  /** The distinct error codes, e.g. `["BAD_USER_INPUT"]`. */
  get codes(): string[] {
    return [...new Set(this.errors.map((error) => error.code).filter((code): code is string => code !== undefined))];
  }

  /** Whether any error carries this code. */
  hasCode(code: string): boolean {
    return this.errors.some((error) => error.code === code);
  }
}

/** The server answered with something that is not a GraphQL response (a proxy's error page, say). */
export class UnexpectedResponseError extends MceSdkError {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`Unexpected response from the server (HTTP ${status}): ${body.slice(0, 200)}`);
  }
}

/** The request never got an answer: the server was unreachable or the connection failed. */
export class NetworkError extends MceSdkError {}

/** No answer within the time allowed. */
export class TimeoutError extends NetworkError {
  constructor(readonly timeoutMs: number) {
    super(`No response within ${timeoutMs} ms`);
  }
}

/** The caller's own AbortSignal cancelled the request. */
export class RequestAbortedError extends NetworkError {
  constructor(reason: unknown) {
    super('The request was aborted', { cause: reason });
  }
}
