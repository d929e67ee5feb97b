/**
 * Mixed read/write load for the outage tests (tests/hardening/outage-load.test.ts through a cut TCP proxy, and
 * tests/outage/postgres-restart.outage.ts with the PostgreSQL server stopped and started): concurrent writers
 * create themes with unique slugs through the API, concurrent readers read back themes already acknowledged,
 * and every request's timing and answer is recorded for `summarise` and `checkWrites`.
 */
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../../server/config';

/**
 * How much load each phase of an outage test carries: writes acknowledged before the database goes away, and
 * correct reads and writes (each) once service has settled after it is back. `warmUp` and `settle` wait for them.
 */
export const LOAD_PHASES = { acknowledgedBefore: 25, settledAnswers: 20 };

export interface Outcome {
  kind: 'read' | 'write';
  /** Milliseconds since the load started. */
  startedAt: number;
  finishedAt: number;
  /** HTTP status; 0 when no answer came (a network error or the client's own time limit). */
  status: number;
  /** The first error's extensions.code, if any. */
  code?: string;
  message?: string;
  retryAfter: string | null;
  /** Writes: the slug of the theme created. */
  slug?: string;
  /** A 200 whose data is what it must be (a write echoes its input; a read finds the acknowledged theme). */
  correct: boolean;
  networkError?: string;
}

export interface MixedLoadOptions {
  endpoint: string;
  /** An EDITOR (or ADMIN) API key. */
  apiKey: string;
  writers?: number;
  readers?: number;
  /** Pause between one client's requests. */
  pauseMs?: number;
  /** A request with no answer after this long is recorded as hanging (status 0). */
  requestTimeoutMs?: number;
  /** Prefix of every slug written, unique to the run. */
  runId: string;
}

const CREATE_THEME = `mutation CreateTheme($input: CreateThemeInput!) { createTheme(input: $input) { slug name } }`;
const READ_THEME = `query Theme($slug: String!) { theme(slug: $slug) { slug name } themes(first: 5) { totalCount } }`;

export function themeName(slug: string): string {
  return `Outage load ${slug}`;
}

export class MixedLoad {
  readonly outcomes: Outcome[] = [];
  /** Slugs whose creation was acknowledged (200 with data), for readers to read back. */
  readonly acknowledged: string[] = [];
  private readonly started = Date.now();
  private running = true;
  private loops: Promise<void>[] = [];

  constructor(private readonly options: MixedLoadOptions) {}

  /** Milliseconds since the load started, the clock of every Outcome. */
  now(): number {
    return Date.now() - this.started;
  }

  /** Writes one theme before the load, so that readers always have an acknowledged one to read. */
  async seed(): Promise<void> {
    const outcome = await this.write(`${this.options.runId}-seed`);
    if (outcome.status !== 200 || !outcome.correct)
      throw new Error(`the first write failed: ${JSON.stringify(outcome)}`);
  }

  start(): void {
    const { writers = 4, readers = 4 } = this.options;
    for (let w = 0; w < writers; w += 1)
      this.loops.push(this.loop(async (n) => void (await this.write(`${this.options.runId}-w${w}-${n}`))));
    for (let r = 0; r < readers; r += 1)
      this.loops.push(
        this.loop(async (n) => void (await this.read(this.acknowledged[(n * 7 + r) % this.acknowledged.length]))),
      );
  }

  /** Correct answers of a kind to requests started at or after `since` (on the load's clock). */
  correctSince(kind: Outcome['kind'], since: number): number {
    return this.outcomes.filter((o) => o.kind === kind && o.correct && o.startedAt >= since).length;
  }

  /**
   * Waits until `condition` holds, for at least `minMs` and at most `maxMs`. The outage tests wait for work
   * done (so many writes acknowledged, so many answers after recovery) rather than for a fixed time, so that
   * a slow or busy machine gets the same amount of load through each phase, only more slowly; a condition that
   * never comes true shows in the assertions on the counts.
   */
  async until(condition: () => boolean, { minMs = 0, maxMs }: { minMs?: number; maxMs: number }): Promise<void> {
    const started = Date.now();
    for (;;) {
      const elapsed = Date.now() - started;
      if ((elapsed >= minMs && condition()) || elapsed >= maxMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Before the outage: until the load has had `LOAD_PHASES.acknowledgedBefore` writes acknowledged. */
  warmUp(): Promise<void> {
    return this.until(() => this.acknowledged.length >= LOAD_PHASES.acknowledgedBefore, { minMs: 1000, maxMs: 20_000 });
  }

  /**
   * After the database is back at `upAt`: until `LOAD_PHASES.settledAnswers` correct reads and writes have
   * been answered to requests started `settledAfterMs` later, so that the "none fails once settled" check
   * always has that much load behind it.
   */
  settle(upAt: number, settledAfterMs: number): Promise<void> {
    const since = upAt + settledAfterMs;
    return this.until(
      () =>
        this.correctSince('read', since) >= LOAD_PHASES.settledAnswers &&
        this.correctSince('write', since) >= LOAD_PHASES.settledAnswers,
      { minMs: settledAfterMs + 1000, maxMs: settledAfterMs + 30_000 },
    );
  }

  /** Lets each client finish the request it is sending, then returns every outcome. */
  async stop(): Promise<Outcome[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.outcomes;
  }

  private async loop(step: (n: number) => Promise<void>): Promise<void> {
    for (let n = 0; this.running; n += 1) {
      await step(n);
      await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs ?? 10));
    }
  }

  private async write(slug: string): Promise<Outcome> {
    const input = { slug, name: themeName(slug), description: 'Written during an outage test.' };
    const outcome = await this.post('write', CREATE_THEME, { input }, (data) => {
      const created = (data as { createTheme?: { slug: string; name: string } | null } | null)?.createTheme;
      return created?.slug === slug && created.name === input.name;
    });
    outcome.slug = slug;
    if (outcome.status === 200 && outcome.correct) this.acknowledged.push(slug);
    return outcome;
  }

  private read(slug: string): Promise<Outcome> {
    return this.post('read', READ_THEME, { slug }, (data) => {
      const theme = (data as { theme?: { slug: string; name: string } | null } | null)?.theme;
      return theme?.slug === slug && theme.name === themeName(slug);
    });
  }

  private async post(
    kind: Outcome['kind'],
    query: string,
    variables: Record<string, unknown>,
    isCorrect: (data: unknown) => boolean,
  ): Promise<Outcome> {
    const startedAt = this.now();
    let outcome: Outcome;
    try {
      const response = await fetch(this.options.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000),
      });
      const body = (await response.json()) as {
        data?: unknown;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      const [error] = body.errors ?? [];
      outcome = {
        kind,
        startedAt,
        finishedAt: this.now(),
        status: response.status,
        code: error?.extensions?.code,
        message: error?.message,
        retryAfter: response.headers.get('retry-after'),
        correct: response.status === 200 && !error && isCorrect(body.data),
      };
    } catch (error) {
      outcome = {
        kind,
        startedAt,
        finishedAt: this.now(),
        status: 0,
        retryAfter: null,
        correct: false,
        networkError: String(error),
      };
    }
    this.outcomes.push(outcome);
    return outcome;
  }
}

export interface OutageSummary {
  requests: number;
  reads: number;
  writes: number;
  /** Count per "status code" pair, e.g. { "200": 812, "503 SERVICE_UNAVAILABLE": 120 }. */
  answers: Record<string, number>;
  /** Answers that are neither a correct 200 nor a 503 SERVICE_UNAVAILABLE with Retry-After: must be none. */
  unexpected: Outcome[];
  /** From the outage starting to the first 503 answered. */
  firstUnavailableAfterMs: number | null;
  /**
   * Requests started and answered while the database was away; and, over every request started while it was
   * away (however late it was answered), the median and the slowest time to an answer.
   */
  duringOutage: { requests: number; unavailable: number; medianMs: number; slowestMs: number };
  /** From the database being back to the first correct 200, for reads and for writes. */
  recovery: { readMs: number | null; writeMs: number | null };
  /** Requests started later than `settledAfterMs` after the database was back that did not succeed: must be none. */
  failedAfterRecovery: Outcome[];
  /** Correct answers to requests started later than `settledAfterMs` after the database was back. */
  settled: { reads: number; writes: number };
  acknowledgedWrites: number;
  failedWrites: number;
}

/** What the outcomes say about an outage from `downAt` to `upAt` (on the load's clock). */
export function summarise(
  outcomes: Outcome[],
  { downAt, upAt, settledAfterMs }: { downAt: number; upAt: number; settledAfterMs: number },
): OutageSummary {
  const isUnavailable = (o: Outcome) => o.status === 503 && o.code === 'SERVICE_UNAVAILABLE' && o.retryAfter === '5';
  const answers: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === 0 ? `no answer (${o.networkError})` : `${o.status}${o.code ? ` ${o.code}` : ''}`;
    answers[key] = (answers[key] ?? 0) + 1;
  }
  const firstUnavailable = outcomes.filter((o) => isUnavailable(o) && o.finishedAt >= downAt).map((o) => o.finishedAt);
  const during = outcomes.filter((o) => o.startedAt >= downAt && o.finishedAt <= upAt);
  const startedDuring = outcomes
    .filter((o) => o.startedAt >= downAt && o.startedAt <= upAt)
    .map((o) => o.finishedAt - o.startedAt);
  const firstCorrect = (kind: Outcome['kind']) => {
    const times = outcomes
      .filter((o) => o.kind === kind && o.correct && o.startedAt >= upAt)
      .map((o) => o.finishedAt - upAt);
    return times.length ? Math.min(...times) : null;
  };
  const writes = outcomes.filter((o) => o.kind === 'write');
  return {
    requests: outcomes.length,
    reads: outcomes.length - writes.length,
    writes: writes.length,
    answers,
    unexpected: outcomes.filter((o) => !o.correct && !isUnavailable(o)),
    firstUnavailableAfterMs: firstUnavailable.length ? Math.min(...firstUnavailable) - downAt : null,
    duringOutage: {
      requests: during.length,
      unavailable: during.filter(isUnavailable).length,
      medianMs: median(startedDuring),
      slowestMs: Math.max(0, ...startedDuring),
    },
    recovery: { readMs: firstCorrect('read'), writeMs: firstCorrect('write') },
    failedAfterRecovery: outcomes.filter((o) => o.startedAt >= upAt + settledAfterMs && !o.correct),
    settled: {
      reads: outcomes.filter((o) => o.kind === 'read' && o.correct && o.startedAt >= upAt + settledAfterMs).length,
      writes: outcomes.filter((o) => o.kind === 'write' && o.correct && o.startedAt >= upAt + settledAfterMs).length,
    },
    acknowledgedWrites: writes.filter((o) => o.correct).length,
    failedWrites: writes.filter((o) => !o.correct).length,
  };
}

/** Whether each slug's theme row and its CREATE audit entry are in the database. */
export type WriteLookup = (slugs: string[]) => Promise<Array<{ slug: string; theme: boolean; audit: boolean }>>;

export interface WriteCheck {
  acknowledged: number;
  /** Acknowledged writes missing from the database (theme or audit entry): must be none. */
  acknowledgedMissing: string[];
  failed: number;
  /** Writes answered with an error that are nonetheless wholly present (the commit happened, the answer was lost). */
  failedButCommitted: string[];
  /** Writes answered with an error that are wholly absent. */
  failedAndAbsent: number;
  /** Any write with a theme but no audit entry or the reverse: a transaction half applied. Must be none. */
  halfPresent: string[];
}

/** Looks every attempted write up in the database. */
export async function checkWrites(outcomes: Outcome[], lookup: WriteLookup): Promise<WriteCheck> {
  const writes = outcomes.filter((o) => o.kind === 'write' && o.slug);
  const found = new Map((await lookup(writes.map((o) => o.slug!))).map((row) => [row.slug, row]));
  const state = (slug: string) => found.get(slug) ?? { slug, theme: false, audit: false };
  const acknowledged = writes.filter((o) => o.correct);
  const failed = writes.filter((o) => !o.correct);
  return {
    acknowledged: acknowledged.length,
    acknowledgedMissing: acknowledged.map((o) => o.slug!).filter((slug) => !(state(slug).theme && state(slug).audit)),
    failed: failed.length,
    failedButCommitted: failed.map((o) => o.slug!).filter((slug) => state(slug).theme && state(slug).audit),
    failedAndAbsent: failed.filter((o) => !state(o.slug!).theme && !state(o.slug!).audit).length,
    halfPresent: writes.map((o) => o.slug!).filter((slug) => state(slug).theme !== state(slug).audit),
  };
}

/**
 * The SQL for a WriteLookup, with one text parameter ($1 for pg, ? for the ORM): the slugs as an array literal,
 * `slugArray(slugs)` (slugs are lower-case letters, digits and hyphens, so they need no quoting).
 */
export function writeLookupSql(placeholder: string): string {
  return `select s.slug,
      exists (select 1 from theme t where t.slug = s.slug) as theme,
      exists (select 1 from audit_entry a where a.entity_type = 'Theme' and a.action = 'CREATE' and a.after ->> 'slug' = s.slug) as audit
    from unnest(${placeholder}::text[]) as s(slug)`;
}

export function slugArray(slugs: string[]): string {
  return `{${slugs.join(',')}}`;
}

/**
 * What every outage under mixed load must show, however the database went away: only correct 200s and fast
 * 503s (no 500, no hang, no wrong data), service back by itself within `settledAfterMs`, every acknowledged
 * write present and whole, and every failed one wholly there or wholly absent.
 */
export function expectOutageSurvived(summary: OutageSummary, writes: WriteCheck, settledAfterMs: number): void {
  expect(summary.reads).toBeGreaterThanOrEqual(LOAD_PHASES.settledAnswers);
  expect(summary.writes).toBeGreaterThanOrEqual(LOAD_PHASES.acknowledgedBefore + LOAD_PHASES.settledAnswers);
  expect(summary.unexpected).toEqual([]);
  expect(summary.duringOutage.requests).toBeGreaterThan(10);
  expect(summary.duringOutage.unavailable).toBe(summary.duringOutage.requests);
  // Fast: a refused connection is answered at once. The median shows it; the bound on the slowest is what a
  // hang would break (a request waiting on a dead connection waits out the connection timeout), with room for a
  // busy machine's pauses, which a bound of a second did not leave.
  expect(summary.duringOutage.medianMs).toBeLessThan(500);
  expect(summary.duringOutage.slowestMs).toBeLessThan(DEFAULT_STATEMENT_TIMEOUT_MS);
  expect(summary.recovery.readMs).not.toBeNull();
  expect(summary.recovery.writeMs).not.toBeNull();
  expect(summary.recovery.readMs!).toBeLessThan(settledAfterMs);
  expect(summary.recovery.writeMs!).toBeLessThan(settledAfterMs);
  expect(summary.failedAfterRecovery).toEqual([]);
  expect(summary.settled.reads).toBeGreaterThanOrEqual(LOAD_PHASES.settledAnswers);
  expect(summary.settled.writes).toBeGreaterThanOrEqual(LOAD_PHASES.settledAnswers);
  expect(writes.acknowledged).toBeGreaterThanOrEqual(LOAD_PHASES.acknowledgedBefore + LOAD_PHASES.settledAnswers);
  expect(writes.failed).toBeGreaterThan(0);
  expect(writes.acknowledgedMissing).toEqual([]);
  expect(writes.halfPresent).toEqual([]);
  expect(writes.failedAndAbsent + writes.failedButCommitted.length).toBe(writes.failed);
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
