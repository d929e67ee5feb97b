import { BY_NAME } from '../../common/ordering';
import { provenanceLink, type Domain } from '../domain';
import { Country } from './country.entity';
import { CountryConnection, CountryListArgs, countryWhere } from './country.inputs';
import { CountryMutations } from './country.mutations';
import { CountryResolver } from './country.resolver';

export const countryDomain: Domain = {
  name: 'country',
  entities: [Country],
  resolvers: [CountryResolver, CountryMutations],
  async seed(seeding) {
    for (const seed of seeding.data.countries) {
      seeding.remember(
        'country',
        seed.code,
        await seeding.ensure(Country, { code: seed.code }, { ...seed, source: seeding.source(seed.source) }),
      );
    }
  },
  provenance: [
    provenanceLink({
      field: 'countries',
      description: 'Countries taken from this document.',
      entity: Country,
      connection: CountryConnection,
      listArgs: CountryListArgs,
      where: countryWhere,
      defaultOrder: BY_NAME,
    }),
  ],
};
