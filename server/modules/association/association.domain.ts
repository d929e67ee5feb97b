import { ConnectionArgs } from '../../common/connection';
import { BY_CREATION } from '../../common/ordering';
import type { City } from '../city/city.entity';
import { provenanceLink, type Domain } from '../domain';
import { Association } from './association.entity';
import { AssociationConnection } from './association.inputs';
import { AssociationMutations } from './association.mutations';
import { AssociationResolver } from './association.resolver';

/** The association itself: one record. */
export const associationDomain: Domain = {
  name: 'association',
  entities: [Association],
  resolvers: [AssociationResolver, AssociationMutations],
  async seed(seeding) {
    const { seat, source, ...fields } = seeding.data.association;
    await seeding.ensure(
      Association,
      { name: fields.name },
      { ...fields, seat: seeding.lookup<City>('city', seat), source: seeding.source(source) },
    );
  },
  provenance: [
    provenanceLink({
      field: 'associations',
      description: 'The association, when its record was taken from this document.',
      entity: Association,
      connection: AssociationConnection,
      listArgs: ConnectionArgs,
      where: () => ({}),
      defaultOrder: BY_CREATION,
    }),
  ],
};
