import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { BadUserInputError } from './errors';

/**
 * The most characters any text argument may have: the longest text a field takes (a conference's description).
 * Fields have their own, mostly lower, limits; this one holds for every string and ID argument of the schema,
 * including one whose field forgot its limit, so that no text reaches a resolver or the database unbounded.
 */
export const MAX_TEXT_ARGUMENT_LENGTH = 10_000;

/**
 * Rules for every text in every argument, checked before anything runs: PostgreSQL cannot hold the NUL character
 * (U+0000), which would fail in the database as an internal error; and no text is longer than
 * MAX_TEXT_ARGUMENT_LENGTH. A request that breaks one is refused as BAD_USER_INPUT naming the argument (e.g.
 * ["filter", "name", "eq"]), whether the string is written in the query or passed as a variable. It looks at the
 * request once, not at every field as a resolver middleware would.
 */
export function textArgumentRulesPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const found = firstBadText(document, request.variables ?? {});
          if (!found) return;
          const { path: argumentPath, problem } = found;
          throw new BadUserInputError(`Invalid argument ${argumentPath.join('.')}: ${problem}`, argumentPath, {
            beforeExecution: true,
          });
        },
      };
    },
  };
}

/** What is wrong with a text argument, if anything (also of the routes beside GraphQL: the graph export's). */
export function textArgumentProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'text may not contain the NUL character (U+0000).';
  if (text.length > MAX_TEXT_ARGUMENT_LENGTH) return `text may be at most ${MAX_TEXT_ARGUMENT_LENGTH} characters long.`;
  return undefined;
}

type Path = Array<string | number>;

interface BadText {
  path: Path;
  problem: string;
}

/**
 * What a document asks to check, in document order: each literal text that breaks a rule, and each place a
 * variable is passed to an argument. Worked out once per parsed document (Apollo keeps parsed documents, so a
 * repeated query is not walked again); a request then only looks at its variables' values.
 */
type TextCheck =
  | { bad: BadText }
  | {
      variable: string;
      path: Path;
      /** What breaks a rule in the variable's default value, which counts when the variable is not sent. */
      badDefault?: BadText;
    };
const checksByDocument = new WeakMap<DocumentNode, TextCheck[]>();

function firstBadText(document: DocumentNode, variables: Record<string, unknown>): BadText | undefined {
  let checks = checksByDocument.get(document);
  if (!checks) {
    checks = textChecksOf(document);
    checksByDocument.set(document, checks);
  }
  for (const check of checks) {
    if ('bad' in check) return check.bad;
    const found = check.variable in variables ? inValue(variables[check.variable], check.path) : check.badDefault;
    if (found) return found;
  }
  return undefined;
}

function textChecksOf(document: DocumentNode): TextCheck[] {
  const defaults = new Map<string, ValueNode | undefined>();
  visit(document, {
    VariableDefinition: (definition) => void defaults.set(definition.variable.name.value, definition.defaultValue),
  });
  const checks: TextCheck[] = [];
  visit(document, {
    Argument(argument) {
      checks.push(...valueChecks(argument.value, [argument.name.value], defaults));
    },
  });
  return checks;
}

function checked(text: string, path: Path): BadText | undefined {
  const problem = textArgumentProblem(text);
  return problem ? { path, problem } : undefined;
}

/** The checks of one value written in the document (a default value holds no variables). */
function valueChecks(value: ValueNode, path: Path, defaults: Map<string, ValueNode | undefined>): TextCheck[] {
  switch (value.kind) {
    case Kind.STRING: {
      const bad = checked(value.value, path);
      return bad ? [{ bad }] : [];
    }
    case Kind.LIST:
      return value.values.flatMap((item, index) => valueChecks(item, [...path, index], defaults));
    case Kind.OBJECT:
      return value.fields.flatMap((field) => valueChecks(field.value, [...path, field.name.value], defaults));
    case Kind.VARIABLE: {
      // A default value is a literal (it holds no variable): its checks are all of the `bad` kind.
      const fallback = defaults.get(value.name.value);
      const [badDefault] = fallback ? valueChecks(fallback, path, defaults) : [];
      return [
        {
          variable: value.name.value,
          path,
          badDefault: badDefault && 'bad' in badDefault ? badDefault.bad : undefined,
        },
      ];
    }
    default:
      return [];
  }
}

function inValue(value: unknown, path: Path): BadText | undefined {
  if (typeof value === 'string') return checked(value, path);
  if (Array.isArray(value)) return firstFound(value, (item, index) => inValue(item, [...path, index]));
  if (value !== null && typeof value === 'object')
    return firstFound(Object.entries(value), ([key, item]) => inValue(item, [...path, key]));
  return undefined;
}

function firstFound<T>(
  items: readonly T[],
  find: (item: T, index: number) => BadText | undefined,
): BadText | undefined {
  for (const [index, item] of items.entries()) {
    const found = find(item, index);
    if (found) return found;
  }
  return undefined;
}
