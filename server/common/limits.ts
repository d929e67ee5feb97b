import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import type { AppConfig } from '../config';
import { QueryTooCostlyError } from './errors';
import { rateLimitedError, rateLimitHeaders, type RateLimiter, type RateLimitState } from './rate-limit';

/**
 * Limits on what one request may ask for, so that no query can exhaust the server. Depth, aliases and
 * directives are checked while validating the document; the cost needs the variables (a page size may be one),
 * so it is computed once the operation is resolved, before anything runs.
 */
export type QueryLimits = Pick<AppConfig, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxCost' | 'defaultPageSize'>;

export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  // Report a rejection as a validation error (400 GRAPHQL_VALIDATION_FAILED) instead of throwing, which
  // Apollo would treat as a crash (500).
  const shared = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return [
    maxDepthRule({ ...shared, n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true }),
    maxAliasesRule({ ...shared, n: limits.maxAliases }),
    maxDirectivesRule({ ...shared, n: limits.maxDirectives }),
    oneSchemaIntrospectionRule,
  ] as ValidationRule[];
}

/**
 * An operation may ask for `__schema` under one name: one answer holds the whole schema, and IDEs, codegen and
 * client tools send it once. Within the alias limit, thirty aliased copies of an IDE's introspection made an
 * 11 MB answer from a 20 kB request and held the event loop for half a second on a fast machine (seconds on a
 * slow one), none of it counted by the cost limit, which costs introspection fields one each.
 */
export function oneSchemaIntrospectionRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      const names = new Set<string>();
      schemaFieldNames(context, operation.selectionSet, names, new Set());
      if (names.size > 1)
        context.reportError(
          new GraphQLError(
            `An operation may ask for __schema once; this one asks for it ${names.size} times (as ${[...names].join(', ')}).`,
            { nodes: operation },
          ),
        );
    },
  };
}

/**
 * The response names under which a selection set asks for `__schema`, through its fragments (each visited once).
 * `__schema` is a field of the query type only, so the operation's own selection set is where it can be.
 */
function schemaFieldNames(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  names: Set<string>,
  visitedFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__schema') names.add(selection.alias?.value ?? '__schema');
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      schemaFieldNames(context, selection.selectionSet, names, visitedFragments);
    } else if (!visitedFragments.has(selection.name.value)) {
      visitedFragments.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) schemaFieldNames(context, fragment.selectionSet, names, visitedFragments);
    }
  }
}

/**
 * The cost of a query is how many objects it could return, as GitHub counts it: a field paged by a cursor (every
 * connection, and `search`) costs its page size (`first` or `last`, literal or variable; the default page size
 * when neither is given) times what each item costs; `nodes(ids)` costs one per id; a field that declares its own `complexity` (type-graphql's
 * option, for lists bounded by other arguments: a timeline's `first`, a range of years, the relationship graph, a
 * facet group's likely number of buckets) costs what it says; every other field costs one.
 */
function connectionEstimator(defaultPageSize: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const argumentNames = field.args.map((argument) => argument.name);
    // Paged by a cursor: every connection (first/last) and `search` (first/after, forwards only).
    if (argumentNames.includes('first') && (argumentNames.includes('last') || argumentNames.includes('after'))) {
      const pageSize = Number(args.first ?? args.last ?? defaultPageSize);
      return 1 + Math.max(pageSize, 1) * Math.max(childComplexity, 1);
    }
    if (Array.isArray(args.ids)) return 1 + args.ids.length * Math.max(childComplexity, 1);
    return undefined;
  };
}

/**
 * Computes each operation's cost once it is resolved, rejects it over MAX_COST, and charges it to the caller's
 * rate-limit budget (when there is a limiter; rate-limit.ts charged the arrival point already). The response
 * carries the budget left in the RateLimit header fields.
 */
export function costLimitPlugin<TContext extends { cost?: number; rateLimit?: RateLimitState }>(
  limits: QueryLimits,
  rateLimiter: RateLimiter | null,
): ApolloServerPlugin<TContext> {
  const estimators = [
    connectionEstimator(limits.defaultPageSize),
    fieldExtensionsEstimator(),
    simpleEstimator({ defaultComplexity: 1 }),
  ];
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          const variables = request.variables ?? {};
          let cost = costs.get(document, request.operationName, variables);
          if (cost === undefined) {
            try {
              cost = getComplexity({
                schema,
                query: document,
                variables,
                operationName: request.operationName,
                estimators,
              });
            } catch {
              // Variables that do not fit their types: execution rejects them next, as BAD_USER_INPUT.
              return;
            }
            costs.set(document, request.operationName, variables, cost);
          }
          contextValue.cost = cost;
          if (cost > limits.maxCost) {
            throw new QueryTooCostlyError(cost, limits.maxCost);
          }
          const rateLimit = contextValue.rateLimit;
          if (rateLimiter && rateLimit) {
            rateLimit.budget = await rateLimiter.spend(rateLimit.client, cost);
            if (rateLimit.budget.exceeded) throw rateLimitedError(rateLimit.budget);
          }
        },
        async willSendResponse({ response, contextValue }) {
          const budget = contextValue.rateLimit?.budget;
          if (!budget) return;
          for (const [name, value] of Object.entries(rateLimitHeaders(budget))) response.http.headers.set(name, value);
        },
      };
    },
  };
}

/**
 * Costs already computed, by document and by operation name and variables: a cost depends on nothing else, and
 * clients send the same few documents over and over (Apollo hands the same parsed document to every request with
 * the same text, so the documents key a WeakMap and go when Apollo's document cache lets them go).
 */
class CostMemo {
  /** Per document: enough variable sets for the pages a client walks through; past it, the oldest go first. */
  private static readonly PER_DOCUMENT = 64;
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  get(
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): number | undefined {
    return this.byDocument.get(document)?.get(CostMemo.keyOf(operationName, variables));
  }

  set(
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
    cost: number,
  ): void {
    let costs = this.byDocument.get(document);
    if (!costs) this.byDocument.set(document, (costs = new Map()));
    if (costs.size >= CostMemo.PER_DOCUMENT) costs.delete(costs.keys().next().value!);
    costs.set(CostMemo.keyOf(operationName, variables), cost);
  }

  private static keyOf(operationName: string | undefined, variables: Record<string, unknown>): string {
    return `${operationName ?? ''}|${JSON.stringify(variables)}`;
  }
}
