import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { entities } from '../modules/entities';
import { migrationsList } from './migrations';

export interface DatabaseTarget {
  url: string;
  /** The embedded engine accepts one connection; a real server gets a pool. */
  embedded: boolean;
}

/** The ORM configuration for a database; `overrides` lets tests add logging or change the pool. */
export function ormOptions(target: DatabaseTarget, overrides: Partial<Options> = {}): Options {
  return {
    clientUrl: target.url,
    entities,
    extensions: [Migrator, SeedManager],
    // Entities are listed explicitly, so the same configuration works from the .ts sources and from dist/.
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: target.embedded ? { min: 1, max: 1 } : { min: 0, max: 10 },
    forceUtcTimezone: true,
    // Never touch a global EntityManager: every request works in its own fork.
    allowGlobalContext: false,
    ...overrides,
  };
}

export async function initOrm(target: DatabaseTarget, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(target, overrides));
}
