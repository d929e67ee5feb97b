import { Migration } from '@mikro-orm/migrations';

export class Migration20261201134537_organisation_city_in_country extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "city" add constraint "city_id_country_id_unique" unique ("id", "country_id");`);

    this.addSql(
      `alter table "organisation" add constraint "organisation_city_in_country_foreign" foreign key ("city_id", "country_id") references "city" ("id", "country_id") on update no action on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organisation" drop constraint "organisation_city_in_country_foreign";`);

    this.addSql(`alter table "city" drop constraint "city_id_country_id_unique";`);
  }
}
