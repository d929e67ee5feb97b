import type { Domain } from '../domain';
import { ThemeAppearanceResolver, ThemePairResolver, ThemeTrendsResolver, ThemeYearResolver } from './trends.resolver';

/**
 * Themes over time: each theme's timeline and years, the themes that share conferences, and what was new or
 * recurring in each year. Read-only analytics over the theme domain's topics; no tables of its own.
 */
export const trendsDomain: Domain = {
  name: 'trends',
  entities: [],
  resolvers: [ThemeTrendsResolver, ThemeAppearanceResolver, ThemePairResolver, ThemeYearResolver],
};
