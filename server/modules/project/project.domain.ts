import { BY_CREATION, BY_NAME } from '../../common/ordering';
import { provenanceLink, type Domain } from '../domain';
import type { Organisation } from '../organisation/organisation.entity';
import { Project, ProjectParticipation } from './project.entity';
import {
  ProjectConnection,
  ProjectListArgs,
  ProjectParticipationConnection,
  ProjectParticipationListArgs,
  projectParticipationWhere,
  projectWhere,
} from './project.inputs';
import { ProjectMutations } from './project.mutations';
import { ProjectParticipationResolver, ProjectResolver } from './project.resolver';

/** EU and other projects, and the organisations taking part in them. */
export const projectDomain: Domain = {
  name: 'project',
  entities: [Project, ProjectParticipation],
  resolvers: [ProjectResolver, ProjectParticipationResolver, ProjectMutations],
  async seed(seeding) {
    for (const seed of seeding.data.projects) {
      const source = seeding.source(seed.source);
      const project = await seeding.ensure(
        Project,
        { slug: seed.slug },
        {
          slug: seed.slug,
          name: seed.name,
          kind: seed.kind,
          description: seed.description,
          associationRole: seed.associationRole ?? null,
          presentedAt: seed.presentedAt ? seeding.lookup<Project>('project', seed.presentedAt) : null,
          source,
        },
      );
      seeding.remember('project', seed.slug, project);
      for (const participant of seed.participants ?? []) {
        const organisation = seeding.lookup<Organisation>('organisation', participant.organisation);
        await seeding.ensure(
          ProjectParticipation,
          { project, organisation },
          { project, organisation, role: participant.role, source },
        );
      }
    }
  },
  provenance: [
    provenanceLink({
      field: 'projects',
      description: 'Projects taken from this document.',
      entity: Project,
      connection: ProjectConnection,
      listArgs: ProjectListArgs,
      where: projectWhere,
      defaultOrder: BY_NAME,
    }),
    provenanceLink({
      field: 'projectParticipations',
      description: 'Organisations taking part in projects, as taken from this document.',
      entity: ProjectParticipation,
      connection: ProjectParticipationConnection,
      listArgs: ProjectParticipationListArgs,
      where: projectParticipationWhere,
      defaultOrder: BY_CREATION,
    }),
  ],
};
