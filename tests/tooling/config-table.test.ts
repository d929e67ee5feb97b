import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { environmentSchema } from '../../server/config';

/**
 * README's configuration table is how operators learn the variables: it must name every variable the server
 * reads, with the default the server really uses, and no variable the server does not know.
 */
const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** The rows of the table headed `| Variable | Default | Meaning |`: the variable and its Default cell. */
function configurationTable(markdown: string): Array<{ variable: string; defaultCell: string }> {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => /^\|\s*Variable\s*\|\s*Default\s*\|\s*Meaning\s*\|$/.test(line.trim()));
  if (header < 0) throw new Error('README has no configuration table (| Variable | Default | Meaning |)');
  const rows: Array<{ variable: string; defaultCell: string }> = [];
  // The header, its delimiter row, then rows until the first line that is not one.
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const match = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*([^|]*?)\s*\|/.exec(line);
    if (!match) throw new Error(`Configuration table row not understood: ${line}`);
    rows.push({ variable: match[1], defaultCell: match[2] });
  }
  return rows;
}

/** The default a variable's schema applies when the variable is unset (as the environment spells it), if any. */
function defaultOf(schema: z.ZodTypeAny): string | undefined {
  if (schema instanceof z.ZodDefault) return String(schema._def.defaultValue());
  if (schema instanceof z.ZodEffects) return defaultOf(schema.innerType());
  if (schema instanceof z.ZodPipeline) return defaultOf(schema._def.in);
  return undefined;
}

/** The Default cell the table should show: the default in backticks, or "(unset)" for an optional variable. */
function expectedCell(schema: z.ZodTypeAny): string {
  const value = defaultOf(schema);
  if (value !== undefined) return `\`${value}\``;
  // A variable with no default must be optional: the server starts without it.
  expect(schema.safeParse(undefined)).toEqual({ success: true, data: undefined });
  return '(unset)';
}

const table = configurationTable(README);
const schemaVariables = Object.keys(environmentSchema.shape);

describe("README's configuration table", () => {
  it('is found, and names each variable once', () => {
    expect(table.length).toBeGreaterThanOrEqual(20);
    expect(new Set(table.map((row) => row.variable)).size).toBe(table.length);
    expect(table).toContainEqual({ variable: 'PORT', defaultCell: '`4000`' });
    expect(table).toContainEqual({ variable: 'DATABASE_URL', defaultCell: '(unset)' });
  });

  it('names every variable the server reads, and no other', () => {
    expect(table.map((row) => row.variable).sort()).toEqual([...schemaVariables].sort());
  });

  it("gives each variable the server's own default", () => {
    const documented = Object.fromEntries(table.map((row) => [row.variable, row.defaultCell]));
    const actual = Object.fromEntries(
      schemaVariables.map((variable) => [variable, expectedCell(environmentSchema.shape[variable])]),
    );
    expect(documented).toEqual(actual);
    expect(actual).toMatchObject({
      STATEMENT_TIMEOUT_MS: '`5000`',
      TRUST_PROXY: '`false`',
      CORS_ORIGINS: '`*`',
      DATA_DIR: '`.data/pglite`',
    });
  });
});
