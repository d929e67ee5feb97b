import type { Operation } from './generate';

/**
 * What every answer of the API must satisfy, whatever it was sent: shared by fuzz.test.ts and abuse.test.ts.
 */

/** The `extensions.code` values a client can get (README "Errors", plus Apollo's request-level codes). */
export const STABLE_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // Persisted-operations safelist, when it is on (PERSISTED_OPERATIONS=only; server/common/errors.ts).
  'PERSISTED_QUERY_NOT_IN_LIST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

/** Text that only an internal failure would put in a response: stack frames, SQL, ORM, driver, engine errors. */
export const LEAK_PATTERNS: RegExp[] = [
  /\n\s*at \S/,
  /\bat [\w.<>$]+ \(/,
  /\.(ts|js|mjs|cjs):\d+/,
  /node_modules/,
  /\bselect\s.{0,200}\sfrom\s/i,
  /\binsert into\b/i,
  /\bviolates\b/i,
  /\brelation "/i,
  /\bMikroORM\b/i,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError:)/,
  /Cannot read propert/,
  /Maximum call stack/,
  /\bstacktrace\b/i,
  /invalid input syntax/i,
  /invalid byte sequence/i,
  /out of range for type/i,
  /duplicate key/i,
  /\bpglite\b/i,
];

export interface ErrorBody {
  message?: unknown;
  extensions?: { code?: unknown; [key: string]: unknown };
}

export interface Exchange {
  operation: Operation;
  status: number;
  contentType: string | null;
  text: string;
  body?: { data?: unknown; errors?: ErrorBody[] };
  milliseconds: number;
}

/** Sends one operation as a client would (POST JSON, or GET with no content type as urql does). */
export async function sendOperation(endpoint: string, operation: Operation, editorKey?: string): Promise<Exchange> {
  const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json' };
  if (operation.withKey && editorKey) headers.authorization = `Bearer ${editorKey}`;
  const started = Date.now();
  let response: Response;
  if (operation.get) {
    const params = new URLSearchParams({ query: operation.query });
    if (operation.variables) params.set('variables', JSON.stringify(operation.variables));
    response = await fetch(`${endpoint}?${params}`, { headers });
  } else {
    const body = operation.rawBody ?? JSON.stringify({ query: operation.query, variables: operation.variables });
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
  }
  const text = await response.text();
  let body: Exchange['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return {
    operation,
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    body,
    milliseconds: Date.now() - started,
  };
}

/** The first broken invariant of one answer, or undefined when it holds them all. */
export function checkResponse({ status, text, body }: Pick<Exchange, 'status' | 'text' | 'body'>): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return 'the body is not a GraphQL response (JSON object)';
  if (!('data' in body) && !Array.isArray(body.errors)) return 'the body has neither data nor errors';
  if (status >= 400 && !body.errors?.length) return `HTTP ${status} without errors`;
  for (const error of body.errors ?? []) {
    if (typeof error.message !== 'string') return 'an error without a message';
    const code = error.extensions?.code;
    if (typeof code !== 'string') return 'an error without a string extensions.code';
    if (code === 'INTERNAL_SERVER_ERROR') return 'INTERNAL_SERVER_ERROR';
    if (!STABLE_CODES.has(code)) return `an error with an unexpected code ${code}`;
  }
  const leak = LEAK_PATTERNS.find((pattern) => pattern.test(text));
  if (leak) return `the response leaks internals (${leak})`;
  return undefined;
}
