// The SDK's operations as they are registered for persisted queries: each operation's text is the operation
// followed by every fragment it uses (directly or through other fragments) in name order, each printed by
// graphql-js, and its id is the SHA-256 of that text (hex), as automatic persisted queries compute it. The SDK
// sends exactly this text, so the server's registry (sdk/persisted-operations.json) and the client agree.
const { createHash } = require('node:crypto');
const { Kind, print, visit } = require('graphql');

function fragmentSpreads(node) {
  const names = new Set();
  visit(node, { FragmentSpread: (spread) => void names.add(spread.name.value) });
  return names;
}

function registeredOperations(documents) {
  const definitions = documents.flatMap((source) => source.document.definitions);
  const fragments = new Map(
    definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return definitions
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name)
    .filter((definition) => definition.operation !== 'subscription')
    .sort((a, b) => a.name.value.localeCompare(b.name.value))
    .map((operation) => {
      const used = new Set();
      const pending = [...fragmentSpreads(operation)];
      while (pending.length > 0) {
        const name = pending.pop();
        if (used.has(name)) continue;
        used.add(name);
        pending.push(...fragmentSpreads(fragments.get(name)));
      }
      const text = [operation, ...[...used].sort().map((name) => fragments.get(name))]
        .map((node) => print(node))
        .join('\n\n');
      return {
        name: operation.name.value,
        type: operation.operation,
        text,
        id: createHash('sha256').update(text).digest('hex'),
      };
    });
}

module.exports = { registeredOperations };
