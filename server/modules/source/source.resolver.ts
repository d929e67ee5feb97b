import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { childConnection, rootConnection } from '../../common/connection-resolvers';
import { BY_CREATION, BY_FILE_NAME, BY_NAME, BY_TITLE, BY_YEAR, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { City } from '../city/city.entity';
import { CityConnection, CityListArgs, cityWhere } from '../city/city.inputs';
import { Conference } from '../conference/conference.entity';
import { ConferenceConnection, ConferenceListArgs, conferenceWhere } from '../conference/conference.inputs';
import { Country } from '../country/country.entity';
import { CountryConnection, CountryListArgs, countryWhere } from '../country/country.inputs';
import { Organisation, Partnership } from '../organisation/organisation.entity';
import {
  OrganisationConnection,
  OrganisationListArgs,
  PartnershipConnection,
  PartnershipListArgs,
  organisationWhere,
  partnershipWhere,
} from '../organisation/organisation.inputs';
import { Project } from '../project/project.entity';
import { ProjectConnection, ProjectListArgs, projectWhere } from '../project/project.inputs';
import { Theme, Topic } from '../theme/theme.entity';
import { ThemeConnection, ThemeListArgs, TopicConnection, TopicListArgs, themeWhere, topicWhere } from '../theme/theme.inputs';
import { Workshop } from '../workshop/workshop.entity';
import { WorkshopConnection, WorkshopListArgs, workshopWhere } from '../workshop/workshop.inputs';
import { Source } from './source.entity';
import { SourceConnection, SourceListArgs, sourceWhere } from './source.inputs';


/** Source documents, and from each the records taken from it (provenance, navigated the other way). */
@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'The documents the dataset was taken from, by file name unless ordered otherwise.' })
  sources(@Args(() => SourceListArgs) args: InstanceType<typeof SourceListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SourceConnection, Source, sourceWhere(args.filter), orderSpec(args.orderBy, BY_FILE_NAME), args);
  }

  @Query(() => Source, { nullable: true, description: 'The source document with this file name; null if none.' })
  source(@Arg('fileName', { description: 'e.g. "supplementary.md".' }) fileName: string, @Ctx() { em }: RequestContext) {
    return em.findOne(Source, { fileName: fileName.trim() });
  }

  @FieldResolver(() => CountryConnection, { description: 'Countries taken from this document.' })
  countries(@Root() source: Source, @Args(() => CountryListArgs) args: InstanceType<typeof CountryListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, CountryConnection, Country, 'source', source.id, countryWhere(args.filter), orderSpec(args.orderBy, BY_NAME), args);
  }

  @FieldResolver(() => CityConnection, { description: 'Cities taken from this document.' })
  cities(@Root() source: Source, @Args(() => CityListArgs) args: InstanceType<typeof CityListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, CityConnection, City, 'source', source.id, cityWhere(args.filter), orderSpec(args.orderBy, BY_NAME), args);
  }

  @FieldResolver(() => OrganisationConnection, { description: 'Organisations taken from this document.' })
  organisations(@Root() source: Source, @Args(() => OrganisationListArgs) args: InstanceType<typeof OrganisationListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, OrganisationConnection, Organisation, 'source', source.id, organisationWhere(args.filter), orderSpec(args.orderBy, BY_NAME), args);
  }

  @FieldResolver(() => PartnershipConnection, { description: 'Partnerships taken from this document.' })
  partnerships(@Root() source: Source, @Args(() => PartnershipListArgs) args: InstanceType<typeof PartnershipListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, PartnershipConnection, Partnership, 'source', source.id, partnershipWhere(args.filter), orderSpec(args.orderBy, BY_CREATION), args);
  }

  @FieldResolver(() => ConferenceConnection, { description: 'Conferences taken from this document.' })
  conferences(@Root() source: Source, @Args(() => ConferenceListArgs) args: InstanceType<typeof ConferenceListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, ConferenceConnection, Conference, 'source', source.id, conferenceWhere(args.filter), orderSpec(args.orderBy, BY_YEAR), args);
  }

  @FieldResolver(() => ThemeConnection, { description: 'Themes whose first topic comes from this document.' })
  themes(@Root() source: Source, @Args(() => ThemeListArgs) args: InstanceType<typeof ThemeListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, ThemeConnection, Theme, 'source', source.id, themeWhere(args.filter), orderSpec(args.orderBy, BY_NAME), args);
  }

  @FieldResolver(() => TopicConnection, { description: 'Conference and workshop topics taken from this document.' })
  topics(@Root() source: Source, @Args(() => TopicListArgs) args: InstanceType<typeof TopicListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, TopicConnection, Topic, 'source', source.id, topicWhere(args.filter), orderSpec(args.orderBy, BY_CREATION), args);
  }

  @FieldResolver(() => WorkshopConnection, { description: 'Workshops taken from this document.' })
  workshops(@Root() source: Source, @Args(() => WorkshopListArgs) args: InstanceType<typeof WorkshopListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, WorkshopConnection, Workshop, 'source', source.id, workshopWhere(args.filter), orderSpec(args.orderBy, BY_TITLE), args);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects taken from this document.' })
  projects(@Root() source: Source, @Args(() => ProjectListArgs) args: InstanceType<typeof ProjectListArgs>, @Ctx() ctx: RequestContext) {
    return childConnection(ctx, ProjectConnection, Project, 'source', source.id, projectWhere(args.filter), orderSpec(args.orderBy, BY_NAME), args);
  }
}
