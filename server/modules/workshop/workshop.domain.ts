import { BY_TITLE } from '../../common/ordering';
import { provenanceLink, type Domain } from '../domain';
import { type Theme, Topic, TopicKind } from '../theme/theme.entity';
import { Workshop } from './workshop.entity';
import { WorkshopConnection, WorkshopListArgs, workshopWhere } from './workshop.inputs';
import { WorkshopMutations } from './workshop.mutations';
import { WorkshopResolver } from './workshop.resolver';

/** Workshops, each with the topic it was about. */
export const workshopDomain: Domain = {
  name: 'workshop',
  entities: [Workshop],
  resolvers: [WorkshopResolver, WorkshopMutations],
  async seed(seeding) {
    for (const seed of seeding.data.workshops) {
      const source = seeding.source(seed.source);
      const workshop = await seeding.ensure(
        Workshop,
        { slug: seed.slug },
        { slug: seed.slug, title: seed.title, source },
      );
      await seeding.ensure(
        Topic,
        { workshop, position: 1 },
        {
          workshop,
          position: 1,
          wording: seed.title,
          kind: TopicKind.WORKSHOP_TOPIC,
          theme: seeding.lookup<Theme>('theme', seed.theme),
          source,
        },
      );
    }
  },
  provenance: [
    provenanceLink({
      field: 'workshops',
      description: 'Workshops taken from this document.',
      entity: Workshop,
      connection: WorkshopConnection,
      listArgs: WorkshopListArgs,
      where: workshopWhere,
      defaultOrder: BY_TITLE,
    }),
  ],
};
