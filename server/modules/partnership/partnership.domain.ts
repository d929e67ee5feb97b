import { BY_CREATION } from '../../common/ordering';
import type { Conference } from '../conference/conference.entity';
import { provenanceLink, type Domain } from '../domain';
import type { Organisation } from '../organisation/organisation.entity';
import { Partnership } from './partnership.entity';
import { PartnershipConnection, PartnershipListArgs, partnershipWhere } from './partnership.inputs';
import { PartnershipMutations } from './partnership.mutations';
import { PartnershipResolver } from './partnership.resolver';

/** Partners, sponsors and conference co-organisers: after the conferences, which some of them concern. */
export const partnershipDomain: Domain = {
  name: 'partnership',
  entities: [Partnership],
  resolvers: [PartnershipResolver, PartnershipMutations],
  async seed(seeding) {
    for (const seed of seeding.data.partnerships) {
      const organisation = seeding.lookup<Organisation>('organisation', seed.organisation);
      const conference = seed.conference ? seeding.lookup<Conference>('conference', seed.conference) : null;
      await seeding.ensure(
        Partnership,
        { organisation, kind: seed.kind, conference },
        {
          organisation,
          kind: seed.kind,
          conference,
          description: seed.description,
          source: seeding.source(seed.source),
        },
      );
    }
  },
  provenance: [
    provenanceLink({
      field: 'partnerships',
      description: 'Partnerships taken from this document.',
      entity: Partnership,
      connection: PartnershipConnection,
      listArgs: PartnershipListArgs,
      where: partnershipWhere,
      defaultOrder: BY_CREATION,
    }),
  ],
};
