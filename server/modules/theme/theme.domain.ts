import { BY_CREATION, BY_NAME } from '../../common/ordering';
import { provenanceLink, type Domain } from '../domain';
import { Theme, Topic } from './theme.entity';
import { ThemeConnection, ThemeListArgs, TopicConnection, TopicListArgs, themeWhere, topicWhere } from './theme.inputs';
import { ThemeMutations } from './theme.mutations';
import { ThemeResolver, TopicResolver } from './theme.resolver';

/** Normalised themes and the topics (as each conference or workshop worded them) filed under them. */
export const themeDomain: Domain = {
  name: 'theme',
  entities: [Theme, Topic],
  resolvers: [ThemeResolver, TopicResolver, ThemeMutations],
  async seed(seeding) {
    for (const seed of seeding.data.themes) {
      seeding.remember(
        'theme',
        seed.slug,
        await seeding.ensure(Theme, { slug: seed.slug }, { ...seed, source: seeding.source(seed.source) }),
      );
    }
  },
  provenance: [
    provenanceLink({
      field: 'themes',
      description: 'Themes whose first topic comes from this document.',
      entity: Theme,
      connection: ThemeConnection,
      listArgs: ThemeListArgs,
      where: themeWhere,
      defaultOrder: BY_NAME,
    }),
    provenanceLink({
      field: 'topics',
      description: 'Conference and workshop topics taken from this document.',
      entity: Topic,
      connection: TopicConnection,
      listArgs: TopicListArgs,
      where: topicWhere,
      defaultOrder: BY_CREATION,
    }),
  ],
};
