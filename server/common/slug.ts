import { Length, Matches } from 'class-validator';

/** The one rule for slugs: lower-case letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug as a lookup argument may come (" Florence"): slugs are stored trimmed and lower-case. */
export function normaliseSlug(slug: string): string {
  return slug.trim().toLowerCase();
}

export function IsSlug(): PropertyDecorator {
  return (target, property) => {
    Length(1, 200)(target, property);
    Matches(SLUG_PATTERN, { message: `${String(property)} must be lower-case letters and digits joined by single hyphens, e.g. "open-data"` })(
      target,
      property,
    );
  };
}
