/**
 * The bench's mutation: `updateTheme`, each write flipping one theme's description between its text and its
 * text with a mark, with the version the previous answer gave (this API's updates carry the version the client
 * read, so fixed rotating bodies would conflict after one write). Only this server is measured on it, uncached
 * and cached: the hand-written baseline implements no mutation and PostGraphile's differ, and the ceiling replays
 * fixed answers.
 *
 * Each request takes a theme no other request in flight holds (there are 25 themes in the seed data, more than
 * the connections), and its answer gives the theme back with its new version. A run ends with writes in flight
 * whose answers nobody reads, so versions are read again from the database before every run. At the end the
 * database is put back as it was for db:scale (which adds only to a database without API changes): the
 * descriptions restored, the bench's audit entries and its API key deleted.
 */
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';

export const UPDATE_THEME = `mutation BenchWrite($input: UpdateThemeInput!) {
  updateTheme(input: $input) { id version description }
}`;

/** What marks a changed description; kept within the description's length limit by the themes' short texts. */
const MARK = ' (bench write)';
const KEY_NAME = 'bench writer';

interface ThemeState {
  id: number;
  globalId: string;
  version: number;
  description: string;
  original: string;
  busy: boolean;
}

export class ThemeWrites {
  private themes: ThemeState[] = [];
  private readonly originals = new Map<number, string>();

  private constructor(
    private readonly databaseUrl: string,
    /** The `authorization` header of the bench's EDITOR key. */
    readonly authorization: string,
  ) {}

  /** Creates the bench's EDITOR key with the project's CLI and reads the themes. */
  static async start(databaseUrl: string, cli: string, cwd: string): Promise<ThemeWrites> {
    const printed = execFileSync(process.execPath, [cli, 'apikey:create', KEY_NAME, 'EDITOR'], {
      cwd,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    const key = printed.trim().split('\n').at(-1)!.trim();
    const writes = new ThemeWrites(databaseUrl, `Bearer ${key}`);
    await writes.refresh();
    return writes;
  }

  /**
   * Each theme's version and description as the database holds them once the writes still in flight from the
   * last run (cut off by its end, still committing on the server) are done: read until two reads 300 ms apart
   * agree. None is held by a request.
   */
  async refresh(): Promise<void> {
    const read = () =>
      this.query<{ id: number; version: number; description: string }>(
        'select id, version, description from theme where description is not null order by id',
      );
    let rows = await read();
    for (let attempt = 0; attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = await read();
      const settled = JSON.stringify(again) === JSON.stringify(rows);
      rows = again;
      if (settled) break;
    }
    this.themes = rows.map((row) => {
      if (!this.originals.has(row.id)) this.originals.set(row.id, row.description);
      return {
        id: row.id,
        globalId: Buffer.from(`Theme:${row.id}`, 'utf8').toString('base64url'),
        version: row.version,
        description: row.description,
        original: this.originals.get(row.id)!,
        busy: false,
      };
    });
  }

  /** The next write's body, on a theme no request in flight holds. */
  next(): string {
    const theme = this.themes.find((candidate) => !candidate.busy);
    if (!theme) throw new Error('bench: every theme is held by a write in flight (more connections than themes?)');
    theme.busy = true;
    const description = theme.description === theme.original ? theme.original + MARK : theme.original;
    return JSON.stringify({
      query: UPDATE_THEME,
      variables: { input: { id: theme.globalId, version: theme.version, description } },
    });
  }

  /** Takes a write's answer: its theme's new version and description, and the theme free again. */
  answered(text: string): void {
    let written: { id: string; version: number; description: string } | undefined;
    try {
      written = (JSON.parse(text) as { data?: { updateTheme?: typeof written } }).data?.updateTheme;
    } catch {
      return;
    }
    const theme = written && this.themes.find((candidate) => candidate.globalId === written.id);
    if (!theme || !written) return;
    theme.version = written.version;
    theme.description = written.description;
    theme.busy = false;
  }

  /** The database as before the bench: descriptions, and no audit entry or key of the bench's. */
  async restore(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      for (const [id, description] of this.originals)
        await client.query('update theme set description = $2 where id = $1 and description <> $2', [id, description]);
      const keys = 'select id from api_key where name = $1';
      await client.query(`delete from audit_entry where api_key_id in (${keys})`, [KEY_NAME]);
      await client.query('delete from api_key where name = $1', [KEY_NAME]);
      await client.query('commit');
    } finally {
      await client.end();
    }
  }

  private async query<T extends Record<string, unknown>>(text: string): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }
}
