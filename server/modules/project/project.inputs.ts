import { ArrayMaxSize, IsOptional } from '../../common/class-validator';
import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import { StringFilter, enumConditions, enumFilterFor, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { inputArgsFor } from '../../common/input-args';
import { updateInputOf } from '../../common/update-input';
import { IsSlug } from '../../common/slug';
import { OmittableNotNull } from '../../common/validation';
import { characters, HasLength } from '../../common/text-length';
import { PROJECT_LENGTHS, ParticipationRole, Project, ProjectKind, ProjectParticipation } from './project.entity';

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
/** The groups of `projects { facets }`, one per field the filter above can narrow by (the name is text). */
export const ProjectFacets = facetsFor(Project, 'Project', { list: 'projects', countExample: '3 projects' }, [
  facet.enum('kind', ['kind'], ProjectKind, 'ProjectKind', 'Projects per kind, e.g. 1 EU_PROJECT (FUPOL).'),
]);
export const ProjectConnection = connectionTypeFor(Project, undefined, { facets: ProjectFacets });
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
/** The groups of `participants { facets }`: organisers and participants. */
export const ProjectParticipationFacets = facetsFor(
  ProjectParticipation,
  'ProjectParticipation',
  { list: 'project participations', countExample: "1 participation, VITAKO's" },
  [
    facet.enum(
      'role',
      ['role'],
      ParticipationRole,
      'ParticipationRole',
      'Participations per role, e.g. 1 ORGANISER (VITAKO, of the European Local Government Conference on ICT).',
    ),
  ],
);
export const ProjectParticipationConnection = connectionTypeFor(ProjectParticipation, undefined, {
  facets: ProjectParticipationFacets,
});
export const ProjectParticipationListArgs = listArgsFor(
  'ProjectParticipation',
  ProjectParticipationFilter,
  ProjectParticipationOrder,
);

export function projectParticipationWhere(filter: ProjectParticipationFilter | null | undefined) {
  return whereFrom([['role', enumConditions(filter?.role)]]);
}

@InputType({ description: 'An organisation taking part in a project.' })
export class ParticipantInput {
  @Field({ description: 'Slug of the organisation, which must exist.' })
  @IsSlug()
  organisationSlug!: string;

  @Field(() => ParticipationRole, { description: 'Organiser or participant.' })
  role!: ParticipationRole;
}

@InputType({ description: 'The fields of a project.' })
export class ProjectFields {
  @Field(() => String, { nullable: true, description: 'The association\'s own part, e.g. "Co-organiser".' })
  @IsOptional()
  @HasLength(PROJECT_LENGTHS.associationRole)
  associationRole?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the event it was presented at, which must exist.' })
  @IsOptional()
  @IsSlug()
  presentedAtSlug?: string | null;

  @Field(() => [ParticipantInput], {
    nullable: true,
    description: 'Participants (at most 50); on update, replaces them all.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  participants?: ParticipantInput[] | null;
}

@InputType({ description: 'A new project.' })
export class CreateProjectInput extends ProjectFields {
  @Field({ description: `Name (${characters(PROJECT_LENGTHS.name)}).` })
  @HasLength(PROJECT_LENGTHS.name)
  name!: string;

  @Field({ description: 'URL-safe unique key.' })
  @IsSlug(PROJECT_LENGTHS.slug)
  slug!: string;

  @Field(() => ProjectKind, { description: 'EU project, event or other project.' })
  kind!: ProjectKind;

  @Field({ description: `What it is (${characters(PROJECT_LENGTHS.description)}).` })
  @HasLength(PROJECT_LENGTHS.description)
  description!: string;
}

@InputType({ description: 'Changes to a project; fields left out stay as they are.' })
export class UpdateProjectInput extends updateInputOf('project', { sharedFields: ProjectFields }) {
  @Field(() => String, { nullable: true, description: 'Name.' })
  @OmittableNotNull()
  @HasLength(PROJECT_LENGTHS.name)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug.' })
  @OmittableNotNull()
  @IsSlug(PROJECT_LENGTHS.slug)
  slug?: string;

  @Field(() => ProjectKind, { nullable: true, description: 'Kind.' })
  @OmittableNotNull()
  kind?: ProjectKind;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @OmittableNotNull()
  @HasLength(PROJECT_LENGTHS.description)
  description?: string;
}

export const CreateProjectInputArgs = inputArgsFor(CreateProjectInput, 'The project.');
export const UpdateProjectInputArgs = inputArgsFor(UpdateProjectInput, 'The changes.');
