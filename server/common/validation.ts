import { IsDefined, ValidateIf } from 'class-validator';

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
