import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './Migration20261122000000_initial';
import { Migration20261122121846_versions_keys_audit } from './Migration20261122121846_versions_keys_audit';
import { Migration20261201134537_organisation_city_in_country } from './Migration20261201134537_organisation_city_in_country';
import { Migration20261201160039_relationship_graph } from './Migration20261201160039_relationship_graph';
import { Migration20261201160100_search_documents } from './Migration20261201160100_search_documents';
import { Migration20261201170354_association_in_graph } from './Migration20261201170354_association_in_graph';
import { Migration20261201200000_relationship_edges } from './Migration20261201200000_relationship_edges';

/**
 * Every migration, oldest first. Listed explicitly (not found by file glob) so they run the same from the
 * TypeScript sources under test and from the compiled dist/ in production.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000_initial', class: Migration20261122000000_initial },
  { name: 'Migration20261122121846_versions_keys_audit', class: Migration20261122121846_versions_keys_audit },
  {
    name: 'Migration20261201134537_organisation_city_in_country',
    class: Migration20261201134537_organisation_city_in_country,
  },
  { name: 'Migration20261201160039_relationship_graph', class: Migration20261201160039_relationship_graph },
  { name: 'Migration20261201160100_search_documents', class: Migration20261201160100_search_documents },
  { name: 'Migration20261201170354_association_in_graph', class: Migration20261201170354_association_in_graph },
  { name: 'Migration20261201200000_relationship_edges', class: Migration20261201200000_relationship_edges },
];
