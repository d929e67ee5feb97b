import { GraphQLRequestError } from '@mce/sdk';

/** The GraphQL error an SDK call fails with; the test fails if it succeeds or fails in another way. */
export async function failure(call: Promise<unknown>): Promise<GraphQLRequestError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
