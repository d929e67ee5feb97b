import { getMetadataStorage, validate, validateSync, ValidationError, type ValidatorOptions } from './class-validator';
import { ArgumentValidationError } from 'type-graphql';

/**
 * The validation every argument gets before its resolver runs: the class-validator rules of the argument's class
 * and of every input object inside it, however deep (`filter.name`, `input.topics[3]`), found by walking the
 * value itself. type-graphql on its own validates only the outer object and whatever a `@ValidateNested` marks,
 * so a nested input whose decorator was forgotten (an API-key filter's `name`) went unchecked; here there is no
 * decorator to forget. Every nested input is already an instance of its class (type-graphql's conversion, or
 * direct-resolvers.ts', which follows it).
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

export function validateArgumentTree(argValue: unknown): void | Promise<void> {
  // The same values of the same class get the same answer: a valid one is remembered by its content, and checked
  // again without a promise. (Resolvers called directly check a field's arguments once per operation and place
  // in the document: see direct-resolvers.ts.)
  const key = validKeyOf(argValue);
  if (key !== undefined && knownValid.has(key)) return;
  return errorsInValue(argValue).then((errors) => {
    if (errors.length > 0) throw new ArgumentValidationError(errors);
    if (key !== undefined) remember(key);
  });
}

/** Valid argument values by class and content; bounded, oldest forgotten first. */
const MAX_KNOWN_VALID = 5000;
const knownValid = new Set<string>();
function remember(key: string): void {
  if (knownValid.size >= MAX_KNOWN_VALID) knownValid.delete(knownValid.values().next().value!);
  knownValid.add(key);
}

/** Each input class's number, for memo keys. */
const classNumbers = new WeakMap<Function, number>();
let classesNumbered = 0;
function classNumber(type: Function | undefined): number {
  if (!type) return 0;
  let number = classNumbers.get(type);
  if (number === undefined) {
    number = ++classesNumbered;
    classNumbers.set(type, number);
  }
  return number;
}

/**
 * The memo key of an argument value: its classes and its JSON, for small values (every nested input is an
 * instance of its class, numbered in the key too, so two values with the same JSON but other classes never share
 * a key; numbers, not names, since classes made by one factory share a name). Large values are not remembered.
 */
function validKeyOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  let classes = '';
  const json = JSON.stringify(value, function (this: unknown, _key, item: unknown) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item))
      classes += `${classNumber(item.constructor)},`;
    return item;
  });
  return json.length <= 500 ? `${classes}|${json}` : undefined;
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
  const errors =
    rules === 'none' ? [] : rules === 'sync' ? validateSync(value, OPTIONS) : await validate(value, OPTIONS);
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
    const storage = getMetadataStorage();
    const metadata = storage.getTargetValidationMetadatas(type, '', true, false);
    const asynchronous = metadata.some(
      (rule) =>
        rule.constraintCls &&
        storage.getTargetValidatorConstraints(rule.constraintCls).some((constraint) => constraint.async),
    );
    rules = metadata.length === 0 ? 'none' : asynchronous ? 'async' : 'sync';
    rulesByClass.set(type, rules);
  }
  return rules;
}

function nested(target: object, property: string, value: unknown, children: ValidationError[]): ValidationError {
  return Object.assign(new ValidationError(), { target, property, value, children, constraints: undefined });
}
