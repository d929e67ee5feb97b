import type { EntityClass } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { normaliseSlug } from '../../common/slug';
import type { RequestContext } from '../../context';
import { Conference } from '../conference/conference.entity';
import { Theme, Topic } from '../theme/theme.entity';
import { Workshop } from '../workshop/workshop.entity';
import {
  DEFAULT_APPEARANCES,
  DEFAULT_PAIRS,
  PairArgs,
  ThemePairsArgs,
  ThemeYearsArgs,
  TimelineArgs,
} from './trends.inputs';
import { pairsOfTheme, themePairs, themeTimeline, themeYears, yearsOfTheme, yearsSpanned } from './trends.service';
import { Event, ThemeAppearance, ThemePair, ThemeYear } from './trends.types';

/** What a list costs: each of the at most `first` items it can return costs what its selection does. */
function perItem(defaultFirst: number) {
  return ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
    1 + Math.max(Number(args.first ?? defaultFirst), 1) * Math.max(childComplexity, 1);
}

/** Records by id, in the order of the ids, through the request's batched loader. */
async function recordsOf<T extends { id: number }>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  ids: readonly number[],
): Promise<T[]> {
  const loader = ctx.loaders.byId(entity);
  const records = await Promise.all(ids.map((id) => loader.load(id)));
  return records.filter((record): record is Awaited<T> => record !== null);
}

@Resolver(() => Theme)
export class ThemeTrendsResolver {
  @FieldResolver(() => [ThemeAppearance], {
    complexity: perItem(DEFAULT_APPEARANCES),
    description:
      'Every time the theme was on a programme, by year and date (undated workshops last), each in its own wording: for Cybersecurity, "Cyber Security" (2014), "Safety & Security" (2016), "Cybersecurity" (2021) and the workshop "IT security for cities".',
  })
  timeline(@Root() theme: Theme, @Args(() => TimelineArgs) { first }: TimelineArgs, @Ctx() ctx: RequestContext) {
    return themeTimeline(ctx, theme.id, first);
  }

  @FieldResolver(() => [Int], {
    description:
      'The years the theme was on a programme, ascending, e.g. [2012, 2013, 2014, 2016] for cloud computing.',
  })
  years(@Root() theme: Theme, @Ctx() ctx: RequestContext) {
    return yearsOfTheme(ctx, theme.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'The first year the theme was on a programme, e.g. 2012 for cloud computing; null if never dated.',
  })
  async firstYear(@Root() theme: Theme, @Ctx() ctx: RequestContext) {
    return (await yearsOfTheme(ctx, theme.id)).at(0) ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'The last year the theme was on a programme, e.g. 2016 for cloud computing; null if never dated.',
  })
  async lastYear(@Root() theme: Theme, @Ctx() ctx: RequestContext) {
    return (await yearsOfTheme(ctx, theme.id)).at(-1) ?? null;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the theme was on a programme in more than one year, e.g. true for cloud computing.',
  })
  async recurs(@Root() theme: Theme, @Ctx() ctx: RequestContext) {
    return (await yearsOfTheme(ctx, theme.id)).length > 1;
  }

  @FieldResolver(() => [ThemePair], {
    complexity: perItem(DEFAULT_PAIRS),
    description:
      'The themes this one shared conferences with, most often first, e.g. Emerging technologies with E-government and digital transformation at four conferences (2016-2019).',
  })
  appearsWith(@Root() theme: Theme, @Args(() => PairArgs) args: PairArgs, @Ctx() ctx: RequestContext) {
    return pairsOfTheme(ctx, theme.id, args);
  }
}

@Resolver(() => ThemeAppearance)
export class ThemeAppearanceResolver {
  @FieldResolver(() => Event, { description: 'The conference or workshop, e.g. the 2014 conference in Zurich.' })
  async event(@Root() appearance: ThemeAppearance, @Ctx() { loaders }: RequestContext) {
    const { topic } = appearance;
    return topic.conference
      ? loaders.reference(Conference, topic.conference)
      : loaders.reference(Workshop, topic.workshop);
  }

  @FieldResolver(() => Topic, { description: 'The topic itself, e.g. the 2014 key topic "Cyber Security".' })
  topic(@Root() appearance: ThemeAppearance) {
    return appearance.topic;
  }

  @FieldResolver(() => String, {
    description: 'The wording the event gave the theme, e.g. "Safety & Security" (2016) for Cybersecurity.',
  })
  wording(@Root() appearance: ThemeAppearance) {
    return appearance.topic.wording;
  }
}

@Resolver(() => ThemePair)
export class ThemePairResolver {
  @Query(() => [ThemePair], {
    complexity: perItem(DEFAULT_PAIRS),
    description:
      'Themes that appear together at the same conferences, with how often and where: the pair most often together first (by count, then names), e.g. E-government and digital transformation with Emerging technologies, four conferences.',
  })
  themePairs(@Args(() => ThemePairsArgs) args: ThemePairsArgs, @Ctx() ctx: RequestContext) {
    return themePairs(ctx, { ...args, themeSlug: args.theme == null ? null : normaliseSlug(args.theme) });
  }

  @FieldResolver(() => [Theme], {
    description: 'The two themes, in name order, e.g. Cloud computing and shared services, then Cybersecurity.',
  })
  themes(@Root() pair: ThemePair, @Ctx() ctx: RequestContext) {
    return recordsOf(ctx, Theme, pair.themeIds);
  }

  @FieldResolver(() => [Conference], {
    description: 'The conferences where both were on the programme, by year, e.g. 2014 (Zurich) and 2016 (Florence).',
  })
  conferences(@Root() pair: ThemePair, @Ctx() ctx: RequestContext) {
    return recordsOf(ctx, Conference, pair.conferenceIds);
  }
}

@Resolver(() => ThemeYear)
export class ThemeYearResolver {
  @Query(() => [ThemeYear], {
    complexity: ({ args, childComplexity }) => 1 + Math.max(yearsSpanned(args), 1) * Math.max(childComplexity, 1),
    description:
      'Year by year, the conferences and dated workshops and the themes on their programmes, new or recurring, for each year with an event from fromYear to toYear, e.g. 2014: Cybersecurity new, Cloud computing and shared services recurring.',
  })
  themeYears(@Args(() => ThemeYearsArgs) args: ThemeYearsArgs, @Ctx() ctx: RequestContext) {
    return themeYears(ctx, args);
  }

  @FieldResolver(() => [Conference], { description: "The year's conference, e.g. the 2014 conference in Zurich." })
  conferences(@Root() year: ThemeYear, @Ctx() ctx: RequestContext) {
    return recordsOf(ctx, Conference, year.conferenceIds);
  }

  @FieldResolver(() => [Workshop], {
    description: 'Workshops held that year, by date; the sources date none, so the seeded years have none.',
  })
  workshops(@Root() year: ThemeYear, @Ctx() ctx: RequestContext) {
    return recordsOf(ctx, Workshop, year.workshopIds);
  }

  @FieldResolver(() => [Theme], {
    description:
      "Themes on that year's programmes, by name, e.g. for 2014 Citizens, politics and local democracy; Cloud computing and shared services; Cybersecurity; Public finances and business cases.",
  })
  themes(@Root() year: ThemeYear, @Ctx() ctx: RequestContext) {
    return recordsOf(ctx, Theme, year.themeIds);
  }

  @FieldResolver(() => [Theme], {
    description: 'Themes on a programme for the first time that year, by name, e.g. Cybersecurity in 2014.',
  })
  newThemes(@Root() year: ThemeYear, @Ctx() ctx: RequestContext) {
    return recordsOf(ctx, Theme, year.newThemeIds);
  }

  @FieldResolver(() => [Theme], {
    description:
      'Themes that were on a programme in an earlier year too, by name, e.g. Cloud computing and shared services in 2014.',
  })
  recurringThemes(@Root() year: ThemeYear, @Ctx() ctx: RequestContext) {
    return recordsOf(ctx, Theme, year.recurringThemeIds);
  }
}
