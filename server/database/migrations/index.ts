import type { MigrationObject } from '@mikro-orm/core';

/**
 * Every migration, oldest first: its file in this folder exports a class of the same name. Listed explicitly (not
 * found by file glob) so they run the same from the TypeScript sources under test and from the compiled dist/ in
 * production; the order is the database's history.
 */
export const migrationNames: readonly string[] = [
  'Migration20261122000000_initial',
  'Migration20261122121846_versions_keys_audit',
  'Migration20261201134537_organisation_city_in_country',
  'Migration20261201160039_relationship_graph',
  'Migration20261201160100_search_documents',
  'Migration20261201170354_association_in_graph',
  'Migration20261201200000_relationship_edges',
];

/**
 * The migrations themselves, loaded only when one is to run (database/migrator.ts): a migration's class brings
 * MikroORM's migrator with it, and the migrator umzug and its command-line parser — about 10 MB of code that a
 * serving process never runs once its database is current.
 */
export function loadMigrationsList(): MigrationObject[] {
  return migrationNames.map((name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
    const exported = require(`./${name}`) as Record<string, MigrationObject['class']>;
    return { name, class: exported[name] };
  });
}
