// graphql-codegen plugin: one typed method per named operation, in camelCase (`Conference` -> `conference`),
// bound to a `request` function. Written here because the stock generic-sdk plugin keeps PascalCase names
// and needs graphql-tag.
const { Kind } = require('graphql');
const { registeredOperations } = require('./registered-operations.cjs');

const camel = (name) => name.charAt(0).toLowerCase() + name.slice(1);
const suffix = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

module.exports = {
  plugin(_schema, documents) {
    const operations = documents
      .flatMap((source) => source.document.definitions)
      .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name)
      .filter((definition) => definition.operation !== 'subscription')
      .sort((a, b) => a.name.value.localeCompare(b.name.value));

    const methods = operations.map((operation) => {
      const name = operation.name.value;
      const result = `${name}${suffix[operation.operation]}`;
      const variables = `${result}Variables`;
      // Variables may be left out only when none of them is required.
      const required = (operation.variableDefinitions ?? []).some(
        (variable) => variable.type.kind === Kind.NON_NULL_TYPE && !variable.defaultValue,
      );
      const parameter = required ? `variables: Generated.${variables}` : `variables: Generated.${variables} = {}`;
      return [
        `    /** Runs the \`${name}\` ${operation.operation} (sdk/operations). */`,
        `    ${camel(name)}: (${parameter}, options?: RequestOptions): Promise<Generated.${result}> =>`,
        `      request(Generated.${name}Document, variables, options),`,
      ].join('\n');
    });

    const registered = registeredOperations(documents).map(
      ({ name, id, text }) => `  [Generated.${name}Document, { id: '${id}', text: ${JSON.stringify(text)} }],`,
    );

    return [
      "import type { TypedDocumentNode } from '@graphql-typed-document-node/core';",
      "import type { DocumentNode } from 'graphql';",
      "import type { RequestOptions } from '../request-options';",
      "import * as Generated from './graphql';",
      '',
      '/** Sends one operation; the client supplies it. */',
      'export type Requester = <TResult, TVariables>(',
      '  document: TypedDocumentNode<TResult, TVariables>,',
      '  variables: TVariables,',
      '  options?: RequestOptions,',
      ') => Promise<TResult>;',
      '',
      '/** A typed method for every operation of the SDK. */',
      'export function createOperations(request: Requester) {',
      '  return {',
      methods.join('\n'),
      '  };',
      '}',
      '',
      'export type Operations = ReturnType<typeof createOperations>;',
      '',
      '/** An SDK operation as registered for persisted queries (sdk/persisted-operations.json). */',
      'export interface RegisteredOperation {',
      '  /** SHA-256 of `text`, hex. */',
      '  id: string;',
      '  /** The exact text the SDK sends. */',
      '  text: string;',
      '}',
      '',
      '/** The registered text and id of every SDK operation, by its typed document. */',
      'export const registeredOperations = new Map<DocumentNode, RegisteredOperation>([',
      registered.join('\n'),
      ']);',
      '',
    ].join('\n');
  },
};
