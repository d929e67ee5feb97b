import type { EntityData, EntityManager, EntityName, FilterQuery, RequiredEntityData } from '@mikro-orm/core';
import type { Source } from '../../modules/source/source.entity';
import type { Dataset, SourceKey } from './dataset.types';

/**
 * What each domain's seed step works with (see `Domain.seed`): the dataset, the transaction, `ensure` (insert
 * only what is missing, by natural key), and the records earlier steps loaded, by their natural keys, so that a
 * step can resolve what its records refer to (a city's country code, a conference's host city slug).
 */
export class Seeding {
  private readonly loaded = new Map<string, Map<string | number, object>>();

  constructor(
    readonly em: EntityManager,
    readonly data: Dataset,
  ) {}

  /** The existing record with `key`, or a new one made from `data`. */
  async ensure<T extends object>(
    entity: EntityName<T>,
    key: FilterQuery<T>,
    data: RequiredEntityData<T> | EntityData<T>,
  ): Promise<T> {
    const existing = await this.em.findOne(entity, key);
    if (existing) return existing;
    // Records created earlier in this run are not in the database yet; flushing keeps lookups simple.
    const created = this.em.create(entity, data as RequiredEntityData<T>);
    await this.em.flush();
    return created;
  }

  /** Makes `record` findable by later steps as `kind` `key` (e.g. 'city', 'zurich'). */
  remember<T extends object>(kind: string, key: string | number, record: T): T {
    let records = this.loaded.get(kind);
    if (!records) this.loaded.set(kind, (records = new Map()));
    records.set(key, record);
    return record;
  }

  /** A record an earlier step remembered; a dataset that names an unknown one is a bug in the dataset. */
  lookup<T extends object>(kind: string, key: string | number): T {
    const record = this.loaded.get(kind)?.get(key);
    if (!record) throw new Error(`Dataset names unknown ${kind} "${String(key)}"`);
    return record as T;
  }

  /** The source document a dataset record names. */
  source(key: SourceKey): Source {
    return this.lookup<Source>('source', key);
  }
}
