import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "source" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "file_name" varchar(200) not null, "title" varchar(300) not null, "kind" text check ("kind" in ('PRIMARY', 'SUPPLEMENTARY')) not null, "rank" int not null, "description" text not null);`,
    );
    this.addSql(`alter table "source" add constraint "source_file_name_unique" unique ("file_name");`);

    this.addSql(
      `create table "project" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "name" varchar(300) not null, "slug" varchar(200) not null, "kind" text check ("kind" in ('EU_PROJECT', 'EVENT', 'PROJECT')) not null, "description" text not null, "association_role" varchar(200) null, "presented_at_id" int null);`,
    );
    this.addSql(`alter table "project" add constraint "project_slug_unique" unique ("slug");`);
    this.addSql(`create index "project_presented_at_id_index" on "project" ("presented_at_id");`);

    this.addSql(
      `create table "person" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "name" varchar(200) not null, "slug" varchar(200) not null);`,
    );
    this.addSql(`alter table "person" add constraint "person_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "country" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "code" varchar(2) not null, "alpha3" varchar(3) not null, "name" varchar(100) not null, "source_label" varchar(100) null, "in_europe" boolean not null);`,
    );
    this.addSql(`alter table "country" add constraint "country_code_unique" unique ("code");`);
    this.addSql(`alter table "country" add constraint "country_alpha3_unique" unique ("alpha3");`);
    this.addSql(`alter table "country" add constraint "country_name_unique" unique ("name");`);

    this.addSql(
      `create table "city" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "name" varchar(100) not null, "slug" varchar(100) not null, "country_id" int not null);`,
    );
    this.addSql(`alter table "city" add constraint "city_slug_unique" unique ("slug");`);
    this.addSql(`create index "city_country_id_index" on "city" ("country_id");`);
    this.addSql(`alter table "city" add constraint "city_country_id_name_unique" unique ("country_id", "name");`);

    this.addSql(
      `create table "organisation" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "name" varchar(200) not null, "slug" varchar(200) not null, "kind" text check ("kind" in ('CITY', 'CITY_COUNCIL', 'COUNTY', 'METROPOLITAN_AUTHORITY', 'AGENCY', 'ASSOCIATION', 'CONSORTIUM', 'UNIVERSITY', 'RESEARCH_CENTRE', 'COMPANY')) not null, "description" text null, "country_id" int not null, "city_id" int null);`,
    );
    this.addSql(`alter table "organisation" add constraint "organisation_slug_unique" unique ("slug");`);
    this.addSql(`create index "organisation_country_id_index" on "organisation" ("country_id");`);
    this.addSql(`create index "organisation_city_id_index" on "organisation" ("city_id");`);

    this.addSql(
      `create table "project_participation" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "project_id" int not null, "organisation_id" int not null, "role" text check ("role" in ('ORGANISER', 'PARTICIPANT')) not null);`,
    );
    this.addSql(`create index "project_participation_project_id_index" on "project_participation" ("project_id");`);
    this.addSql(
      `create index "project_participation_organisation_id_index" on "project_participation" ("organisation_id");`,
    );
    this.addSql(
      `alter table "project_participation" add constraint "project_participation_project_id_organisation_id_unique" unique ("project_id", "organisation_id");`,
    );

    this.addSql(
      `create table "membership" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "organisation_id" int not null, "status" text check ("status" in ('ACTIVE', 'FORMER')) not null default 'ACTIVE', "listed_as" varchar(200) null, "listed_under" varchar(200) null, "note" text null);`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_organisation_id_unique" unique ("organisation_id");`,
    );

    this.addSql(
      `create table "conference" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "year" int not null, "title" varchar(300) null, "description" text null, "host_city_id" int null, "host_organisation_id" int null, "venue" varchar(200) null, "start_date" date null, "end_date" date null, "status" text check ("status" in ('HELD', 'PLANNED')) not null, "format" text check ("format" in ('IN_PERSON', 'VIRTUAL')) not null, "attendance_participants" int null, "attendance_approximate" boolean not null default false, "attendance_wording" varchar(200) null, "attendance_countries_represented" int null, "attendance_cities_represented" int null, "attendance_origin" varchar(300) null, "languages" text[] not null default '{}', "translation_languages" text[] not null default '{}', "registration_open" boolean null, "registration_free" boolean null, "published_programme" boolean null, "published_handouts" boolean null, "published_videos" boolean null);`,
    );
    this.addSql(`alter table "conference" add constraint "conference_year_unique" unique ("year");`);
    this.addSql(`create index "conference_host_city_id_index" on "conference" ("host_city_id");`);
    this.addSql(`create index "conference_host_organisation_id_index" on "conference" ("host_organisation_id");`);

    this.addSql(
      `create table "partnership" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "organisation_id" int not null, "kind" text check ("kind" in ('COLLABORATION_PARTNER', 'ACADEMIC_PARTNER', 'SPONSOR', 'CONFERENCE_CO_ORGANISER', 'CONFERENCE_VENUE')) not null, "conference_id" int null, "description" text null);`,
    );
    this.addSql(`create index "partnership_organisation_id_index" on "partnership" ("organisation_id");`);
    this.addSql(`create index "partnership_conference_id_index" on "partnership" ("conference_id");`);

    this.addSql(
      `create table "city_alias" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "name" varchar(100) not null, "language" varchar(8) null, "city_id" int not null);`,
    );
    this.addSql(`alter table "city_alias" add constraint "city_alias_name_unique" unique ("name");`);
    this.addSql(`create index "city_alias_city_id_index" on "city_alias" ("city_id");`);

    this.addSql(
      `create table "association_role" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "title" varchar(100) not null, "person_id" int not null);`,
    );
    this.addSql(`create index "association_role_person_id_index" on "association_role" ("person_id");`);

    this.addSql(
      `create table "association" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "name" varchar(200) not null, "short_name" varchar(20) not null, "other_names" text[] not null default '{}', "founded_year" int not null, "founding_initiative" varchar(200) not null, "seat_id" int not null, "organisation_type" varchar(100) not null, "region_served" varchar(100) not null, "language" varchar(50) not null, "key_people" varchar(200) not null, "stated_member_cities" int not null, "stated_member_countries" int not null, "description" text not null, "mission" text not null, "objective" text not null, "means" text[] not null default '{}', "membership_description" text not null, "conference_description" text not null, "workshop_description" text not null, "sponsor_description" text not null, "newsletter_description" text not null, "eu_programmes_description" text not null);`,
    );
    this.addSql(`alter table "association" add constraint "association_name_unique" unique ("name");`);
    this.addSql(`create index "association_seat_id_index" on "association" ("seat_id");`);

    this.addSql(
      `create table "theme" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "name" varchar(100) not null, "slug" varchar(100) not null, "description" text not null);`,
    );
    this.addSql(`alter table "theme" add constraint "theme_name_unique" unique ("name");`);
    this.addSql(`alter table "theme" add constraint "theme_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "workshop" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "title" varchar(300) not null, "slug" varchar(200) not null, "description" text null, "held_on" date null, "host_city_id" int null);`,
    );
    this.addSql(`alter table "workshop" add constraint "workshop_slug_unique" unique ("slug");`);
    this.addSql(`create index "workshop_host_city_id_index" on "workshop" ("host_city_id");`);

    this.addSql(
      `create table "topic" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "wording" varchar(500) not null, "details" text null, "kind" text check ("kind" in ('KEY_TOPIC', 'SESSION_TOPIC', 'WORKSHOP_TOPIC')) not null, "position" int not null, "theme_id" int not null, "conference_id" int null, "workshop_id" int null, constraint topic_has_one_owner check ((conference_id is null) <> (workshop_id is null)));`,
    );
    this.addSql(`create index "topic_theme_id_index" on "topic" ("theme_id");`);
    this.addSql(
      `alter table "topic" add constraint "topic_workshop_id_position_unique" unique ("workshop_id", "position");`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_conference_id_position_unique" unique ("conference_id", "position");`,
    );

    this.addSql(
      `create table "talk" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "source_id" int null, "title" varchar(300) not null, "conference_id" int not null, "speaker_id" int not null, "organisation_id" int null, "topic_id" int null);`,
    );
    this.addSql(`create index "talk_conference_id_index" on "talk" ("conference_id");`);
    this.addSql(`create index "talk_speaker_id_index" on "talk" ("speaker_id");`);
    this.addSql(`create index "talk_organisation_id_index" on "talk" ("organisation_id");`);
    this.addSql(`create index "talk_topic_id_index" on "talk" ("topic_id");`);

    this.addSql(
      `alter table "project" add constraint "project_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_presented_at_id_foreign" foreign key ("presented_at_id") references "project" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "person" add constraint "person_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "country" add constraint "country_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "city" add constraint "city_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "city" add constraint "city_country_id_foreign" foreign key ("country_id") references "country" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "organisation" add constraint "organisation_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "organisation" add constraint "organisation_country_id_foreign" foreign key ("country_id") references "country" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "organisation" add constraint "organisation_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "project_participation" add constraint "project_participation_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "project_participation" add constraint "project_participation_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "project_participation" add constraint "project_participation_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "membership" add constraint "membership_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "conference" add constraint "conference_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "conference" add constraint "conference_host_city_id_foreign" foreign key ("host_city_id") references "city" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "conference" add constraint "conference_host_organisation_id_foreign" foreign key ("host_organisation_id") references "organisation" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "partnership" add constraint "partnership_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "partnership" add constraint "partnership_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "partnership" add constraint "partnership_conference_id_foreign" foreign key ("conference_id") references "conference" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "city_alias" add constraint "city_alias_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "city_alias" add constraint "city_alias_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "association_role" add constraint "association_role_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "association_role" add constraint "association_role_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "association" add constraint "association_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "association" add constraint "association_seat_id_foreign" foreign key ("seat_id") references "city" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "theme" add constraint "theme_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "workshop" add constraint "workshop_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "workshop" add constraint "workshop_host_city_id_foreign" foreign key ("host_city_id") references "city" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "topic" add constraint "topic_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_theme_id_foreign" foreign key ("theme_id") references "theme" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_conference_id_foreign" foreign key ("conference_id") references "conference" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_workshop_id_foreign" foreign key ("workshop_id") references "workshop" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "talk" add constraint "talk_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "talk" add constraint "talk_conference_id_foreign" foreign key ("conference_id") references "conference" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "talk" add constraint "talk_speaker_id_foreign" foreign key ("speaker_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "talk" add constraint "talk_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "talk" add constraint "talk_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "project" drop constraint "project_source_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_source_id_foreign";`);

    this.addSql(`alter table "country" drop constraint "country_source_id_foreign";`);

    this.addSql(`alter table "city" drop constraint "city_source_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_source_id_foreign";`);

    this.addSql(`alter table "project_participation" drop constraint "project_participation_source_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_source_id_foreign";`);

    this.addSql(`alter table "conference" drop constraint "conference_source_id_foreign";`);

    this.addSql(`alter table "partnership" drop constraint "partnership_source_id_foreign";`);

    this.addSql(`alter table "city_alias" drop constraint "city_alias_source_id_foreign";`);

    this.addSql(`alter table "association_role" drop constraint "association_role_source_id_foreign";`);

    this.addSql(`alter table "association" drop constraint "association_source_id_foreign";`);

    this.addSql(`alter table "theme" drop constraint "theme_source_id_foreign";`);

    this.addSql(`alter table "workshop" drop constraint "workshop_source_id_foreign";`);

    this.addSql(`alter table "topic" drop constraint "topic_source_id_foreign";`);

    this.addSql(`alter table "talk" drop constraint "talk_source_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_presented_at_id_foreign";`);

    this.addSql(`alter table "project_participation" drop constraint "project_participation_project_id_foreign";`);

    this.addSql(`alter table "association_role" drop constraint "association_role_person_id_foreign";`);

    this.addSql(`alter table "talk" drop constraint "talk_speaker_id_foreign";`);

    this.addSql(`alter table "city" drop constraint "city_country_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_country_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_city_id_foreign";`);

    this.addSql(`alter table "conference" drop constraint "conference_host_city_id_foreign";`);

    this.addSql(`alter table "city_alias" drop constraint "city_alias_city_id_foreign";`);

    this.addSql(`alter table "association" drop constraint "association_seat_id_foreign";`);

    this.addSql(`alter table "workshop" drop constraint "workshop_host_city_id_foreign";`);

    this.addSql(`alter table "project_participation" drop constraint "project_participation_organisation_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_organisation_id_foreign";`);

    this.addSql(`alter table "conference" drop constraint "conference_host_organisation_id_foreign";`);

    this.addSql(`alter table "partnership" drop constraint "partnership_organisation_id_foreign";`);

    this.addSql(`alter table "talk" drop constraint "talk_organisation_id_foreign";`);

    this.addSql(`alter table "partnership" drop constraint "partnership_conference_id_foreign";`);

    this.addSql(`alter table "topic" drop constraint "topic_conference_id_foreign";`);

    this.addSql(`alter table "talk" drop constraint "talk_conference_id_foreign";`);

    this.addSql(`alter table "topic" drop constraint "topic_theme_id_foreign";`);

    this.addSql(`alter table "topic" drop constraint "topic_workshop_id_foreign";`);

    this.addSql(`alter table "talk" drop constraint "talk_topic_id_foreign";`);

    this.addSql(`drop table if exists "source" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "country" cascade;`);

    this.addSql(`drop table if exists "city" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "project_participation" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop table if exists "conference" cascade;`);

    this.addSql(`drop table if exists "partnership" cascade;`);

    this.addSql(`drop table if exists "city_alias" cascade;`);

    this.addSql(`drop table if exists "association_role" cascade;`);

    this.addSql(`drop table if exists "association" cascade;`);

    this.addSql(`drop table if exists "theme" cascade;`);

    this.addSql(`drop table if exists "workshop" cascade;`);

    this.addSql(`drop table if exists "topic" cascade;`);

    this.addSql(`drop table if exists "talk" cascade;`);
  }
}
