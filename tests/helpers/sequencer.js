// Test files that only read run first, so that the facts they assert are the seeded ones; then the files that
// write to the shared test database (tests/writes/); last the hardening runs (tests/hardening/: fuzzing, abuse,
// outages under load), which may write anything anywhere.
const Sequencer = require('@jest/test-sequencer').default;

const PHASES = ['/tests/writes/', '/tests/hardening/'];
const phase = (test) => PHASES.findIndex((folder) => test.path.includes(folder)) + 1;

class ReadsFirstSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => phase(a) - phase(b) || a.path.localeCompare(b.path));
  }
}

module.exports = ReadsFirstSequencer;
