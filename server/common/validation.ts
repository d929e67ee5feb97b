import { IsDefined, Matches, ValidateIf } from 'class-validator';

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
