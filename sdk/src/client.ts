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
import { createOperations, type Operations } from './generated/operations';
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
    argumentPath: Array.isArray(extensions.argumentPath) ? (extensions.argumentPath as Array<string | number>) : undefined,
    locations: error.locations,
    extensions,
  };
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

    let response: Response;
    let text: string;
    try {
      response = await fetchImplementation(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: queryText(document), variables, operationName: operationName(document) }),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (callerSignal?.aborted) throw new RequestAbortedError(callerSignal.reason);
      if (timedOut) throw new TimeoutError(timeoutMs);
      throw new NetworkError(`Could not reach ${options.url}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
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
      throw new GraphQLRequestError<TResult>(body.errors.map(toDetail), response.status, body.data as TResult | null | undefined);
    }
    if (!response.ok || body.data == null) throw new UnexpectedResponseError(response.status, text);
    return body.data as TResult;
  }

  return { ...createOperations(request), request, paginate };
}
