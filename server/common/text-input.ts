import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type ValueNode, type VariableDefinitionNode } from 'graphql';
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

function firstBadText(document: DocumentNode, variables: Record<string, unknown>): BadText | undefined {
  const defaults = new Map<string, VariableDefinitionNode>();
  visit(document, {
    VariableDefinition: (definition) => void defaults.set(definition.variable.name.value, definition),
  });
  let found: BadText | undefined;
  visit(document, {
    Argument(argument) {
      found ??= inValueNode(argument.value, [argument.name.value], variables, defaults);
    },
  });
  return found;
}

function checked(text: string, path: Path): BadText | undefined {
  const problem = textArgumentProblem(text);
  return problem ? { path, problem } : undefined;
}

function inValueNode(
  value: ValueNode,
  path: Path,
  variables: Record<string, unknown>,
  defaults: Map<string, VariableDefinitionNode>,
): BadText | undefined {
  switch (value.kind) {
    case Kind.STRING:
      return checked(value.value, path);
    case Kind.LIST:
      return firstFound(value.values, (item, index) => inValueNode(item, [...path, index], variables, defaults));
    case Kind.OBJECT:
      return firstFound(value.fields, (field) =>
        inValueNode(field.value, [...path, field.name.value], variables, defaults),
      );
    case Kind.VARIABLE: {
      const name = value.name.value;
      if (name in variables) return inValue(variables[name], path);
      const fallback = defaults.get(name)?.defaultValue;
      return fallback ? inValueNode(fallback, path, variables, defaults) : undefined;
    }
    default:
      return undefined;
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
