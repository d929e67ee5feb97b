import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createApp, type RunningApp } from '../../server/app';
import { createLogger } from '../../server/common/logger';
import { initOrm } from '../../server/database/orm';
import { prepareDatabase } from '../../server/database/prepare';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { postGraphQL } from '../helpers/graphql';
import { testConfig } from '../helpers/server';
import { createOwnDatabase, dropOwnDatabase, requireLocalPostgres } from './local-postgres';

/**
 * STATEMENT_TIMEOUT_MS bounds every statement: the server cancels one that runs longer (SQLSTATE 57014) and
 * the client gets 503 SERVICE_UNAVAILABLE with Retry-After, "The database did not answer in time", in about
 * the timeout; then service goes on. Proved with a lock held from another connection, on a real PostgreSQL
 * server in a database of this test's own: the embedded engine (PGlite) accepts `statement_timeout` but does
 * not enforce it, and it runs in this process, so a long statement there cannot be cut short at all.
 */
const DATABASE = 'mce_statement_timeout';
const TIMEOUT_MS = 600;

const hasServer = requireLocalPostgres('the statement timeout test');
const serverTest = hasServer ? describe : describe.skip;

serverTest('the statement timeout, on a real PostgreSQL server', () => {
  let url: string;
  let orm: MikroORM;
  let running: RunningApp;
  let endpoint: string;
  let editorKey: string;
  let locker: Client;

  beforeAll(async () => {
    url = await createOwnDatabase(DATABASE);
    orm = await initOrm({ url, embedded: false, statementTimeoutMs: TIMEOUT_MS }, createLogger(testConfig));
    await prepareDatabase(orm, { seed: true });
    editorKey = (await createApiKey(orm.em.fork(), 'timeout editor', Role.EDITOR)).key;
    const app = await createApp({
      orm,
      config: { ...testConfig, environment: 'test', statementTimeoutMs: TIMEOUT_MS },
    });
    running = await app.listen(0, '127.0.0.1');
    endpoint = `${running.url}/graphql`;
    locker = new Client({ connectionString: url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await running?.close();
    await orm?.close(true);
    await dropOwnDatabase(DATABASE);
  });

  it('is set on every connection the pool opens', async () => {
    const connection = orm.em.fork().getConnection();
    // Held for a moment each, so that the pool must open several connections.
    const rows = await Promise.all(
      Array.from({ length: 4 }, () =>
        connection.execute<Array<{ timeout: string; pid: number }>>(
          `select current_setting('statement_timeout') as timeout, pg_backend_pid() as pid from pg_sleep(0.2)`,
        ),
      ),
    );
    const settings = rows.flat();
    expect(new Set(settings.map((row) => row.pid)).size).toBeGreaterThan(1);
    expect(settings.map((row) => row.timeout)).toEqual(settings.map(() => `${TIMEOUT_MS}ms`));

    const started = Date.now();
    await expect(connection.execute('select pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
  });

  it('answers a read held up by a lock with 503 SERVICE_UNAVAILABLE in about the timeout, then works again', async () => {
    const query = '{ countries(first: 3, orderBy: { field: CODE, direction: ASC }) { totalCount nodes { code } } }';
    const before = await postGraphQL(endpoint, query);
    expect(before.status).toBe(200);

    await locker.query('begin');
    await locker.query('lock table country in access exclusive mode');
    try {
      const started = Date.now();
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const took = Date.now() - started;
      const body = (await response.json()) as {
        data: unknown;
        errors: Array<{ message: string; extensions: { code: string } }>;
      };
      console.log(
        `statement timeout ${TIMEOUT_MS} ms: a read held up by a lock got ${response.status} after ${took} ms`,
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(body.errors[0]).toMatchObject({
        message: 'The database did not answer in time; try again shortly.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      expect(JSON.stringify(body)).not.toMatch(/select|statement timeout|57014/i);
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(took).toBeLessThan(TIMEOUT_MS + 1500);
    } finally {
      await locker.query('rollback');
    }

    const after = await postGraphQL(endpoint, query);
    expect(after.status).toBe(200);
    expect(after.data).toEqual(before.data);
  });

  it('answers a write held up by a lock with 503 and writes nothing, then the same write succeeds', async () => {
    const mutation = 'mutation ($input: CreateThemeInput!) { createTheme(input: $input) { slug } }';
    const input = {
      slug: 'statement-timeout-theme',
      name: 'Statement timeout theme',
      description: 'Written after a lock.',
    };
    const headers = { authorization: `Bearer ${editorKey}` };
    const audits = async () =>
      Number(
        (await locker.query(`select count(*) as n from audit_entry where after ->> 'slug' = $1`, [input.slug])).rows[0]
          .n,
      );

    await locker.query('begin');
    await locker.query('lock table theme in access exclusive mode');
    let blocked;
    const started = Date.now();
    try {
      blocked = await postGraphQL(endpoint, mutation, { input }, headers);
    } finally {
      await locker.query('rollback');
    }
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
    expect(blocked.status).toBe(503);
    expect(blocked.errors?.[0]).toMatchObject({
      message: 'The database did not answer in time; try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect((await locker.query('select count(*) as n from theme where slug = $1', [input.slug])).rows[0].n).toBe('0');
    expect(await audits()).toBe(0);

    const retried = await postGraphQL(endpoint, mutation, { input }, headers);
    expect(retried.status).toBe(200);
    expect(retried.data).toEqual({ createTheme: { slug: input.slug } });
    expect(await audits()).toBe(1);
  });
});
