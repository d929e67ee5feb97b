import type { EntityClass } from '@mikro-orm/core';
import type { PageInfo } from '../../common/connection';
import { BadUserInputError } from '../../common/errors';
import { RecordKind, TYPE_NAME_OF_KIND } from '../../common/record-kind';
import type { RequestContext } from '../../context';
import type { Node } from '../../common/base.entity';
import { queryWords, snippetOf } from './search.text';
import { MAX_SEARCH_QUERY_LENGTH, SearchConnection, SearchHit, type SearchArgs } from './search.types';

/**
 * Search over the documents the search migration keeps (Migration20261201160100_search_documents: one row per
 * record, field and text, with its key, its tsvector and a trigram index). A document matches when its words
 * start with every word of the query (full text, `'word':*`), or when the query is spelled like a word stretch of
 * it (pg_trgm's strict word similarity, 0.5 by default). How well it matches, times the field's weight, is its score:
 *
 *   the whole text is the query ("Hamburg")                       1
 *   the text starts with the query ("Hamb")                        0.9
 *   every query word starts a word of the text ("digital city")    0.6 to 0.8, more as the query covers more of it
 *   spelled alike ("Ljublana")                                     0.7 × similarity
 *
 * A record is one hit, by its best-scoring document; hits come by score, then in RecordKind order, then by id.
 * All of it is one statement, totalCount included when it is asked for (a statement of its own only when the page
 * has no hit to carry it).
 */

/** The order of kinds among hits of equal score: RecordKind's own. */
const KIND_ORDER = Object.values(RecordKind);

/**
 * The query's key and tsquery. The key has only letters, digits and single spaces (see search_key), so each word
 * quoted as a lexeme is safe whatever the client sent; a key without words gives no tsquery, and no match.
 */
const QUERY = `query as (
    select key, (select string_agg('''' || word || ''':*', ' & ') from unnest(string_to_array(key, ' ')) as word)::tsquery as words
    from (select search_key(?) as key) as input
  )`;

/** Documents that match the query, of the kinds asked for. */
const MATCHING = `from search_document d, query q
  where (d.vector @@ q.words or q.key <<% d.key) and d.kind = any(array[?]::text[])`;

/** The hits' statement, with each hit's `total` (how many records match, over all pages) when `withTotal`. */
const hitsSql = (withTotal: boolean) => `with ${QUERY},
  matched as (
    select d.kind, d.record_id, d.field, d.text, d.label,
      round((d.weight * case
        when d.key = q.key then 1
        when starts_with(d.key, q.key) then 0.9
        when d.vector @@ q.words then 0.6 + 0.2 * least(1, length(q.key)::float8 / length(d.key))
        else 0.7 * strict_word_similarity(q.key, d.key)
      end)::numeric, 6)::float8 as score
    ${MATCHING}
  ),
  best as (
    select distinct on (kind, record_id) kind, record_id, field, text, label, score,
      array_position(array[?]::text[], kind) as kind_rank
    from matched
    order by kind, record_id, score desc, field
  )
  select kind, record_id, field, text, label, score, kind_rank${withTotal ? ', (select count(*) from best) as total' : ''}
  from best
  where ?::float8 is null or (-score, kind_rank, record_id) > (-?::float8, ?, ?)
  order by score desc, kind_rank, record_id
  limit ?`;
const HITS_SQL = hitsSql(false);
const HITS_WITH_TOTAL_SQL = hitsSql(true);

const COUNT_SQL = `with ${QUERY}
  select count(*) as count from (select distinct d.kind, d.record_id ${MATCHING}) as records`;

interface HitRow {
  kind: RecordKind;
  record_id: number;
  field: string;
  text: string;
  label: string;
  score: number;
  kind_rank: number;
  /** With HITS_WITH_TOTAL_SQL: the number of records matching (bigint, as text). */
  total?: string;
}

/** Where a page continues: after the hit with this score, kind rank and record id. */
interface SearchPosition {
  score: number;
  kindRank: number;
  recordId: number;
}

const CURSOR_TAG = 'search';

function encodeCursor(row: HitRow): string {
  return Buffer.from(JSON.stringify([CURSOR_TAG, row.score, row.kind_rank, row.record_id]), 'utf8').toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): SearchPosition {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 4 &&
    parsed[0] === CURSOR_TAG &&
    typeof parsed[1] === 'number' &&
    parsed[1] >= 0 &&
    parsed[1] <= 1 &&
    Number.isInteger(parsed[2]) &&
    parsed[2] >= 1 &&
    parsed[2] <= KIND_ORDER.length &&
    Number.isInteger(parsed[3]) &&
    parsed[3] >= 1 &&
    parsed[3] <= 2_147_483_647
  ) {
    return { score: parsed[1], kindRank: parsed[2], recordId: parsed[3] };
  }
  throw new BadUserInputError('`after` is not a valid search cursor; use a cursor from a previous page of hits.', [
    'after',
  ]);
}

/** The query as searched, or BAD_USER_INPUT saying what is wrong with it. */
function checkedQuery(query: string): { text: string; words: string[] } {
  const trimmed = query.trim();
  if (trimmed.length === 0) throw new BadUserInputError('`query` must not be empty.', ['query']);
  // Counted as sent, in characters (code points), before normalisation may lengthen it.
  const length = [...trimmed].length;
  if (length > MAX_SEARCH_QUERY_LENGTH) {
    throw new BadUserInputError(
      `\`query\` may be at most ${MAX_SEARCH_QUERY_LENGTH} characters long (got ${length}).`,
      ['query'],
    );
  }
  // Composed (NFKC), as the database's unaccent rules expect: "Zu\u0308rich" is "Zürich".
  const text = trimmed.normalize('NFKC');
  const words = queryWords(text);
  if (words.length === 0) {
    throw new BadUserInputError('`query` must contain at least one letter or digit.', ['query']);
  }
  return { text, words };
}

/** One page of hits for `args`, best first. */
export async function search(
  { rows, limits }: Pick<RequestContext, 'rows' | 'limits'>,
  args: SearchArgs,
): Promise<SearchConnection> {
  const { text, words } = checkedQuery(args.query);
  const size = args.first ?? limits.defaultPageSize;
  if (size < 0 || size > limits.maxPageSize) {
    throw new BadUserInputError(`\`first\` must be between 0 and ${limits.maxPageSize} (got ${size}).`, ['first']);
  }
  const after = args.after != null ? decodeCursor(args.after) : null;
  const kinds = args.kinds ?? KIND_ORDER;

  const withTotal = rows.selectsTotalCountOf(SearchConnection.name);
  const found = await rows.sql<HitRow>(withTotal ? HITS_WITH_TOTAL_SQL : HITS_SQL, [
    text,
    kinds,
    KIND_ORDER,
    after?.score ?? null,
    after?.score ?? null,
    after?.kindRank ?? null,
    after?.recordId ?? null,
    size + 1,
  ]);
  const pageRows = found.slice(0, size);
  const edges = pageRows.map((row) => ({ cursor: encodeCursor(row), node: hitOf(row, words) }));
  const pageInfo: PageInfo = {
    hasNextPage: found.length > size,
    hasPreviousPage: after != null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  // A page without hits has no row to carry the count: it is counted by a statement of its own.
  const total = withTotal && found.length > 0 ? Number(found[0].total) : undefined;
  const countTotal = async () => {
    if (total !== undefined) return total;
    const [counted] = await rows.sql<{ count: string | number }>(COUNT_SQL, [text, kinds]);
    return Number(counted.count);
  };
  return new SearchConnection({ edges, nodes: edges.map((edge) => edge.node), pageInfo, countTotal });
}

function hitOf(row: HitRow, words: string[]): SearchHit {
  const hit = new SearchHit();
  hit.kind = row.kind;
  hit.recordId = row.record_id;
  hit.label = row.label;
  hit.score = row.score;
  hit.field = row.field;
  Object.assign(hit, snippetOf(row.text, words));
  return hit;
}

/** The hit's record as its own type (Organisation, City, …), batched with every other record of its kind. */
export async function recordOf({ rows, loaders }: Pick<RequestContext, 'rows' | 'loaders'>, hit: SearchHit) {
  // The entity classes are the ORM's own list (from the domains), looked up by the kind's type name.
  const entity = rows.em.getMetadata().find(TYPE_NAME_OF_KIND[hit.kind])!.class as EntityClass<Node>;
  return loaders.stored(entity, hit.recordId);
}
