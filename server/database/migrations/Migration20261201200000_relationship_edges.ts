import { Migration } from '@mikro-orm/migrations';

/**
 * The relationship graph's edges in one indexed table, `relationship_edge`, for searching it record by record.
 *
 * The view `relationship` stays what says what the edges are. But it is a union over a dozen tables, some of
 * its branches joined or grouped, and PostgreSQL cannot look it up by record: a shortest-path search over it read
 * every edge at every step, which at ×1000 (300,000 edges) took longer than the statement timeout. The table is
 * its materialisation, indexed from both ends, so that a step of the search reads only the edges of the records
 * it stands on (server/modules/network/paths.service.ts).
 *
 * Kept current as the search documents are: statement-level triggers on every table an edge is derived from
 * re-derive, from the view, every edge touching a record the written rows name (their own id and the records
 * they point to, before and after the write), in the writing transaction itself. Every edge derived from a row
 * touches a record that row names, with one exception: a topic's ON_THEME and a speaker's SPOKE_ON edges carry
 * the year of the topic's conference or workshop, so a written conference or workshop also re-derives the edges
 * of its topics.
 */
export class Migration20261201200000_relationship_edges extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "relationship_edge" (
      "source_kind" text not null,
      "source_id" int not null,
      "target_kind" text not null,
      "target_id" int not null,
      "label" text not null,
      "year" int
    );`);
    this.addSql(`create index "relationship_edge_source_index" on "relationship_edge" ("source_kind", "source_id");`);
    this.addSql(`create index "relationship_edge_target_index" on "relationship_edge" ("target_kind", "target_id");`);

    // EXECUTE plans each refresh with its values known, so that only the view's branches of that kind of record
    // are read, through their indexes; a prepared plan would read them all.
    this.addSql(`create or replace function relationship_refresh(refreshed_kind text, record_ids int[]) returns void
      language plpgsql as $$
      begin
        delete from relationship_edge
         where (source_kind = refreshed_kind and source_id = any(record_ids))
            or (target_kind = refreshed_kind and target_id = any(record_ids));
        execute 'insert into relationship_edge (source_kind, source_id, target_kind, target_id, label, year)
          select r.source_kind, r.source_id, r.target_kind, r.target_id, r.label, r.year from relationship r
           where (r.source_kind = $1 and r.source_id = any($2)) or (r.target_kind = $1 and r.target_id = any($2))'
          using refreshed_kind, record_ids;
      end $$;`);

    // Statement-level, with transition tables: one refresh per kind of record per statement, however many rows
    // it writes. tg_argv: pairs of (kind of record, column of the table's rows that names one).
    this.addSql(`create or replace function relationship_edge_follow() returns trigger
      language plpgsql as $$
      declare
        pair int := 0;
        record_ids int[];
      begin
        -- db:scale writes hundreds of thousands of rows, then derives every edge once (relationship_edge_derive_all).
        if current_setting('mce.relationship_edges_deferred', true) = 'on' then return null; end if;
        while pair < tg_nargs loop
          if tg_op = 'INSERT' then
            select array_agg(distinct (to_jsonb(written) ->> tg_argv[pair + 1])::int) into record_ids
              from new_rows written;
          elsif tg_op = 'UPDATE' then
            select array_agg(distinct ids.id) into record_ids from (
              select (to_jsonb(written) ->> tg_argv[pair + 1])::int as id from new_rows written
              union all select (to_jsonb(previous) ->> tg_argv[pair + 1])::int from old_rows previous
            ) as ids;
          else
            select array_agg(distinct (to_jsonb(previous) ->> tg_argv[pair + 1])::int) into record_ids
              from old_rows previous;
          end if;
          if record_ids is not null then perform relationship_refresh(tg_argv[pair], record_ids); end if;
          pair := pair + 2;
        end loop;
        return null;
      end $$;`);

    // A written conference or workshop: the edges of its topics carry its year. tg_argv[0]: the topic's column
    // that names the event.
    this.addSql(`create or replace function relationship_edge_follow_topics() returns trigger
      language plpgsql as $$
      declare
        event_ids int[];
        topic_ids int[];
      begin
        -- db:scale writes hundreds of thousands of rows, then derives every edge once (relationship_edge_derive_all).
        if current_setting('mce.relationship_edges_deferred', true) = 'on' then return null; end if;
        if tg_op = 'DELETE' then
          select array_agg(previous.id) into event_ids from old_rows previous;
        else
          select array_agg(written.id) into event_ids from new_rows written;
        end if;
        execute format('select array_agg(t.id) from topic t where t.%I = any($1)', tg_argv[0])
          into topic_ids using event_ids;
        if topic_ids is not null then perform relationship_refresh('TOPIC', topic_ids); end if;
        return null;
      end $$;`);

    // Every edge derived again: after a TRUNCATE (which names no rows), and once at the end of a db:scale run,
    // which defers the triggers (`mce.relationship_edges_deferred`, local to its transaction) while it writes.
    this.addSql(`create or replace function relationship_edge_derive_all() returns void
      language sql as $$
        delete from relationship_edge;
        insert into relationship_edge (source_kind, source_id, target_kind, target_id, label, year)
          select source_kind, source_id, target_kind, target_id, label, year from relationship;
      $$;`);
    this.addSql(`create or replace function relationship_edge_rebuild() returns trigger
      language plpgsql as $$
      begin
        if current_setting('mce.relationship_edges_deferred', true) = 'on' then return null; end if;
        perform relationship_edge_derive_all();
        return null;
      end $$;`);

    for (const [table, ...named] of EDGE_SOURCES) {
      for (const statement of edgeTriggers(table, named)) this.addSql(statement);
    }
    for (const [table, column] of [
      ['conference', 'conference_id'],
      ['workshop', 'workshop_id'],
    ]) {
      const follow = `for each statement execute function relationship_edge_follow_topics('${column}')`;
      this.addSql(
        `create trigger "relationship_edge_${table}_topics_update" after update on "${table}" referencing new table as new_rows ${follow};`,
      );
    }

    this.addSql(`select relationship_edge_derive_all();`);
  }

  override async down(): Promise<void> {
    for (const [table] of EDGE_SOURCES) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) {
        this.addSql(`drop trigger if exists "relationship_edge_${table}_${event}" on "${table}";`);
      }
    }
    for (const table of ['conference', 'workshop']) {
      this.addSql(`drop trigger if exists "relationship_edge_${table}_topics_update" on "${table}";`);
    }
    this.addSql(`drop function if exists relationship_edge_follow();`);
    this.addSql(`drop function if exists relationship_edge_follow_topics();`);
    this.addSql(`drop function if exists relationship_edge_rebuild();`);
    this.addSql(`drop function if exists relationship_edge_derive_all();`);
    this.addSql(`drop function if exists relationship_refresh(text, int[]);`);
    this.addSql(`drop table if exists "relationship_edge";`);
  }
}

/**
 * Every table an edge of the `relationship` view is derived from, and the records its rows name: pairs of the
 * kind of record and the column holding its id.
 */
const EDGE_SOURCES: ReadonlyArray<readonly [table: string, ...named: string[]]> = [
  ['organisation', 'ORGANISATION', 'id', 'CITY', 'city_id', 'COUNTRY', 'country_id'],
  ['membership', 'ORGANISATION', 'organisation_id'],
  ['city', 'CITY', 'id', 'COUNTRY', 'country_id'],
  ['country', 'COUNTRY', 'id'],
  ['conference', 'CONFERENCE', 'id', 'CITY', 'host_city_id', 'ORGANISATION', 'host_organisation_id'],
  ['workshop', 'WORKSHOP', 'id', 'CITY', 'host_city_id'],
  ['partnership', 'ORGANISATION', 'organisation_id', 'CONFERENCE', 'conference_id'],
  ['topic', 'TOPIC', 'id', 'CONFERENCE', 'conference_id', 'WORKSHOP', 'workshop_id', 'THEME', 'theme_id'],
  ['theme', 'THEME', 'id'],
  ['project_participation', 'ORGANISATION', 'organisation_id', 'PROJECT', 'project_id'],
  ['project', 'PROJECT', 'id', 'CONFERENCE', 'presented_at_id'],
  [
    'talk',
    'PERSON',
    'speaker_id',
    'CONFERENCE',
    'conference_id',
    'TOPIC',
    'topic_id',
    'ORGANISATION',
    'organisation_id',
  ],
  ['person', 'PERSON', 'id'],
  ['association', 'ASSOCIATION', 'id', 'CITY', 'seat_id'],
  ['association_role', 'PERSON', 'person_id'],
];

function edgeTriggers(table: string, named: readonly string[]): string[] {
  const follow = `for each statement execute function relationship_edge_follow(${named.map((arg) => `'${arg}'`).join(', ')})`;
  return [
    `create trigger "relationship_edge_${table}_truncate" after truncate on "${table}" for each statement execute function relationship_edge_rebuild();`,
    `create trigger "relationship_edge_${table}_insert" after insert on "${table}" referencing new table as new_rows ${follow};`,
    `create trigger "relationship_edge_${table}_update" after update on "${table}" referencing old table as old_rows new table as new_rows ${follow};`,
    `create trigger "relationship_edge_${table}_delete" after delete on "${table}" referencing old table as old_rows ${follow};`,
  ];
}
