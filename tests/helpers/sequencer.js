// Test files that write to the shared test database (tests/writes/) run after every file that only reads,
// so that the facts the read tests assert are the seeded ones.
const Sequencer = require('@jest/test-sequencer').default;

class WritesLastSequencer extends Sequencer {
  sort(tests) {
    const writes = (test) => (test.path.includes('/tests/writes/') ? 1 : 0);
    return [...tests].sort((a, b) => writes(a) - writes(b) || a.path.localeCompare(b.path));
  }
}

module.exports = WritesLastSequencer;
