import type { Domain } from '../domain';
import type { Dataset, SourceKey } from '../../database/seeders/dataset.types';
import { Source } from './source.entity';
import { SourceResolver } from './source.resolver';

/** The documents the dataset was taken from; every provenanced record points at one. */
export const sourceDomain: Domain = {
  name: 'source',
  entities: [Source],
  resolvers: [SourceResolver],
  async seed(seeding) {
    for (const [key, seed] of Object.entries(seeding.data.sources) as Array<
      [SourceKey, Dataset['sources'][SourceKey]]
    >) {
      seeding.remember('source', key, await seeding.ensure(Source, { fileName: seed.fileName }, seed));
    }
  },
};
