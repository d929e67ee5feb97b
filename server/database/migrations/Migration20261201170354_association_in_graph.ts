import { Migration } from '@mikro-orm/migrations';
import { searchTriggers } from './Migration20261201160100_search_documents';

/**
 * The association itself becomes a record of the graph and of search (RecordKind.ASSOCIATION). Its partners are
 * linked to it (PARTNER_OF: "Partnerships are established with ... VITAKO", "Autonomous University of Barcelona"
 * partnering with Major Cities of Europe), its office holders (HOLDS_OFFICE) and its seat (SEATED_IN), so that
 * how two partners relate has an answer. Its members are not linked to it: every member would be two hops from
 * every other, which tells nothing; a member's edge to its country says it is one (MEMBER_IN).
 *
 * The views of the earlier migrations are kept under new names and extended here, not written out again.
 */
export class Migration20261201170354_association_in_graph extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter view relationship rename to record_relationship;');
    this.addSql(`
      create view relationship as
      select * from record_relationship
      union all
      select 'ORGANISATION', p.organisation_id, 'ASSOCIATION', a.id, 'PARTNER_OF', null::int
        from partnership p cross join association a where p.conference_id is null
      union all
      select 'PERSON', r.person_id, 'ASSOCIATION', a.id, 'HOLDS_OFFICE', null::int
        from association_role r cross join association a group by r.person_id, a.id
      union all
      select 'ASSOCIATION', a.id, 'CITY', a.seat_id, 'SEATED_IN', null::int from association a;`);
    this.addSql('alter view related_record rename to related_record_of_tables;');
    this.addSql(`
      create view related_record as
      select * from related_record_of_tables
      union all
      select 'ASSOCIATION', a.id, a.name::text, co.code::text, '{}'::int[], '{}'::text[]
        from association a left join city seat on seat.id = a.seat_id left join country co on co.id = seat.country_id;`);

    this.addSql('alter view search_source rename to search_source_of_records;');
    this.addSql(`
      create view search_source as
      select * from search_source_of_records
      union all select 'ASSOCIATION', a.id, 'name', a.name, a.name, 1.0 from association a
      union all select 'ASSOCIATION', a.id, 'otherName', a.short_name, a.name, 0.95 from association a
      union all select 'ASSOCIATION', a.id, 'otherName', other.name, a.name, 0.95
        from association a cross join unnest(a.other_names) as other(name)
      union all select 'ASSOCIATION', a.id, 'description', a.description, a.name, 0.5 from association a;`);
    for (const statement of searchTriggers('association', 'ASSOCIATION', 'id')) this.addSql(statement);
    this.addSql(`insert into search_document (kind, record_id, field, text, label, weight)
      select kind, record_id, field, text, label, weight from search_source
       where kind = 'ASSOCIATION' and search_key(text) <> '';`);
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      this.addSql(`drop trigger if exists "search_association_${event}" on "association";`);
    }
    this.addSql(`delete from search_document where kind = 'ASSOCIATION';`);
    this.addSql('drop view search_source;');
    this.addSql('alter view search_source_of_records rename to search_source;');
    this.addSql('drop view related_record;');
    this.addSql('alter view related_record_of_tables rename to related_record;');
    this.addSql('drop view relationship;');
    this.addSql('alter view record_relationship rename to relationship;');
  }
}
