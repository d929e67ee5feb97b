/**
 * Typed client for the MCE graph API.
 *
 *   import { createClient } from '@mce/sdk';
 *   const client = createClient({ url: 'http://127.0.0.1:4000/graphql' });
 *   const { conference } = await client.conference({ year: 2014 });
 */
export { createClient, type ClientOptions, type MceClient } from './client';
export {
  GraphQLRequestError,
  MceSdkError,
  NetworkError,
  RequestAbortedError,
  TimeoutError,
  UnexpectedResponseError,
  type GraphQLErrorDetail,
} from './errors';
export { paginate, type ConnectionPage, type PaginateOptions } from './paginate';
export type { HeadersInput, RequestOptions } from './request-options';
export {
  registeredOperations,
  type Operations,
  type RegisteredOperation,
  type Requester,
} from './generated/operations';
// The typed documents, operation result and variable types, enums and input types, for apps that use them
// with Apollo Client, urql or their own fetch.
export * from './generated/graphql';
