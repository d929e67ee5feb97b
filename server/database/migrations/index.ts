import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './Migration20261122000000_initial';

/**
 * Every migration, oldest first. Listed explicitly (not found by file glob) so they run the same from the
 * TypeScript sources under test and from the compiled dist/ in production.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000_initial', class: Migration20261122000000_initial },
];
