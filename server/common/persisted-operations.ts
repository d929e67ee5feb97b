import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { AppConfig } from '../config';
import registry from '../../sdk/persisted-operations.json';
import { PersistedQueryNotInListError } from './errors';

/** The SDK's operations by id (the SHA-256 of their text), from the manifest codegen writes. */
const registeredTexts = new Map(registry.operations.map((operation) => [operation.id, operation.body]));

/**
 * How the server treats persisted queries (PERSISTED_OPERATIONS):
 * - `apq`: automatic persisted queries: a client may send a hash in place of a query it has sent before
 *   (Apollo Server keeps them in its bounded in-memory cache);
 * - `only`: only the SDK's registered operations run, sent by hash or as their full text; anything else is
 *   refused with PERSISTED_QUERY_NOT_IN_LIST (this also refuses introspection, so the IDE cannot load);
 * - `off`: neither; a request carrying a hash gets PERSISTED_QUERY_NOT_SUPPORTED.
 */
export function persistedOperationsSetup<TContext extends object>(
  mode: AppConfig['persistedOperations'],
): { persistedQueries: ApolloServerOptions<TContext>['persistedQueries']; plugins: ApolloServerPlugin<TContext>[] } {
  if (mode === 'off') return { persistedQueries: false, plugins: [] };
  if (mode === 'apq') return { persistedQueries: undefined, plugins: [] };
  return {
    // The registry is the cache Apollo looks hashes up in; nothing new is ever stored in it.
    persistedQueries: {
      ttl: null,
      cache: {
        get: async (key: string) => registeredTexts.get(key.replace(/^apq:/, '')),
        set: async () => undefined,
        delete: async () => false,
      },
    },
    plugins: [
      {
        async requestDidStart() {
          return {
            // Runs after parsing, so a text that is not registered is refused here (its hash is Apollo's own).
            async didResolveOperation({ queryHash }) {
              if (registeredTexts.has(queryHash)) return;
              throw new PersistedQueryNotInListError();
            },
          };
        },
      },
    ],
  };
}
