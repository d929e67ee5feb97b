import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createSchema, printPublicSchema } from '../schema';

/**
 * Writes schema.graphql from the resolvers, or with --check fails when the committed file differs, so that
 * the public contract can never drift from the code unnoticed.
 */
async function main(check: boolean): Promise<void> {
  const file = path.resolve(__dirname, '../../../schema.graphql');
  const printed = printPublicSchema(await createSchema());
  if (!check) {
    await writeFile(file, printed);
    console.log(`Wrote ${path.relative(process.cwd(), file)}.`);
    return;
  }
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:emit` and commit the result.');
    process.exitCode = 1;
    return;
  }
  console.log('schema.graphql is up to date.');
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
