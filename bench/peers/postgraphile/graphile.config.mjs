// PostGraphile 5 over this API's tables, for the side-by-side benchmark. The amber preset, less its
// PgIndexBehaviorsPlugin: that plugin offers ordering and conditions only on indexed columns, and this API orders
// organisations and countries by name and topics by position, which have no index. Its pool keeps connections
// open between runs, as every peer's does (pg's default closes them after 10 s idle).
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');

export default {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString,
      poolConfig: { max: Number(process.env.POOL_SIZE ?? 10), idleTimeoutMillis: 0 },
      schemas: ['public'],
    }),
  ],
  grafserv: { port: Number(process.env.PORT ?? 5678), host: '127.0.0.1', graphqlPath: '/graphql', graphiql: false },
};
