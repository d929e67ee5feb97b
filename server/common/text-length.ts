import { Length, MaxLength, type ValidationOptions } from './class-validator';

/**
 * How long one text field may be, declared once beside its entity and read by everything that states the limit:
 * the column (`@Property({ length: NAME.max })`, for a varchar), the inputs' validator (`@HasLength(NAME)`) and
 * the fields' descriptions (`characters(NAME)`: "1-200 characters"), so that what a client is told, what is
 * checked and what the database holds cannot drift apart. `min: 0` is a text that may be empty.
 */
export interface TextLength {
  readonly min: number;
  readonly max: number;
}

export function textLength(min: number, max: number): TextLength {
  return { min, max };
}

/** The validator of a TextLength: `Length(min, max)`, or `MaxLength(max)` for a text that may be empty. */
export function HasLength(length: TextLength, options?: ValidationOptions): PropertyDecorator {
  return length.min > 0 ? Length(length.min, length.max, options) : MaxLength(length.max, options);
}

/** A TextLength as a description says it: "1-200 characters", or "at most 2000 characters" when it may be empty. */
export function characters(length: TextLength): string {
  return length.min > 0 ? `${length.min}-${length.max} characters` : `at most ${length.max} characters`;
}
