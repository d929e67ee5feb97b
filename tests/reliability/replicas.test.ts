import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type RunningApp } from '../../server/app';
import { createLogger } from '../../server/common/logger';
import { READ_AFTER_HEADER, WRITE_POSITION_HEADER } from '../../server/common/read-routing';
import { initOrm } from '../../server/database/orm';
import { prepareDatabase } from '../../server/database/prepare';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { testConfig } from '../helpers/server';
import {
  createOwnDatabase,
  dropOwnDatabase,
  LOCAL_POSTGRES_URL,
  requireLocalPostgres,
  withClient,
} from './local-postgres';

/**
 * Read replicas for real: a streaming standby of the local PostgreSQL server (pg_basebackup -R into a second
 * cluster on a free port, logging every statement it runs), and the app with DATABASE_REPLICA_URLS pointing at
 * it. Shown: public reads are served by the standby; writes by the primary; and with the standby's replay paused
 * (so it is really behind), a client that sends back the write position it was given reads its own write at
 * once, from the primary, while a client that does not gets the standby's older answer; once the standby has
 * caught up, the same client is served by the standby again.
 */
const DATABASE = 'mce_replicas';
const BIN = '/usr/lib/postgresql/15/bin';

/** The standby needs the server binaries and replication from loopback (allowed by .ci/run). */
function canRun(): boolean {
  if (!requireLocalPostgres('the read-replica test')) return false;
  const missing = ['pg_basebackup', 'postgres', 'pg_ctl'].filter((binary) => !existsSync(path.join(BIN, binary)));
  if (missing.length === 0) return true;
  const why = `the read-replica test needs ${missing.join(', ')} in ${BIN} to start a standby`;
  if (process.env.CI === 'true') throw new Error(`CI must run ${why.replace('needs', 'but has no')}.`);
  console.log(`Skipping: ${why}.`);
  return false;
}

/** PostgreSQL refuses to run as root: as root, the standby's commands run as the postgres user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };
}

async function post(
  endpoint: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const ORGANISATION = 'query Organisation { organisation(slug: "cork-city-council") { id version name city { name } } }';
const RENAME =
  'mutation Rename($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { version name city { name } } }';

(canRun() ? describe : describe.skip)('read replicas, with a streaming standby of the local PostgreSQL', () => {
  let directory: string;
  let standby: ChildProcess;
  let standbyLog = '';
  let primaryUrl: string;
  let standbyUrl: string;
  let orm: MikroORM;
  let running: RunningApp;
  let endpoint: string;
  let editorKey: string;

  /** The statements the standby ran in our database while `work` ran. */
  async function onStandbyDuring(work: () => Promise<void>): Promise<string[]> {
    const before = standbyLog.length;
    await work();
    // The standby logs a statement as it receives it, before answering; a marker sent afterwards (in another
    // database) is logged after it, so once the marker has arrived, so has every statement of `work`.
    const marker = `marker ${++markers}`;
    await withClient(standbyServerUrl('postgres'), (client) => client.query(`select '${marker}'`));
    const until = Date.now() + 10_000;
    while (!standbyLog.slice(before).includes(marker) && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return [...standbyLog.slice(before).matchAll(/\[mce_replicas\] LOG:\s+(?:statement|execute [^:]*): (.*)/g)].map(
      (match) => match[1],
    );
  }
  let markers = 0;
  function standbyServerUrl(database: string): string {
    const url = new URL(standbyUrl);
    url.pathname = `/${database}`;
    return url.toString();
  }

  beforeAll(async () => {
    primaryUrl = await createOwnDatabase(DATABASE);
    const logger = createLogger(testConfig);
    // Migrated and seeded on the primary before the copy: the standby starts with the data.
    const preparing = await initOrm({ url: primaryUrl, embedded: false }, logger);
    await prepareDatabase(preparing, { seed: true });
    editorKey = (await createApiKey(preparing.em.fork(), 'replica editor', Role.EDITOR)).key;
    await preparing.close(true);

    directory = await mkdtemp(path.join(os.tmpdir(), 'mce-standby-'));
    const dataDir = path.join(directory, 'data');
    if (process.getuid?.() === 0) await chown(directory, Number(spawnSync('id', ['-u', 'postgres']).stdout), 0);
    await chmod(directory, 0o700);
    const server = new URL(LOCAL_POSTGRES_URL);
    const [copy, copyArgs] = asPostgres(path.join(BIN, 'pg_basebackup'), [
      ...['-D', dataDir, '-h', server.hostname, '-p', server.port || '5432', '-U', server.username || 'postgres'],
      ...['-R', '-X', 'stream', '-c', 'fast'],
    ]);
    const copied = spawnSync(copy, copyArgs, { encoding: 'utf8', timeout: 120_000 });
    if (copied.status !== 0) {
      throw new Error(
        `pg_basebackup failed (does pg_hba.conf allow replication from 127.0.0.1? .ci/run adds it): ${copied.stderr}`,
      );
    }
    // A Debian cluster keeps its configuration outside the data folder: the copy gets its own, trusting loopback.
    const [write, writeArgs] = asPostgres('sh', [
      '-c',
      `touch ${dataDir}/postgresql.conf ${dataDir}/pg_ident.conf && printf 'local all all trust\\nhost all all 127.0.0.1/32 trust\\n' > ${dataDir}/pg_hba.conf`,
    ]);
    expect(spawnSync(write, writeArgs).status).toBe(0);

    const port = await freePort();
    const [postgres, postgresArgs] = asPostgres(path.join(BIN, 'postgres'), [
      ...[
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        directory,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'hot_standby=on',
      ],
      ...['-c', 'log_statement=all', '-c', 'log_line_prefix=[%d] ', '-c', 'logging_collector=off'],
    ]);
    standby = spawn(postgres, postgresArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    standby.stdout?.on('data', (chunk: Buffer) => (standbyLog += chunk.toString()));
    standby.stderr?.on('data', (chunk: Buffer) => (standbyLog += chunk.toString()));
    const standbyServer = new URL(primaryUrl);
    standbyServer.port = String(port);
    standbyUrl = standbyServer.toString();
    const until = Date.now() + 60_000;
    for (;;) {
      const ready = await withClient(standbyUrl, (client) =>
        client.query('select pg_is_in_recovery() as standby'),
      ).catch(() => undefined);
      if (ready) {
        expect(ready.rows[0].standby).toBe(true);
        break;
      }
      if (Date.now() > until || standby.exitCode !== null) throw new Error(`the standby did not start:\n${standbyLog}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    orm = await initOrm({ url: primaryUrl, embedded: false, replicaUrls: [standbyUrl] }, logger);
    const app = await createApp({ orm, config: { ...testConfig, environment: 'test' } });
    running = await app.listen(0, '127.0.0.1');
    endpoint = `${running.url}/graphql`;
  }, 180_000);

  afterAll(async () => {
    await running?.close();
    await orm?.close(true);
    if (standby && standby.exitCode === null) {
      const exited = new Promise((resolve) => standby.once('exit', resolve));
      const [stop, stopArgs] = asPostgres(path.join(BIN, 'pg_ctl'), [
        'stop',
        '-D',
        path.join(directory, 'data'),
        '-m',
        'fast',
      ]);
      spawnSync(stop, stopArgs, { timeout: 30_000 });
      await exited;
    }
    if (directory) await rm(directory, { recursive: true, force: true });
    await dropOwnDatabase(DATABASE);
  }, 60_000);

  it('serves public reads from the standby', async () => {
    let answer: Answer | undefined;
    const statements = await onStandbyDuring(async () => {
      answer = await post(
        endpoint,
        'query { organisation(slug: "cork-city-council") { name city { name } talks(first: 5) { nodes { id } } } }',
        {},
      );
    });
    expect(answer?.body).toMatchObject({
      data: { organisation: { name: 'Cork City Council', city: { name: 'Cork' }, talks: { nodes: [] } } },
    });
    // The organisation with its city (joined), then its talks through the batched loader: both on the standby.
    const organisation = statements.filter((statement) => /from "organisation"/.test(statement));
    expect(organisation).toHaveLength(1);
    expect(organisation[0]).toContain('left join "city"');
    expect(statements.filter((statement) => /from "talk"/.test(statement))).toHaveLength(1);
  });

  it('writes on the primary and reads the write at once for the client that sends its position back', async () => {
    const { data } = (await post(endpoint, ORGANISATION, {})).body;
    const before = data?.organisation as { id: string; version: number; name: string };
    await withClient(standbyUrl, (client) => client.query('select pg_wal_replay_pause()'));
    try {
      let renamed: Answer | undefined;
      const duringWrite = await onStandbyDuring(async () => {
        renamed = await post(
          endpoint,
          RENAME,
          { input: { id: before.id, version: before.version, name: 'Cork City Council (renamed)' } },
          {
            authorization: `Bearer ${editorKey}`,
          },
        );
      });
      expect(renamed?.body).toEqual({
        data: {
          updateOrganisation: {
            version: before.version + 1,
            name: 'Cork City Council (renamed)',
            city: { name: 'Cork' },
          },
        },
      });
      // The write and the mutation's own answer (its city, through the loader) came from the primary.
      expect(duringWrite).toEqual([]);
      const written = await withClient(primaryUrl, (client) =>
        client.query(`select name from organisation where slug = 'cork-city-council'`),
      );
      expect(written.rows).toEqual([{ name: 'Cork City Council (renamed)' }]);
      const position = renamed?.headers.get(WRITE_POSITION_HEADER) ?? '';
      expect(position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

      // The standby is really behind: a client that does not say what it wrote gets the standby's answer.
      const stale = await post(endpoint, ORGANISATION, {});
      expect(stale.body).toMatchObject({
        data: { organisation: { name: 'Cork City Council', version: before.version } },
      });
      // The writer, sending its position back, reads its own write: from the primary, the standby being short of it.
      let own: Answer | undefined;
      const duringOwnRead = await onStandbyDuring(async () => {
        own = await post(endpoint, ORGANISATION, {}, { [READ_AFTER_HEADER]: position });
      });
      expect(own?.body).toMatchObject({
        data: { organisation: { name: 'Cork City Council (renamed)', version: before.version + 1 } },
      });
      expect(duringOwnRead.some((statement) => /pg_last_wal_replay_lsn/.test(statement))).toBe(true);
      expect(duringOwnRead.some((statement) => /from "organisation"/.test(statement))).toBe(false);
    } finally {
      await withClient(standbyUrl, (client) => client.query('select pg_wal_replay_resume()'));
    }

    // Caught up, the standby serves the same client again, with the new name.
    const position = (
      await withClient(primaryUrl, (client) => client.query('select pg_current_wal_lsn()::text as position'))
    ).rows[0].position as string;
    const until = Date.now() + 30_000;
    while (
      !(
        await withClient(standbyUrl, (client) =>
          client.query('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [position]),
        )
      ).rows[0].done
    ) {
      if (Date.now() > until) throw new Error('the standby did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let caughtUp: Answer | undefined;
    const statements = await onStandbyDuring(async () => {
      caughtUp = await post(endpoint, ORGANISATION, {}, { [READ_AFTER_HEADER]: position });
    });
    expect(caughtUp?.body).toMatchObject({ data: { organisation: { name: 'Cork City Council (renamed)' } } });
    expect(statements.filter((statement) => /from "organisation"/.test(statement))).toHaveLength(1);
  });

  it('sends a read-after value that is not a WAL position to the primary', async () => {
    let answer: Answer | undefined;
    const statements = await onStandbyDuring(async () => {
      answer = await post(endpoint, ORGANISATION, {}, { [READ_AFTER_HEADER]: 'yesterday' });
    });
    expect(answer?.body).toMatchObject({ data: { organisation: { city: { name: 'Cork' } } } });
    expect(statements).toEqual([]);
  });
});
