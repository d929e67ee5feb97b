import { Migration } from '@mikro-orm/migrations';

/**
 * Full-text search across every kind of record (server/modules/search/), computed in PostgreSQL.
 *
 * Why one table of search documents kept current by triggers, rather than expression indexes over each table: a
 * record's searchable texts live in several tables (a city's other names in `city_alias`, an organisation's
 * listed-as name in `membership`), and a search ranks every kind of record against every other. With one row per
 * (record, field, text) the search is a single scan of one trigram index and one full-text index, ranked in one
 * place, with those joins resolved once at write time instead of in every search; expression indexes would need a
 * UNION of nine tables, each with its own copy of the matching and ranking expressions, and the joins per query.
 *
 * What is searchable is said once, in the view `search_source` (one branch per kind, each naming its fields); the
 * table `search_document` is its materialisation. Every table that contributes a text has triggers that re-derive
 * the documents of the records its written rows belong to (a row's own id, or the city or organisation it names),
 * so the index follows every write in the writing transaction itself. API keys and the audit log have no
 * branch and never will (they are admins' alone).
 *
 * Matching works on a "key": the text lower-cased, without accents (unaccent) and with every run of punctuation
 * turned into one space, so that "Zürich", "zurich" and "ZURICH" agree and a query's words never carry tsquery or
 * LIKE syntax. `search_key` is declared IMMUTABLE (unaccent itself is only STABLE, since its rules file could
 * change) so that it may define generated columns; the rules file is part of the installed extension.
 */
export class Migration20261201160100_search_documents extends Migration {
  override async up(): Promise<void> {
    // Both are trusted extensions (PostgreSQL 13+): a database owner may create them without being superuser.
    this.addSql(`create extension if not exists pg_trgm with schema public;`);
    this.addSql(`create extension if not exists unaccent with schema public;`);

    this.addSql(`create or replace function search_key(text) returns text
      language sql immutable strict parallel safe
      as $$ select btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[^[:alnum:]]+', ' ', 'g')) $$;`);

    this.addSql(`create table "search_document" (
      "id" bigserial primary key,
      "kind" text not null,
      "record_id" int not null,
      "field" text not null,
      "text" text not null,
      "label" text not null,
      "weight" real not null,
      "key" text generated always as (search_key("text")) stored,
      "vector" tsvector generated always as (to_tsvector('simple'::regconfig, search_key("text"))) stored
    );`);
    this.addSql(`create index "search_document_kind_record_id_index" on "search_document" ("kind", "record_id");`);
    this.addSql(`create index "search_document_vector_index" on "search_document" using gin ("vector");`);
    this.addSql(`create index "search_document_key_trgm_index" on "search_document" using gin ("key" gin_trgm_ops);`);

    // Weights: a record's own name 1, another name 0.95, a country's label as the sources write it ("CRO
    // Croatia"), a title, motto or topic wording 0.9, descriptions 0.5 — so that an exact name outranks the same
    // word in a motto.
    this.addSql(`create view "search_source" as
      select 'ORGANISATION' as kind, o.id as record_id, 'name' as field, o.name as text, o.name as label, 1.0::real as weight from organisation o
      union all select 'ORGANISATION', o.id, 'otherName', m.listed_as, o.name, 0.95 from organisation o join membership m on m.organisation_id = o.id where m.listed_as is distinct from o.name
      union all select 'ORGANISATION', o.id, 'description', o.description, o.name, 0.5 from organisation o
      union all select 'CITY', c.id, 'name', c.name, c.name, 1.0 from city c
      union all select 'CITY', c.id, 'otherName', a.name, c.name, 0.95 from city c join city_alias a on a.city_id = c.id
      union all select 'COUNTRY', c.id, 'name', c.name, c.name, 1.0 from country c
      union all select 'COUNTRY', c.id, 'code', c.code, c.name, 1.0 from country c
      union all select 'COUNTRY', c.id, 'alpha3', c.alpha3, c.name, 1.0 from country c
      union all select 'COUNTRY', c.id, 'sourceLabel', c.source_label, c.name, 0.9 from country c where c.source_label is distinct from c.name
      union all select 'CONFERENCE', c.id, 'year', c.year::text, c.year || ' conference', 1.0 from conference c
      union all select 'CONFERENCE', c.id, 'title', c.title, c.year || ' conference', 0.9 from conference c
      union all select 'CONFERENCE', c.id, 'description', c.description, c.year || ' conference', 0.5 from conference c
      union all select 'WORKSHOP', w.id, 'title', w.title, w.title, 1.0 from workshop w
      union all select 'WORKSHOP', w.id, 'description', w.description, w.title, 0.5 from workshop w
      union all select 'THEME', t.id, 'name', t.name, t.name, 1.0 from theme t
      union all select 'THEME', t.id, 'description', t.description, t.name, 0.5 from theme t
      union all select 'TOPIC', t.id, 'wording', t.wording, t.wording, 0.9 from topic t
      union all select 'TOPIC', t.id, 'details', t.details, t.wording, 0.5 from topic t
      union all select 'PERSON', p.id, 'name', p.name, p.name, 1.0 from person p
      union all select 'PROJECT', p.id, 'name', p.name, p.name, 1.0 from project p
      union all select 'PROJECT', p.id, 'description', p.description, p.name, 0.5 from project p;`);

    this.addSql(`create or replace function search_refresh(refreshed_kind text, record_ids int[]) returns void
      language plpgsql as $$
      begin
        delete from search_document where kind = refreshed_kind and record_id = any(record_ids);
        insert into search_document (kind, record_id, field, text, label, weight)
          select s.kind, s.record_id, s.field, s.text, s.label, s.weight from search_source s
          where s.kind = refreshed_kind and s.record_id = any(record_ids) and search_key(s.text) <> '';
      end $$;`);

    // Statement-level, with transition tables: one refresh per statement, however many rows it writes (a bulk
    // insert of a thousand people is one refresh of a thousand records, not a thousand refreshes).
    // tg_argv: the kind of record the table's rows belong to, and the column that holds that record's id.
    this.addSql(`create or replace function search_document_follow() returns trigger
      language plpgsql as $$
      declare
        record_ids int[];
      begin
        if tg_op = 'INSERT' then
          select array_agg((to_jsonb(written) ->> tg_argv[1])::int) into record_ids from new_rows written;
        elsif tg_op = 'UPDATE' then
          select array_agg(distinct ids.id) into record_ids from (
            select (to_jsonb(written) ->> tg_argv[1])::int as id from new_rows written
            union all select (to_jsonb(previous) ->> tg_argv[1])::int from old_rows previous
          ) as ids;
        else
          select array_agg((to_jsonb(previous) ->> tg_argv[1])::int) into record_ids from old_rows previous;
        end if;
        if record_ids is not null then perform search_refresh(tg_argv[0], record_ids); end if;
        return null;
      end $$;`);

    // TRUNCATE has no rows to name: the documents of the whole kind are derived again.
    this.addSql(`create or replace function search_document_rebuild() returns trigger
      language plpgsql as $$
      begin
        delete from search_document where kind = tg_argv[0];
        insert into search_document (kind, record_id, field, text, label, weight)
          select s.kind, s.record_id, s.field, s.text, s.label, s.weight from search_source s
          where s.kind = tg_argv[0] and search_key(s.text) <> '';
        return null;
      end $$;`);

    for (const [table, kind, column] of SEARCH_TRIGGERS) {
      for (const statement of searchTriggers(table, kind, column)) this.addSql(statement);
    }

    // Records already in the database (a server migrated after it was seeded) become searchable at once.
    this.addSql(`insert into search_document (kind, record_id, field, text, label, weight)
      select kind, record_id, field, text, label, weight from search_source where search_key(text) <> '';`);
  }

  override async down(): Promise<void> {
    for (const [table] of SEARCH_TRIGGERS) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) {
        this.addSql(`drop trigger if exists "search_${table}_${event}" on "${table}";`);
      }
    }
    this.addSql(`drop function if exists search_document_follow();`);
    this.addSql(`drop function if exists search_document_rebuild();`);
    this.addSql(`drop function if exists search_refresh(text, int[]);`);
    this.addSql(`drop view if exists "search_source";`);
    this.addSql(`drop table if exists "search_document";`);
    this.addSql(`drop function if exists search_key(text);`);
    // The extensions stay: other indexes may come to use them, and dropping one would take those with it.
  }
}

/** Each table with searchable text: the kind of record its rows feed, and the column with that record's id. */
const SEARCH_TRIGGERS: ReadonlyArray<readonly [table: string, kind: string, column: string]> = [
  ['organisation', 'ORGANISATION', 'id'],
  ['membership', 'ORGANISATION', 'organisation_id'],
  ['city', 'CITY', 'id'],
  ['city_alias', 'CITY', 'city_id'],
  ['country', 'COUNTRY', 'id'],
  ['conference', 'CONFERENCE', 'id'],
  ['workshop', 'WORKSHOP', 'id'],
  ['theme', 'THEME', 'id'],
  ['topic', 'TOPIC', 'id'],
  ['person', 'PERSON', 'id'],
  ['project', 'PROJECT', 'id'],
];

/** The triggers that keep `table`'s part of the search documents of `kind` current (`column`: the record's id). */
export function searchTriggers(table: string, kind: string, column: string): string[] {
  const follow = `for each statement execute function search_document_follow('${kind}', '${column}')`;
  return [
    `create trigger "search_${table}_truncate" after truncate on "${table}" for each statement execute function search_document_rebuild('${kind}');`,
    `create trigger "search_${table}_insert" after insert on "${table}" referencing new table as new_rows ${follow};`,
    `create trigger "search_${table}_update" after update on "${table}" referencing old table as old_rows new table as new_rows ${follow};`,
    `create trigger "search_${table}_delete" after delete on "${table}" referencing old table as old_rows ${follow};`,
  ];
}
