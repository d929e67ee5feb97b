import { BY_CREATION, BY_NAME } from '../../common/ordering';
import type { City } from '../city/city.entity';
import type { Country } from '../country/country.entity';
import { provenanceLink, type Domain } from '../domain';
import { Membership, Organisation } from './organisation.entity';
import {
  MembershipConnection,
  MembershipListArgs,
  OrganisationConnection,
  OrganisationListArgs,
  membershipWhere,
  organisationWhere,
} from './organisation.inputs';
import { OrganisationMutations } from './organisation.mutations';
import { MembershipResolver, OrganisationResolver } from './organisation.resolver';

/** Bodies in the network, and the memberships of those that are members. */
export const organisationDomain: Domain = {
  name: 'organisation',
  entities: [Organisation, Membership],
  resolvers: [OrganisationResolver, MembershipResolver, OrganisationMutations],
  async seed(seeding) {
    for (const seed of seeding.data.organisations) {
      const organisation = await seeding.ensure(
        Organisation,
        { slug: seed.slug },
        {
          slug: seed.slug,
          name: seed.name,
          kind: seed.kind,
          description: seed.description ?? null,
          country: seeding.lookup<Country>('country', seed.country),
          city: seed.city ? seeding.lookup<City>('city', seed.city) : null,
          source: seeding.source(seed.source),
        },
      );
      seeding.remember('organisation', seed.slug, organisation);
      if (seed.membership) {
        const { listedAs, listedUnder, note, source } = seed.membership;
        await seeding.ensure(
          Membership,
          { organisation },
          { organisation, listedAs, listedUnder, note: note ?? null, source: seeding.source(source) },
        );
      }
    }
  },
  provenance: [
    provenanceLink({
      field: 'organisations',
      description: 'Organisations taken from this document.',
      entity: Organisation,
      connection: OrganisationConnection,
      listArgs: OrganisationListArgs,
      where: organisationWhere,
      defaultOrder: BY_NAME,
    }),
    provenanceLink({
      field: 'memberships',
      description: 'Memberships taken from this document.',
      entity: Membership,
      connection: MembershipConnection,
      listArgs: MembershipListArgs,
      where: membershipWhere,
      defaultOrder: BY_CREATION,
    }),
  ],
};
