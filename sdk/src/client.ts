import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import {
  GraphQLRequestError,
  NetworkError,
  RequestAbortedError,
  TimeoutError,
  UnexpectedResponseError,
  type GraphQLErrorDetail,
} from './errors';
import { createOperations, registeredOperations, type Operations } from './generated/operations';
import { paginate } from './paginate';
import type { HeadersInput, RequestOptions } from './request-options';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** Headers for every request, or a (possibly async) function returning them, e.g. for an API key. */
  headers?: HeadersInput | (() => HeadersInput | Promise<HeadersInput>);
  /** A `fetch` to use instead of the global one (for tests, proxies, or older runtimes). */
  fetch?: typeof fetch;
  /** Give up on a request after this many milliseconds. Default 30 000. */
  timeoutMs?: number;
  /**
   * Send an operation's SHA-256 instead of its text (persisted queries). A server that does not know the hash
   * yet answers PERSISTED_QUERY_NOT_FOUND and the client sends the text once more with it (automatic persisted
   * queries); a server in PERSISTED_OPERATIONS=only mode knows every SDK operation already. Default false.
   */
  persistedQueries?: boolean;
}

export interface MceClient extends Operations {
  /** Runs any typed document (an SDK document, or one of your own). */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    options?: RequestOptions,
  ): Promise<TResult>;
  /** Iterates over every item of a connection; see `paginate`. */
  paginate: typeof paginate;
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: Array<{
    message?: unknown;
    path?: Array<string | number>;
    locations?: Array<{ line: number; column: number }>;
    extensions?: Record<string, unknown>;
  }>;
}

const printed = new WeakMap<DocumentNode, string>();

function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/** The SDK's operations are sent as registered (sdk/persisted-operations.json); other documents as printed. */
function sentText(document: DocumentNode): string {
  return registeredOperations.get(document)?.text ?? queryText(document);
}

const hashes = new Map<string, Promise<string>>();

/** SHA-256 (hex) of an operation's text: registered for the SDK's own, computed once for any other. */
function operationHash(document: DocumentNode): Promise<string> {
  const registered = registeredOperations.get(document);
  if (registered) return Promise.resolve(registered.id);
  const text = queryText(document);
  let hash = hashes.get(text);
  if (hash === undefined) {
    hash = globalThis.crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(text))
      .then((digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''));
    hashes.set(text, hash);
  }
  return hash;
}

function operationName(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') return definition.name?.value;
  }
  return undefined;
}

function toDetail(error: NonNullable<GraphQLResponseBody['errors']>[number]): GraphQLErrorDetail {
  const extensions = error.extensions ?? {};
  return {
    message: typeof error.message === 'string' ? error.message : 'Unknown error',
    code: typeof extensions.code === 'string' ? extensions.code : undefined,
    path: error.path,
    argumentPath: Array.isArray(extensions.argumentPath)
      ? (extensions.argumentPath as Array<string | number>)
      : undefined,
    locations: error.locations,
    extensions,
  };
}

function isPersistedQueryNotFound(text: string): boolean {
  try {
    const body = JSON.parse(text) as GraphQLResponseBody;
    return body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') ?? false;
  } catch {
    return false;
  }
}

/** Creates a client; every operation of the API is a typed method on it. */
export function createClient(options: ClientOptions): MceClient {
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  if (typeof fetchImplementation !== 'function') {
    throw new TypeError('No fetch available: pass `fetch` in the client options.');
  }
  const defaultTimeout = options.timeoutMs ?? 30_000;

  async function request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    requestOptions: RequestOptions = {},
  ): Promise<TResult> {
    const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers);
    new Headers(requestOptions.headers).forEach((value, key) => headers.set(key, value));
    headers.set('content-type', 'application/json');
    if (!headers.has('accept')) headers.set('accept', 'application/graphql-response+json, application/json');

    // One controller for both ways a request can be cut short, so that we know which one it was.
    const timeoutMs = requestOptions.timeoutMs ?? defaultTimeout;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const callerSignal = requestOptions.signal;
    const forwardAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forwardAbort();
    else callerSignal?.addEventListener('abort', forwardAbort, { once: true });

    const name = operationName(document);
    const send = async (payload: Record<string, unknown>): Promise<{ response: Response; text: string }> => {
      const response = await fetchImplementation(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: controller.signal,
      });
      return { response, text: await response.text() };
    };

    let response: Response;
    let text: string;
    try {
      if (options.persistedQueries) {
        const persistedQuery = { version: 1, sha256Hash: await operationHash(document) };
        ({ response, text } = await send({ variables, operationName: name, extensions: { persistedQuery } }));
        // The server has not seen this hash yet: send the text along once, and it remembers it.
        if (isPersistedQueryNotFound(text)) {
          ({ response, text } = await send({
            query: sentText(document),
            variables,
            operationName: name,
            extensions: { persistedQuery },
          }));
        }
      } else {
        ({ response, text } = await send({ query: sentText(document), variables, operationName: name }));
      }
    } catch (error) {
      if (callerSignal?.aborted) throw new RequestAbortedError(callerSignal.reason);
      if (timedOut) throw new TimeoutError(timeoutMs);
      throw new NetworkError(
        `Could not reach ${options.url}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forwardAbort);
    }

    let body: GraphQLResponseBody;
    try {
      body = JSON.parse(text) as GraphQLResponseBody;
    } catch {
      throw new UnexpectedResponseError(response.status, text);
    }
    if (body === null || typeof body !== 'object' || (!('data' in body) && !('errors' in body))) {
      throw new UnexpectedResponseError(response.status, text);
    }
    if (body.errors && body.errors.length > 0) {
      throw new GraphQLRequestError<TResult>(
        body.errors.map(toDetail),
        response.status,
        body.data as TResult | null | undefined,
      );
    }
    if (!response.ok || body.data == null) throw new UnexpectedResponseError(response.status, text);
    return body.data as TResult;
  }

  return { ...createOperations(request), request, paginate };
}
