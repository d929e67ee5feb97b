import { Matches } from './class-validator';
import { HasLength, textLength, type TextLength } from './text-length';

/** The one rule for slugs: lower-case letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug as a lookup argument may come (" Florence"): slugs are stored trimmed and lower-case. */
export function normaliseSlug(slug: string): string {
  return slug.trim().toLowerCase();
}

/**
 * The longest slug a record takes, and what a slug naming another record is checked against. A kind whose slug
 * column is shorter (a city's, a theme's) declares its own TextLength.
 */
export const SLUG_LENGTH = textLength(1, 200);

export function IsSlug(length: TextLength = SLUG_LENGTH): PropertyDecorator {
  return (target, property) => {
    HasLength(length)(target, property);
    Matches(SLUG_PATTERN, {
      message: `${String(property)} must be lower-case letters and digits joined by single hyphens, e.g. "open-data"`,
    })(target, property);
  };
}
