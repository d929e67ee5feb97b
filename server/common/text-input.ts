import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode, type VariableDefinitionNode } from 'graphql';
import { ErrorCode } from './errors';

/**
 * PostgreSQL cannot hold the NUL character (U+0000) in text: a string argument carrying one would fail in the
 * database as an internal error. This plugin refuses such a request before anything runs, as BAD_USER_INPUT
 * naming the argument (e.g. ["filter", "name", "eq"]), whether the string is written in the query or passed as
 * a variable. It looks at the request once, not at every field as a resolver middleware would.
 */
export function rejectNulCharactersPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const argumentPath = pathToNulArgument(document, request.variables ?? {});
          if (!argumentPath) return;
          throw new GraphQLError(`Invalid argument ${argumentPath.join('.')}: text may not contain the NUL character (U+0000).`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath, http: { status: 400 } },
          });
        },
      };
    },
  };
}

type Path = Array<string | number>;

function pathToNulArgument(document: DocumentNode, variables: Record<string, unknown>): Path | undefined {
  const defaults = new Map<string, VariableDefinitionNode>();
  visit(document, { VariableDefinition: (definition) => void defaults.set(definition.variable.name.value, definition) });
  let found: Path | undefined;
  visit(document, {
    Argument(argument) {
      found ??= inValueNode(argument.value, [argument.name.value], variables, defaults);
    },
  });
  return found;
}

function inValueNode(value: ValueNode, path: Path, variables: Record<string, unknown>, defaults: Map<string, VariableDefinitionNode>): Path | undefined {
  switch (value.kind) {
    case Kind.STRING:
      return value.value.includes('\u0000') ? path : undefined;
    case Kind.LIST:
      return firstFound(value.values, (item, index) => inValueNode(item, [...path, index], variables, defaults));
    case Kind.OBJECT:
      return firstFound(value.fields, (field) => inValueNode(field.value, [...path, field.name.value], variables, defaults));
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

function inValue(value: unknown, path: Path): Path | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) return firstFound(value, (item, index) => inValue(item, [...path, index]));
  if (value !== null && typeof value === 'object') return firstFound(Object.entries(value), ([key, item]) => inValue(item, [...path, key]));
  return undefined;
}

function firstFound<T>(items: readonly T[], find: (item: T, index: number) => Path | undefined): Path | undefined {
  for (const [index, item] of items.entries()) {
    const found = find(item, index);
    if (found) return found;
  }
  return undefined;
}
