/* eslint-disable @typescript-eslint/no-require-imports -- each part of class-validator from its own module, below */
import type * as ClassValidator from 'class-validator';

/**
 * The parts of class-validator this project uses, each loaded from its own module, not from the package's index.
 *
 * The index loads every decorator class-validator has, and with them all of validator.js and libphonenumber-js's
 * metadata (for rules such as phone numbers and IBANs that no argument here has): about 9 MB of the server's
 * memory, for good, before its heap grows to a multiple of what stays alive. Import class-validator's decorators
 * and validation from here; `tests/tooling/start-up-modules.test.ts` holds the server's start to it. The metadata
 * storage is class-validator's one global, whichever module registers a rule or reads it.
 */
type Parts = typeof ClassValidator;
const part = <K extends keyof Parts>(module: Record<string, unknown>) => module as Pick<Parts, K>;

export const { Min } = part<'Min'>(require('class-validator/cjs/decorator/number/Min'));
export const { Max } = part<'Max'>(require('class-validator/cjs/decorator/number/Max'));
export const { ArrayMaxSize } = part<'ArrayMaxSize'>(require('class-validator/cjs/decorator/array/ArrayMaxSize'));
export const { Length } = part<'Length'>(require('class-validator/cjs/decorator/string/Length'));
export const { MaxLength } = part<'MaxLength'>(require('class-validator/cjs/decorator/string/MaxLength'));
export const { Matches } = part<'Matches'>(require('class-validator/cjs/decorator/string/Matches'));
export const { IsDefined } = part<'IsDefined'>(require('class-validator/cjs/decorator/common/IsDefined'));
export const { IsOptional } = part<'IsOptional'>(require('class-validator/cjs/decorator/common/IsOptional'));
export const { ValidateBy } = part<'ValidateBy'>(require('class-validator/cjs/decorator/common/ValidateBy'));
export const { ValidateIf } = part<'ValidateIf'>(require('class-validator/cjs/decorator/common/ValidateIf'));
export const { getMetadataStorage } = part<'getMetadataStorage'>(
  require('class-validator/cjs/metadata/MetadataStorage'),
);
export const { ValidationError } = part<'ValidationError'>(require('class-validator/cjs/validation/ValidationError'));
export type ValidationError = ClassValidator.ValidationError;
export type { ValidationArguments, ValidationOptions, ValidatorOptions } from 'class-validator';

const { Validator } = part<'Validator'>(require('class-validator/cjs/validation/Validator'));
const { getFromContainer } = part<'getFromContainer'>(require('class-validator/cjs/container'));

/** class-validator's `validate` of an object by its class's rules (the index's, for an object). */
export function validate(object: object, options?: ClassValidator.ValidatorOptions): Promise<ValidationError[]> {
  return getFromContainer(Validator).validate(object, options);
}

/** class-validator's `validateSync` of an object by its class's rules (asynchronous rules are ignored). */
export function validateSync(object: object, options?: ClassValidator.ValidatorOptions): ValidationError[] {
  return getFromContainer(Validator).validateSync(object, options);
}
