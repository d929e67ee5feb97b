import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; argumentPath?: Array<string | number>; [key: string]: unknown };
}

export interface GraphQLResponse<TData> {
  status: number;
  contentType: string | null;
  data?: TData | null;
  errors?: GraphQLErrorBody[];
}

/** POSTs one operation over real HTTP, as any client would, and returns status and body. */
export async function postGraphQL<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  endpoint: string,
  query: string | DocumentNode | TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: GraphQLErrorBody[] };
  return { status: response.status, contentType: response.headers.get('content-type'), ...body };
}

/** Like postGraphQL, but fails the test on any error and returns the data. */
export async function queryData<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  endpoint: string,
  query: string | DocumentNode | TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  const result = await postGraphQL(endpoint, query, variables);
  if (result.errors?.length || result.status !== 200) {
    throw new Error(`GraphQL request failed (${result.status}): ${JSON.stringify(result.errors)}`);
  }
  return result.data as TData;
}
