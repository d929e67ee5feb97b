import { Migration } from '@mikro-orm/migrations';

/**
 * The relationship graph as two views over the records' own tables, so that it is never out of step with them:
 * `relationship`, one row per labelled edge between records of the kinds in common/record-kind.ts (labels as in
 * network/relationship-label.ts), and `related_record`, one row per record of those kinds with what the graph
 * shows of it (label, country, years, theme slugs). API keys and the audit log are in neither.
 *
 * Membership of the association is the label of a member's edge to the country it is listed under (MEMBER_IN, as
 * the member table lists members by country) rather than an edge to the association: one hub linked to every
 * member would put any two members two hops apart and tell nothing.
 */
export class Migration20261201160039_relationship_graph extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create view relationship as
      select 'ORGANISATION'::text as source_kind, o.id as source_id, 'CITY'::text as target_kind, o.city_id as target_id,
             'LOCATED_IN'::text as label, null::int as year
        from organisation o where o.city_id is not null
      union all
      select 'ORGANISATION', o.id, 'COUNTRY', o.country_id,
             case when exists (select 1 from membership m where m.organisation_id = o.id and m.status = 'ACTIVE')
                  then 'MEMBER_IN' else 'IN_COUNTRY' end, null::int
        from organisation o
      union all
      select 'CITY', c.id, 'COUNTRY', c.country_id, 'IN_COUNTRY', null::int from city c
      union all
      select 'CITY', c.host_city_id, 'CONFERENCE', c.id, 'HOSTED', c.year from conference c where c.host_city_id is not null
      union all
      select 'ORGANISATION', c.host_organisation_id, 'CONFERENCE', c.id, 'HOSTED', c.year
        from conference c where c.host_organisation_id is not null
      union all
      select 'CITY', w.host_city_id, 'WORKSHOP', w.id, 'HOSTED', extract(year from w.held_on)::int
        from workshop w where w.host_city_id is not null
      union all
      select distinct 'ORGANISATION', p.organisation_id, 'CONFERENCE', p.conference_id,
             case p.kind when 'CONFERENCE_CO_ORGANISER' then 'CO_ORGANISED' when 'CONFERENCE_VENUE' then 'VENUE_OF'
                         when 'SPONSOR' then 'SPONSORED' else 'PARTNER_OF' end, c.year
        from partnership p join conference c on c.id = p.conference_id
      union all
      select 'TOPIC', t.id, 'CONFERENCE', t.conference_id, 'TOPIC_OF', c.year
        from topic t join conference c on c.id = t.conference_id
      union all
      select 'TOPIC', t.id, 'WORKSHOP', t.workshop_id, 'TOPIC_OF', extract(year from w.held_on)::int
        from topic t join workshop w on w.id = t.workshop_id
      union all
      select 'TOPIC', t.id, 'THEME', t.theme_id, 'ON_THEME', coalesce(c.year, extract(year from w.held_on)::int)
        from topic t left join conference c on c.id = t.conference_id left join workshop w on w.id = t.workshop_id
      union all
      select distinct 'ORGANISATION', pp.organisation_id, 'PROJECT', pp.project_id,
             case pp.role when 'ORGANISER' then 'ORGANISED' else 'PARTICIPATES_IN' end, null::int
        from project_participation pp
      union all
      select 'PROJECT', p.id, 'PROJECT', p.presented_at_id, 'PRESENTED_AT', null::int from project p where p.presented_at_id is not null
      union all
      select 'PERSON', t.speaker_id, 'CONFERENCE', t.conference_id, 'SPOKE_AT', min(c.year)
        from talk t join conference c on c.id = t.conference_id group by t.speaker_id, t.conference_id
      union all
      select 'PERSON', t.speaker_id, 'TOPIC', t.topic_id, 'SPOKE_ON', min(c.year)
        from talk t join conference c on c.id = t.conference_id where t.topic_id is not null group by t.speaker_id, t.topic_id
      union all
      select 'PERSON', t.speaker_id, 'ORGANISATION', t.organisation_id, 'SPOKE_FOR', null::int
        from talk t where t.organisation_id is not null group by t.speaker_id, t.organisation_id;`);
    this.addSql(`
      create view related_record as
      select 'ORGANISATION'::text as kind, o.id, o.name::text as label, co.code::text as country,
             '{}'::int[] as years, '{}'::text[] as themes
        from organisation o join country co on co.id = o.country_id
      union all
      select 'CITY', c.id, c.name, co.code, '{}', '{}' from city c join country co on co.id = c.country_id
      union all
      select 'COUNTRY', co.id, co.name, co.code, '{}', '{}' from country co
      union all
      select 'CONFERENCE', c.id,
             c.year || ' conference' || coalesce(' in ' || hc.name, case when c.format = 'VIRTUAL' then ' (virtual)' end, ''),
             coalesce(hcc.code, hoc.code), array[c.year],
             array(select distinct th.slug::text from topic t join theme th on th.id = t.theme_id where t.conference_id = c.id order by 1)
        from conference c
        left join city hc on hc.id = c.host_city_id left join country hcc on hcc.id = hc.country_id
        left join organisation ho on ho.id = c.host_organisation_id left join country hoc on hoc.id = ho.country_id
      union all
      select 'WORKSHOP', w.id, w.title, hcc.code,
             case when w.held_on is null then '{}' else array[extract(year from w.held_on)::int] end,
             array(select distinct th.slug::text from topic t join theme th on th.id = t.theme_id where t.workshop_id = w.id order by 1)
        from workshop w left join city hc on hc.id = w.host_city_id left join country hcc on hcc.id = hc.country_id
      union all
      select 'TOPIC', t.id, t.wording, coalesce(cc.code, wc.code),
             case when c.id is not null then array[c.year] when w.held_on is not null then array[extract(year from w.held_on)::int] else '{}' end,
             array[th.slug::text]
        from topic t join theme th on th.id = t.theme_id
        left join conference c on c.id = t.conference_id
        left join city chc on chc.id = c.host_city_id left join organisation cho on cho.id = c.host_organisation_id
        left join country cc on cc.id = coalesce(chc.country_id, cho.country_id)
        left join workshop w on w.id = t.workshop_id
        left join city whc on whc.id = w.host_city_id left join country wc on wc.id = whc.country_id
      union all
      select 'THEME', th.id, th.name, null,
             array(select distinct coalesce(c.year, extract(year from w.held_on)::int) from topic t
                     left join conference c on c.id = t.conference_id left join workshop w on w.id = t.workshop_id
                    where t.theme_id = th.id and coalesce(c.year, extract(year from w.held_on)::int) is not null order by 1),
             array[th.slug::text]
        from theme th
      union all
      select 'PERSON', p.id, p.name, null, '{}', '{}' from person p
      union all
      select 'PROJECT', p.id, p.name, null, '{}', '{}' from project p;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "related_record";`);
    this.addSql(`drop view if exists "relationship";`);
  }
}
