import { ArgsType, Field, Int } from 'type-graphql';
import { EVENT_YEARS, IsEventYear } from '../../common/validation';
import { THEME_LENGTHS } from '../theme/theme.entity';
import { HasLength } from '../../common/text-length';

/** Pairs need at least this many shared conferences unless asked otherwise. */
export const DEFAULT_MIN_COUNT = 1;
/** How many pairs a list of theme pairs gives unless asked otherwise. */
export const DEFAULT_PAIRS = 20;
/** How many appearances a theme's timeline gives unless asked otherwise: every one, for the seeded themes. */
export const DEFAULT_APPEARANCES = 50;

@ArgsType()
export class TimelineArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_APPEARANCES,
    description: 'At most this many appearances, the earliest first (at most the maximum page size), e.g. 10.',
  })
  first?: number | null;
}

@ArgsType()
export class PairArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_MIN_COUNT,
    description: 'Only pairs together at at least this many conferences (1 or more), e.g. 2.',
  })
  minCount?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAIRS,
    description: 'At most this many pairs, most frequent first (at most the maximum page size), e.g. 5.',
  })
  first?: number | null;
}

@ArgsType()
export class ThemePairsArgs extends PairArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only pairs with the theme of this slug, e.g. "cybersecurity"; an unknown slug has no pairs.',
  })
  @HasLength(THEME_LENGTHS.slug)
  theme?: string | null;
}

@ArgsType()
export class ThemeYearsArgs {
  @Field(() => Int, {
    nullable: true,
    description: `From this year on (${EVENT_YEARS.first}-${EVENT_YEARS.last}; from the first when left out), e.g. 2012.`,
  })
  @IsEventYear()
  fromYear?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Up to this year (${EVENT_YEARS.first}-${EVENT_YEARS.last}, not before fromYear; to the last when left out), e.g. 2016.`,
  })
  @IsEventYear()
  toYear?: number | null;
}
