import { BY_NAME } from '../../common/ordering';
import { provenanceLink, type Domain } from '../domain';
import type { Country } from '../country/country.entity';
import { City, CityAlias } from './city.entity';
import {
  CityAliasConnection,
  CityAliasListArgs,
  CityConnection,
  CityListArgs,
  cityAliasWhere,
  cityWhere,
} from './city.inputs';
import { CityMutations } from './city.mutations';
import { CityAliasResolver, CityResolver } from './city.resolver';

export const cityDomain: Domain = {
  name: 'city',
  entities: [City, CityAlias],
  resolvers: [CityResolver, CityAliasResolver, CityMutations],
  async seed(seeding) {
    for (const seed of seeding.data.cities) {
      const country = seeding.lookup<Country>('country', seed.country);
      const city = await seeding.ensure(
        City,
        { slug: seed.slug },
        { slug: seed.slug, name: seed.name, country, source: seeding.source(seed.source) },
      );
      seeding.remember('city', seed.slug, city);
      for (const alias of seed.aliases ?? []) {
        await seeding.ensure(
          CityAlias,
          { name: alias.name },
          { name: alias.name, language: alias.language, city, source: seeding.source(alias.source) },
        );
      }
    }
  },
  provenance: [
    provenanceLink({
      field: 'cities',
      description: 'Cities taken from this document.',
      entity: City,
      connection: CityConnection,
      listArgs: CityListArgs,
      where: cityWhere,
      defaultOrder: BY_NAME,
    }),
    provenanceLink({
      field: 'cityAliases',
      description: "Cities' other names taken from this document.",
      entity: CityAlias,
      connection: CityAliasConnection,
      listArgs: CityAliasListArgs,
      where: cityAliasWhere,
      defaultOrder: BY_NAME,
    }),
  ],
};
