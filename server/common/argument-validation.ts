import { getMetadataStorage, validate, validateSync, ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

/**
 * The validation every argument gets before its resolver runs: the class-validator rules of the argument's class
 * and of every input object inside it, however deep (`filter.name`, `input.topics[3]`), found by walking the
 * value itself. type-graphql on its own validates only the outer object and whatever a `@ValidateNested` marks,
 * so a nested input whose decorator was forgotten (an API-key filter's `name`) went unchecked; here there is no
 * decorator to forget. type-graphql has already turned every nested input into an instance of its class.
 *
 * The errors keep class-validator's shape (property, constraints, children), which formatError turns into
 * BAD_USER_INPUT with the `argumentPath` of the first one.
 */
const OPTIONS: ValidatorOptions = {
  // Fields left out (or null) are checked only by the rules that say so (IsDefined, OmittableNotNull).
  skipMissingProperties: true,
  // Argument values of classes without rules (scalars parsed into objects) are fine as they are.
  forbidUnknownValues: false,
};

export async function validateArgumentTree(argValue: unknown): Promise<void> {
  const errors = await errorsInValue(argValue);
  if (errors.length > 0) throw new ArgumentValidationError(errors);
}

/** Errors of an object (or of each item of a list, named by index), with those of what it holds as children. */
async function errorsInValue(value: unknown): Promise<ValidationError[]> {
  if (Array.isArray(value)) {
    const errors: ValidationError[] = [];
    for (const [index, item] of value.entries()) {
      const children = await errorsInValue(item);
      if (children.length > 0) errors.push(nested(value, String(index), item, children));
    }
    return errors;
  }
  if (value === null || typeof value !== 'object') return [];
  const rules = rulesOf(value);
  const errors = rules === 'none' ? [] : rules === 'sync' ? validateSync(value, OPTIONS) : await validate(value, OPTIONS);
  for (const [property, child] of Object.entries(value)) {
    // A property with errors of its own (or already validated through a @ValidateNested) is reported once.
    if (errors.some((error) => error.property === property)) continue;
    const children = await errorsInValue(child);
    if (children.length > 0) errors.push(nested(value, property, child, children));
  }
  return errors;
}

/**
 * What class-validator has to check for the value's class: nothing (most argument objects, such as a filter's
 * operators or an ordering, have no rule, and validating them anyway costs a metadata search per value per
 * request), synchronous rules only (checked without a promise per rule), or asynchronous ones. Rules are
 * declared by decorators when the classes load, so the answer per class never changes.
 */
type Rules = 'none' | 'sync' | 'async';
const rulesByClass = new WeakMap<Function, Rules>();
function rulesOf(value: object): Rules {
  const type = value.constructor;
  let rules = rulesByClass.get(type);
  if (rules === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    const storage = getMetadataStorage();
    const asynchronous = metadata.some((rule) => rule.constraintCls && storage.getTargetValidatorConstraints(rule.constraintCls).some((constraint) => constraint.async));
    rules = metadata.length === 0 ? 'none' : asynchronous ? 'async' : 'sync';
    rulesByClass.set(type, rules);
  }
  return rules;
}

function nested(target: object, property: string, value: unknown, children: ValidationError[]): ValidationError {
  return Object.assign(new ValidationError(), { target, property, value, children, constraints: undefined });
}
