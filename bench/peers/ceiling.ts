/**
 * The ceiling: bare node:http answering each request body with the bytes this API answered to it, read once
 * from `ANSWERS_FILE` (a JSON array of `[requestBody, answerBody]`). No GraphQL, no database: what any server on
 * this machine, this Node and this load generator can at most reach with answers of these sizes.
 * `ANSWERS_FILE=… PORT=… node dist/bench/peers/ceiling.js`; prints `listening <url>` once it serves.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.env.ANSWERS_FILE;
if (!file) throw new Error('ANSWERS_FILE is required');
const answers = new Map(
  (JSON.parse(readFileSync(file, 'utf8')) as [string, string][]).map(([body, answer]) => [body, Buffer.from(answer)]),
);
const headers = { 'content-type': 'application/graphql-response+json; charset=utf-8' };

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const answer = answers.get(Buffer.concat(chunks).toString('utf8'));
    response.writeHead(answer ? 200 : 404, headers);
    response.end(answer ?? '{"errors":[{"message":"not a benchmark request"}]}\n');
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening http://127.0.0.1:${address.port}/graphql`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
