import { IsDefined, Matches, Max, Min, ValidateBy, ValidateIf, type ValidationArguments } from './class-validator';

/**
 * For update inputs: the field may be left out (no change), but not set to null, because the column it
 * changes is required. Combine with the field's own constraints.
 */
export function OmittableNotNull(): PropertyDecorator {
  return (target, property) => {
    ValidateIf((_object, value) => value !== undefined)(target, property);
    IsDefined({ message: `${String(property)} may be left out but not set to null` })(target, property);
  };
}

/** An ISO 3166-1 alpha-2 country code as the API stores it: two capital letters. */
export function IsCountryCode(): PropertyDecorator {
  return Matches(/^[A-Z]{2}$/, {
    message: ({ property }) => `${property} must be two capital letters (ISO 3166-1 alpha-2)`,
  });
}

/** The years an MCE event (a conference, a talk, a workshop) can fall in: from the association's founding, 1982, to 2100. */
export const EVENT_YEARS = { first: 1982, last: 2100 } as const;

/** A year in EVENT_YEARS. */
export function IsEventYear(): PropertyDecorator {
  return (target, property) => {
    Min(EVENT_YEARS.first)(target, property);
    Max(EVENT_YEARS.last)(target, property);
  };
}

/** The year of an ISO 8601 date ("2033-05-10" is in 2033). */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** A date (ISO 8601) in EVENT_YEARS, as a workshop's date is. */
export function IsEventDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isEventDate',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || (yearOf(value) >= EVENT_YEARS.first && yearOf(value) <= EVENT_YEARS.last),
      defaultMessage: ({ property, value }: ValidationArguments) =>
        `${property} must fall in the years ${EVENT_YEARS.first}-${EVENT_YEARS.last} (got ${String(value)}).`,
    },
  });
}

/**
 * A date in the year another field of the same input gives (a new conference's dates in its `year`), when both
 * are given. `yearName` is how the message names that year, e.g. "the conference year".
 */
export function IsInYearOf(yearProperty: string, yearName: string): PropertyDecorator {
  const yearIn = (object: object) => (object as Record<string, unknown>)[yearProperty];
  return ValidateBy({
    name: 'isInYearOf',
    constraints: [yearProperty],
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) => {
        const year = yearIn(object);
        return typeof value !== 'string' || typeof year !== 'number' || yearOf(value) === year;
      },
      defaultMessage: ({ property, object }: ValidationArguments) =>
        `${property} must fall in ${yearName} ${String(yearIn(object))}.`,
    },
  });
}

/** A date not before another date field of the same input (a last day and a first), when both are given. */
export function IsNotBefore(earlierProperty: string): PropertyDecorator {
  return ValidateBy({
    name: 'isNotBefore',
    constraints: [earlierProperty],
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) => {
        const earlier = (object as Record<string, unknown>)[earlierProperty];
        // ISO 8601 dates compare as text.
        return typeof value !== 'string' || typeof earlier !== 'string' || value >= earlier;
      },
      defaultMessage: ({ property }: ValidationArguments) => `${property} must not be before ${earlierProperty}.`,
    },
  });
}
