/**
 * The hand-written baseline's reads: plain rows through a `pg` Pool, one DataLoader per relation and request, so
 * that every nesting level is one SQL statement whatever the number of parents; nested pages are cut per parent
 * in SQL (`row_number() over (partition by …)`), so that a page reads at most `first + 1` rows per parent.
 * Orders and cursors are this API's: each table's default order column, ties broken by id; a cursor is
 * base64url of JSON `[orderField, orderValue, id]`.
 */
import DataLoader from 'dataloader';
import type { Pool } from 'pg';

export type Row = Record<string, unknown> & { id: number; __table: TableName };

interface Table {
  /** The columns the schema reads, as camelCase names. */
  columns: string;
  /** The default order: the column and the name of its field in cursors. */
  orderColumn: string;
  orderField: string;
}

const TABLES = {
  country: { columns: 'id, code, name', orderColumn: 'name', orderField: 'name' },
  city: { columns: 'id, name, slug, country_id AS "countryId"', orderColumn: 'name', orderField: 'name' },
  organisation: {
    columns: 'id, name, slug, kind, country_id AS "countryId", city_id AS "cityId"',
    orderColumn: 'name',
    orderField: 'name',
  },
  conference: {
    columns:
      'id, year, title, status, host_city_id AS "hostCityId", attendance_participants AS "attendanceParticipants", ' +
      'attendance_approximate AS "attendanceApproximate", attendance_wording AS "attendanceWording"',
    orderColumn: 'year',
    orderField: 'year',
  },
  theme: { columns: 'id, name, slug', orderColumn: 'name', orderField: 'name' },
  topic: {
    columns: 'id, wording, kind, position, theme_id AS "themeId"',
    orderColumn: 'position',
    orderField: 'position',
  },
} satisfies Record<string, Table>;

export type TableName = keyof typeof TABLES;

export interface Page {
  nodes: Row[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount(): Promise<number>;
}

const tagged = (table: TableName, rows: Record<string, unknown>[]) =>
  rows.map((row) => Object.assign(row, { __table: table }) as Row);

function encodeCursor(table: TableName, row: Row): string {
  const { orderField } = TABLES[table];
  return Buffer.from(JSON.stringify([orderField, row[orderField], row.id]), 'utf8').toString('base64url');
}

function decodeCursor(table: TableName, cursor: string): [unknown, number] {
  const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== TABLES[table].orderField ||
    !Number.isInteger(parsed[2])
  ) {
    throw new Error('`after` is not a valid cursor; use a cursor from a previous page.');
  }
  return [parsed[1], parsed[2] as number];
}

function page(table: TableName, rows: Row[], first: number, after: boolean, totalCount: () => Promise<number>): Page {
  const nodes = rows.slice(0, first);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after,
      startCursor: nodes.length > 0 ? encodeCursor(table, nodes[0]) : null,
      endCursor: nodes.length > 0 ? encodeCursor(table, nodes[nodes.length - 1]) : null,
    },
    totalCount,
  };
}

/** Rows in the order of `keys`, `null` where there is none. */
function byKey<K>(rows: Row[], keys: readonly K[], key: (row: Row) => K): (Row | null)[] {
  const found = new Map(rows.map((row) => [key(row), row]));
  return keys.map((k) => found.get(k) ?? null);
}

export function createLoaders(pool: Pool) {
  const query = async (text: string, values: unknown[]) =>
    (await pool.query<Record<string, unknown>>(text, values)).rows;
  const memo = new Map<string, DataLoader<number, unknown>>();
  const memoised = <V>(key: string, make: () => DataLoader<number, V>) => {
    if (!memo.has(key)) memo.set(key, make() as DataLoader<number, unknown>);
    return memo.get(key) as DataLoader<number, V>;
  };

  const byId = (table: TableName) =>
    memoised(
      `byId:${table}`,
      () =>
        new DataLoader<number, Row | null>(async (ids) => {
          const rows = tagged(
            table,
            await query(`SELECT ${TABLES[table].columns} FROM "${table}" WHERE id = ANY($1)`, [ids]),
          );
          return byKey(rows, ids, (row) => row.id);
        }),
    );

  /** Children of many parents, at most `first` (+1, to know whether there are more) for each, in SQL. */
  const childPage = (table: TableName, parentColumn: string, first: number) =>
    memoised(
      `children:${table}:${parentColumn}:${first}`,
      () =>
        new DataLoader<number, Page>(async (parentIds) => {
          const { columns, orderColumn } = TABLES[table];
          const rows = tagged(
            table,
            await query(
              `SELECT * FROM (SELECT ${columns}, ${parentColumn} AS "__parent", ` +
                `row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${orderColumn}, id) AS "__rank" ` +
                `FROM "${table}" WHERE ${parentColumn} = ANY($1)) ranked WHERE "__rank" <= $2 ORDER BY "__parent", "__rank"`,
              [parentIds, first + 1],
            ),
          );
          const grouped = new Map<number, Row[]>();
          for (const row of rows) {
            const parent = row.__parent as number;
            if (!grouped.has(parent)) grouped.set(parent, []);
            grouped.get(parent)?.push(row);
          }
          return parentIds.map((parent) =>
            page(table, grouped.get(parent) ?? [], first, false, () => childCount(table, parentColumn).load(parent)),
          );
        }),
    );

  const childCount = (table: TableName, parentColumn: string) =>
    memoised(
      `count:${table}:${parentColumn}`,
      () =>
        new DataLoader<number, number>(async (parentIds) => {
          const rows = await query(
            `SELECT ${parentColumn} AS parent, count(*)::int AS count FROM "${table}" WHERE ${parentColumn} = ANY($1) GROUP BY ${parentColumn}`,
            [parentIds],
          );
          const counts = new Map(rows.map((row) => [row.parent as number, row.count as number]));
          return parentIds.map((parent) => counts.get(parent) ?? 0);
        }),
    );

  const conferenceByYear = new DataLoader<number, Row | null>(async (years) => {
    const rows = tagged(
      'conference',
      await query(`SELECT ${TABLES.conference.columns} FROM conference WHERE year = ANY($1)`, [years]),
    );
    return byKey(rows, years, (row) => row.year as number);
  });

  /** A top-level page: `first` rows after the cursor in the table's order, its total count read only if asked. */
  const rootPage = async (
    table: 'country' | 'organisation',
    options: { first: number; after?: string | null; countryCode?: string },
  ) => {
    const { columns, orderColumn } = TABLES[table];
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (options.countryCode !== undefined) {
      values.push(options.countryCode);
      conditions.push(`country_id IN (SELECT id FROM country WHERE code = $${values.length})`);
    }
    const filter = [...conditions];
    if (options.after != null) {
      const [value, id] = decodeCursor(table, options.after);
      values.push(value, id);
      conditions.push(`(${orderColumn}, id) > ($${values.length - 1}, $${values.length})`);
    }
    const where = (list: string[]) => (list.length > 0 ? ` WHERE ${list.join(' AND ')}` : '');
    values.push(options.first + 1);
    const rows = tagged(
      table,
      await query(
        `SELECT ${columns} FROM "${table}"${where(conditions)} ORDER BY ${orderColumn}, id LIMIT $${values.length}`,
        values,
      ),
    );
    const filterValues = values.slice(0, filter.length);
    const totalCount = async () =>
      (await query(`SELECT count(*)::int AS count FROM "${table}"${where(filter)}`, filterValues))[0].count as number;
    return page(table, rows, options.first, options.after != null, totalCount);
  };

  return { byId, childPage, conferenceByYear, rootPage };
}

export type Loaders = ReturnType<typeof createLoaders>;
