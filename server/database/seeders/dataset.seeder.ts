import { withTransaction } from '../transaction';
import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { seedSteps } from '../../modules/domains';
import { dataset as defaultDataset } from './dataset';
import type { Dataset } from './dataset.types';
import { Seeding } from './seeding';

/**
 * Loads the dataset, adding only the records that are missing (found by natural key). Running it again
 * changes nothing and duplicates nothing, and it never overwrites a record edited since it was seeded.
 * Each domain loads its own part (`Domain.seed`), in the order of the domain list; everything happens in one
 * transaction, so a failure leaves the database as it was.
 */
export class DatasetSeeder extends Seeder {
  constructor(private readonly data: Dataset = defaultDataset) {
    super();
  }

  async run(em: EntityManager): Promise<void> {
    await withTransaction(em, async (tx) => {
      const seeding = new Seeding(tx, this.data);
      for (const step of seedSteps) await step(seeding);
      await tx.flush();
    });
  }
}
