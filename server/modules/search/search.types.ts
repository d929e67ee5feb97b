import { Max, Min } from '../../common/class-validator';
import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo, type ConnectionPage } from '../../common/connection';
import { RecordKind } from '../../common/record-kind';

/** The longest query `search` takes, in characters (code points): longer than any name, shorter than a paragraph. */
export const MAX_SEARCH_QUERY_LENGTH = 200;

@ArgsType()
export class SearchArgs {
  @Field({
    description: `What to look for, e.g. "zurich", "Firenze", "Ljublana" or "Hamb": any case, with or without accents, a few typos allowed, the last word matching the start of a word. 1 to ${MAX_SEARCH_QUERY_LENGTH} characters with at least one letter or digit.`,
  })
  query!: string;

  @Field(() => [RecordKind], {
    nullable: true,
    description: 'Only records of these kinds, e.g. [CITY, ORGANISATION]; every kind when left out, none when empty.',
  })
  kinds?: RecordKind[] | null;

  @Field(() => Int, { nullable: true, description: 'Return at most this many hits, the best first.' })
  @Min(0)
  @Max(2_147_483_647)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return hits after this cursor (from a previous page).' })
  after?: string | null;
}

@ObjectType({
  description:
    'A stretch of a snippet that matched the query, e.g. { start: 0, length: 7 } for "Firenze". Offsets count UTF-16 code units, as JavaScript strings do.',
})
export class TextRange {
  @Field(() => Int, { description: 'Where the stretch starts in the snippet (0 is its first character).' })
  start!: number;

  @Field(() => Int, { description: 'How many UTF-16 code units the stretch spans.' })
  length!: number;
}

/** One hit as the service finds it; `record` is resolved through the per-request loaders. */
@ObjectType({ description: 'A record that matched a search, with where and how well it matched.' })
export class SearchHit {
  /** Database id of the record (its global id is the record's own `id`). */
  recordId!: number;

  @Field(() => RecordKind, { description: 'What kind of record it is, e.g. CITY.' })
  kind!: RecordKind;

  @Field({ description: 'The record\'s display name, e.g. "Florence" or "2016 conference".' })
  label!: string;

  @Field(() => Float, {
    description:
      'How well it matched, from 0 to 1: 1 for the whole of a name, less for the start of a name, a word in a motto or description, or a near spelling. Hits come best first.',
  })
  score!: number;

  @Field({
    description:
      'The field that matched, named as on the record: "name", "otherName" (a city\'s other name or an organisation\'s name in the member table, e.g. "Firenze"), "code", "alpha3", "sourceLabel", "year", "title" (a conference\'s motto), "description", "wording" or "details" (of a topic).',
  })
  field!: string;

  @Field({
    description:
      'The text that matched, or the part of a long text around the match, e.g. "Firenze"; "…" marks where a long text was cut.',
  })
  snippet!: string;

  @Field(() => [TextRange], { description: 'The words of the snippet that matched the query.' })
  highlights!: TextRange[];
}

@ObjectType({ description: 'A search hit in a connection, with its cursor.' })
export class SearchEdge {
  @Field({ description: 'Opaque cursor of this hit, for `after`.' })
  cursor!: string;

  @Field(() => SearchHit, { description: 'The hit.' })
  node!: SearchHit;
}

@ObjectType({ description: 'A page of search hits, best first (Relay cursor connection).' })
export class SearchConnection {
  constructor(private readonly page: ConnectionPage<SearchHit>) {}

  @Field(() => [SearchEdge], { description: 'The hits of this page with their cursors.' })
  get edges(): Array<{ cursor: string; node: SearchHit }> {
    return this.page.edges;
  }

  @Field(() => [SearchHit], { description: 'The hits of this page, without cursors.' })
  get nodes(): SearchHit[] {
    return this.page.nodes;
  }

  @Field(() => PageInfo, { description: 'Whether there are more hits, and the cursor to fetch them.' })
  get pageInfo(): PageInfo {
    return this.page.pageInfo;
  }

  @Field(() => Int, { description: 'How many records match the query, over all pages (each record once).' })
  totalCount(): Promise<number> {
    return this.page.countTotal();
  }
}
