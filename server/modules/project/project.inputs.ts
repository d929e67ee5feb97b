import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { StringFilter, enumConditions, enumFilterFor, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { ParticipationRole, Project, ProjectKind, ProjectParticipation } from './project.entity';

export const ProjectKindFilter = enumFilterFor(ProjectKind, 'ProjectKind');
export const ParticipationRoleFilter = enumFilterFor(ParticipationRole, 'ParticipationRole');

@InputType({ description: 'Conditions on projects; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Name.' })
  name?: StringFilter | null;

  @Field(() => ProjectKindFilter, { nullable: true, description: 'Kind of project.' })
  kind?: InstanceType<typeof ProjectKindFilter> | null;
}

export const ProjectOrderField = { NAME: 'name', SLUG: 'slug' } as const;
export const ProjectOrder = orderInputFor('Project', ProjectOrderField, { name: 'Name.', slug: 'Slug.' });
export const ProjectConnection = connectionTypeFor(Project);
export const ProjectListArgs = listArgsFor('Project', ProjectFilter, ProjectOrder);

export function projectWhere(filter: ProjectFilter | null | undefined) {
  return whereFrom([
    ['name', stringConditions(filter?.name)],
    ['kind', enumConditions(filter?.kind)],
  ]);
}

@InputType({ description: 'Conditions on project participations; all given conditions must hold.' })
export class ProjectParticipationFilter {
  @Field(() => ParticipationRoleFilter, { nullable: true, description: 'Organiser or participant.' })
  role?: InstanceType<typeof ParticipationRoleFilter> | null;
}

export const ProjectParticipationOrderField = { CREATED: 'id' } as const;
export const ProjectParticipationOrder = orderInputFor('ProjectParticipation', ProjectParticipationOrderField, {
  id: 'Order of recording.',
});
export const ProjectParticipationConnection = connectionTypeFor(ProjectParticipation);
export const ProjectParticipationListArgs = listArgsFor(
  'ProjectParticipation',
  ProjectParticipationFilter,
  ProjectParticipationOrder,
);

export function projectParticipationWhere(filter: ProjectParticipationFilter | null | undefined) {
  return whereFrom([['role', enumConditions(filter?.role)]]);
}
