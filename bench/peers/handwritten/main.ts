/**
 * The hand-written baseline: graphql-js + node:http + pg + DataLoader, nothing else, over this API's tables.
 * `DATABASE_URL=… PORT=… node dist/bench/peers/handwritten/main.js`; prints `listening <url>` once it serves.
 *
 * Parsed and validated documents are kept by their text (as Apollo Server does), and answers are written as
 * Apollo writes them (JSON and a newline), so that the same request gets the same bytes as from this API.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Pool } from 'pg';
import { buildHandwrittenSchema, newContext } from './schema';

interface Request {
  query?: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

export function createHandwrittenServer(pool: Pool, schema: GraphQLSchema = buildHandwrittenSchema()): Server {
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const prepared = (query: string) => {
    let document = documents.get(query);
    if (!document) {
      try {
        const parsed = parse(query);
        const errors = validate(schema, parsed);
        document = errors.length > 0 ? errors : parsed;
      } catch (error) {
        document = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
      }
      if (documents.size < 1000) documents.set(query, document);
    }
    return document;
  };

  return createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/graphql-response+json; charset=utf-8' });
      response.end(`${JSON.stringify(body)}\n`);
    };
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/graphql')
      return answer(404, { errors: [{ message: 'POST /graphql' }] });
    void readBody(request)
      .then(async (text) => {
        const body = JSON.parse(text) as Request;
        const document = prepared(body.query ?? '');
        if (Array.isArray(document)) return answer(400, { errors: document.map((error) => error.toJSON()) });
        const result = await execute({
          schema,
          document: document as DocumentNode,
          variableValues: body.variables ?? undefined,
          operationName: body.operationName ?? undefined,
          contextValue: newContext(pool),
        });
        answer(200, result);
      })
      .catch((error: unknown) =>
        answer(400, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
      );
  });
}

if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  // Connections kept open between runs, as for every peer (pg's default closes them after 10 s idle).
  const pool = new Pool({
    connectionString: databaseUrl,
    max: Number(process.env.POOL_SIZE ?? 10),
    idleTimeoutMillis: 0,
  });
  const server = createHandwrittenServer(pool);
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') console.log(`listening http://127.0.0.1:${address.port}/graphql`);
  });
  process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}
