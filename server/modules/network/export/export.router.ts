import { pipeline } from 'node:stream/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import {
  CLIENT_FACING_CODES,
  ErrorCode,
  errorResponseBody,
  NotFoundError,
  RETRY_AFTER_SECONDS,
} from '../../../common/errors';
import { serverFailure } from '../../../common/format-error';
import type { Logger } from '../../../common/logger';
import { rateLimitedError, rateLimitHeaders, type RateLimiter, type RateLimitState } from '../../../common/rate-limit';
import { scopeOf } from '../../../common/request-scope';
import { RowReader } from '../../../common/rows';
import { checkGraphFilter, loadGraph } from '../graph.service';
import type { GraphData } from '../graph.types';
import { aboutExport } from './export.about';
import { exportFilterOf } from './export.filter';
import { EXPORT_FORMATS, exportFormatOf } from './export.formats';

/** Where the exports are served: `/graph/export.graphml`, `/graph/export.gexf`, … */
export const EXPORT_PATH = '/graph';

export interface ExportRouterOptions {
  orm: MikroORM;
  /** Charges each export its size (absent when rate limiting is off); app.ts charges the arrival point before. */
  rateLimiter: RateLimiter | null;
  logger: Logger;
}

/**
 * The relationship graph as files for analysts' tools: `GET /graph/export.<format>?kinds=…&fromYear=…`, with the
 * filters of `graph(filter:)` as query parameters, in every format of export.formats.ts. The graph is read as the
 * query reads it, then written as a stream. An export costs its size in rate-limit points, one per node and edge,
 * as a GraphQL page costs one per item: exporting everything over and over spends a budget as fast as asking for
 * it page by page would. Errors are JSON bodies shaped as GraphQL's (400 for a bad filter, with the query's
 * messages; 404 for an unknown format; 429; 503 while the database is away).
 */
export function createExportRouter({ orm, rateLimiter, logger }: ExportRouterOptions): Router {
  const router = Router();
  router.get('/:file', async (request: Request<{ file: string }>, response: Response, next) => {
    const { file } = request.params;
    // Other names under /graph/ are not the export's to answer.
    if (!file.startsWith('export.')) return next();
    const started = performance.now();
    const scope = scopeOf(response);
    const log = scope?.log ?? logger;
    const format = exportFormatOf(file);
    let graph: GraphData | undefined;
    try {
      if (!format) throw unknownFormat(file);
      const rows = new RowReader(orm.em.fork());
      // Checked here too, so that a refusal names the query parameter (`countries.1`), not GraphQL's `filter`.
      const filter = await checkGraphFilter(rows, exportFilterOf(request.query), []);
      const loaded = await loadGraph(rows, filter);
      graph = loaded;
      await charge(response, exportCost(loaded));
      const about = aboutExport(filter);
      response.status(200);
      // attachment() sets a Content-Type of its own from the extension (none it knows, for most of these).
      response.attachment(`${about.baseName}.${format.extension}`);
      response.setHeader('content-type', format.contentType);
      await pipeline(format.write(loaded, about), response);
      logExport(log, { format: format.extension, graph: loaded, status: 200, started });
    } catch (error) {
      if (response.headersSent) {
        // The client went away mid-file, or the writer failed: nothing can be said any more but to cut it short.
        log.warn({ error: String(error) }, 'graph export cut short');
        response.destroy();
        return;
      }
      const answer = clientError(error) ?? serverFailure(error, log, scope?.requestId);
      const status = statusOf(answer);
      // A writer that failed before its first byte: the refusal is no file to save.
      response.removeHeader('content-disposition');
      if (status === 503) response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      response.status(status).json(errorResponseBody(answer));
      logExport(log, { format: format?.extension ?? null, graph, status, started, code: answer.extensions.code });
    }
  });

  /** Spends the export's size from the caller's budget; over it, nothing is written but the refusal. */
  async function charge(response: Response, cost: number): Promise<void> {
    const rateLimit = response.locals.rateLimit as RateLimitState | undefined;
    if (!rateLimiter || !rateLimit) return;
    rateLimit.budget = await rateLimiter.spend(rateLimit.client, cost);
    response.set(rateLimitHeaders(rateLimit.budget));
    if (rateLimit.budget.exceeded) throw rateLimitedError(rateLimit.budget);
  }

  return router;
}

/** One point per node and per edge: what the file holds, as a GraphQL page costs one point per item. */
export function exportCost(graph: GraphData): number {
  return graph.nodes.length + graph.edges.length;
}

function unknownFormat(file: string): NotFoundError {
  const known = EXPORT_FORMATS.map((format) => `export.${format.extension}`).join(', ');
  const shown = file.length > 60 ? `${file.slice(0, 57)}...` : file;
  return new NotFoundError(`There is no graph export "${shown}"; the exports are ${known}.`, ['format']);
}

/** An error written for clients (a bad filter, a spent budget): answered as it is. */
function clientError(error: unknown): GraphQLError | undefined {
  return error instanceof GraphQLError && CLIENT_FACING_CODES.has(String(error.extensions.code)) ? error : undefined;
}

const STATUS_OF_CODE: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

function statusOf(error: GraphQLError): number {
  return STATUS_OF_CODE[String(error.extensions.code)] ?? 500;
}

/** One line per export, as the GraphQL request log writes one per request (never the filter's values at info). */
function logExport(
  log: Logger,
  fields: { format: string | null; graph?: GraphData; status: number; started: number; code?: unknown },
): void {
  log.info(
    {
      export: fields.format,
      nodes: fields.graph?.nodes.length ?? null,
      edges: fields.graph?.edges.length ?? null,
      durationMs: Math.round(performance.now() - fields.started),
      status: fields.status,
      errors: fields.code ? [fields.code] : [],
    },
    'graph export',
  );
}
