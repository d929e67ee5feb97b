import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlConnection } from './read-routing';

type Row = Record<string, unknown>;

/** What a pooled connection of the ORM's knex pool is: a `pg` client. */
interface PgClient {
  query(config: { text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}

/**
 * A read the query builder wrote, run on one of the ORM's own pooled connections with its values bound as
 * parameters, not through `connection.execute`.
 *
 * `execute` writes every value into the SQL text (escaping each one), hands the text to knex, which scans it for
 * bindings again and runs it through its query runner: together about a twentieth of the read path's CPU time.
 * Here the statement text is the builder's, with `?` turned into `$1…$n` once per text, and the values travel as
 * parameters. The pool, its statement timeout and its connection checks are the ORM's (the same knex pool);
 * errors are pg's own, with the same codes `execute` passes on (common/format-error.ts reads the codes); and with
 * the ORM's query log on (`debug: ['query']`, as the SQL-counting tests set it) each statement is logged as
 * `execute` logs it, values inlined.
 *
 * Only for values PostgreSQL reads alike as literals and as parameters: strings, numbers, booleans, bigints. The
 * caller falls back to `execute` (`undefined` here) for anything else (arrays, objects, dates, raw fragments),
 * and for knex's `??` identifier bindings.
 */
export async function pooledQuery(
  em: EntityManager,
  connection: SqlConnection,
  sql: string,
  bindings: readonly unknown[],
): Promise<Row[] | undefined> {
  if (!bindings.every(isPlainValue)) return undefined;
  const text = numberedText(sql);
  if (text === undefined) return undefined;
  const client = connection.getKnex().client as unknown as KnexClient;
  const logger = em.config.getLogger();
  const logging = logger.isEnabled('query');
  const started = logging ? Date.now() : 0;
  await connection.ensureConnection();
  const pooled = await client.acquireConnection();
  try {
    const { rows } = await pooled.query({ text, values: [...bindings] });
    if (logging)
      logger.logQuery({
        level: 'info',
        query: em.getPlatform().formatQuery(sql, [...bindings]),
        took: Date.now() - started,
        results: rows.length,
      });
    return rows;
  } finally {
    await client.releaseConnection(pooled);
  }
}

function isPlainValue(value: unknown): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint';
}

/** Texts already numbered: the builder's texts come in a few hundred shapes (see prepared-sql.ts). */
const MAX_TEXTS = 2000;
const numbered = new Map<string, string | null>();

/**
 * knex's `?` bindings as PostgreSQL's `$1…$n`, `\?` as a literal `?` (as knex reads them); undefined for a text
 * with a `??` identifier binding, which only `execute` fills in.
 */
function numberedText(sql: string): string | undefined {
  let text = numbered.get(sql);
  if (text === undefined) {
    text = sql.includes('??') ? null : numberBindings(sql);
    if (numbered.size >= MAX_TEXTS) numbered.delete(numbered.keys().next().value!);
    numbered.set(sql, text);
  }
  return text ?? undefined;
}

function numberBindings(sql: string): string {
  let index = 0;
  return sql.replace(/\\\?|\?/g, (match) => (match === '?' ? `$${++index}` : '?'));
}
