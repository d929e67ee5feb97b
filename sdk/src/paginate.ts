/** The part of a Relay connection the iterator needs. */
export interface ConnectionPage<TNode> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ReadonlyArray<TNode>;
}

export interface PaginateOptions {
  /** Items fetched per request (the API allows at most 100). Default 50. */
  pageSize?: number;
  /** Stop after this many items. Default: all of them. */
  limit?: number;
}

type PageVariables = { first?: number | null; after?: string | null };

/** Keeps TypeScript from inferring a type parameter from this position (the operation's own types win). */
type NoInfer<T> = [T][T extends unknown ? 0 : never];

/**
 * Follows a connection's cursors page by page, yielding its items one at a time:
 *
 *   for await (const member of paginate(client.organisations, { filter: { isMember: true } }, (data) => data.organisations)) { … }
 */
export async function* paginate<TVariables, TResult, TNode>(
  fetchPage: (variables: TVariables) => Promise<TResult>,
  variables: NoInfer<Omit<NonNullable<TVariables>, 'first' | 'after'> & PageVariables>,
  selectConnection: (result: TResult) => ConnectionPage<TNode> | null | undefined,
  { pageSize = 50, limit = Number.POSITIVE_INFINITY }: PaginateOptions = {},
): AsyncGenerator<TNode, void, undefined> {
  let after = variables.after ?? null;
  let yielded = 0;
  while (yielded < limit) {
    const first = Math.min(pageSize, limit - yielded);
    const connection = selectConnection(await fetchPage({ ...variables, first, after } as TVariables));
    if (!connection) return;
    for (const node of connection.nodes) {
      yield node;
      yielded += 1;
      if (yielded >= limit) return;
    }
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}
