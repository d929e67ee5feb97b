// graphql-codegen plugin: sdk/persisted-operations.json, the registry of the SDK's operations that a server in
// PERSISTED_OPERATIONS=only mode accepts, in the persisted query manifest format Apollo's tools also read.
const { registeredOperations } = require('./registered-operations.cjs');

module.exports = {
  plugin(_schema, documents) {
    const operations = registeredOperations(documents).map(({ id, name, type, text }) => ({
      id,
      name,
      type,
      body: text,
    }));
    return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
  },
};
