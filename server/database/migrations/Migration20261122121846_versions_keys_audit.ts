import { Migration } from '@mikro-orm/migrations';

export class Migration20261122121846_versions_keys_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_key" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" varchar(100) not null, "role" text check ("role" in ('EDITOR', 'ADMIN')) not null, "prefix" varchar(16) not null, "hash" varchar(64) not null, "revoked_at" timestamptz null);`,
    );
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);

    this.addSql(
      `create table "audit_entry" ("id" serial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "api_key_id" int not null, "action" text check ("action" in ('CREATE', 'UPDATE', 'DELETE')) not null, "entity_type" varchar(50) not null, "entity_id" int not null, "before" jsonb null, "after" jsonb null);`,
    );
    this.addSql(`create index "audit_entry_api_key_id_index" on "audit_entry" ("api_key_id");`);
    this.addSql(
      `create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_api_key_id_foreign" foreign key ("api_key_id") references "api_key" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`alter table "source" add column "version" int not null default 1;`);

    this.addSql(`alter table "project" add column "version" int not null default 1;`);

    this.addSql(`alter table "person" add column "version" int not null default 1;`);

    this.addSql(`alter table "country" add column "version" int not null default 1;`);

    this.addSql(`alter table "city" add column "version" int not null default 1;`);

    this.addSql(`alter table "organisation" add column "version" int not null default 1;`);

    this.addSql(`alter table "project_participation" add column "version" int not null default 1;`);

    this.addSql(`alter table "membership" add column "version" int not null default 1;`);

    this.addSql(`alter table "conference" add column "version" int not null default 1;`);

    this.addSql(`alter table "partnership" add column "version" int not null default 1;`);

    this.addSql(`alter table "city_alias" add column "version" int not null default 1;`);

    this.addSql(`alter table "association_role" add column "version" int not null default 1;`);

    this.addSql(`alter table "association" add column "version" int not null default 1;`);

    this.addSql(`alter table "theme" add column "version" int not null default 1;`);

    this.addSql(`alter table "workshop" add column "version" int not null default 1;`);

    this.addSql(`alter table "topic" add column "version" int not null default 1;`);

    this.addSql(`alter table "talk" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_api_key_id_foreign";`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`alter table "association" drop column "version";`);

    this.addSql(`alter table "association_role" drop column "version";`);

    this.addSql(`alter table "city" drop column "version";`);

    this.addSql(`alter table "city_alias" drop column "version";`);

    this.addSql(`alter table "conference" drop column "version";`);

    this.addSql(`alter table "country" drop column "version";`);

    this.addSql(`alter table "membership" drop column "version";`);

    this.addSql(`alter table "organisation" drop column "version";`);

    this.addSql(`alter table "partnership" drop column "version";`);

    this.addSql(`alter table "person" drop column "version";`);

    this.addSql(`alter table "project" drop column "version";`);

    this.addSql(`alter table "project_participation" drop column "version";`);

    this.addSql(`alter table "source" drop column "version";`);

    this.addSql(`alter table "talk" drop column "version";`);

    this.addSql(`alter table "theme" drop column "version";`);

    this.addSql(`alter table "topic" drop column "version";`);

    this.addSql(`alter table "workshop" drop column "version";`);
  }
}
