import { IsDefined, Matches, Max, Min, ValidateIf } from 'class-validator';

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
  return Matches(/^[A-Z]{2}$/, { message: ({ property }) => `${property} must be two capital letters (ISO 3166-1 alpha-2)` });
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
