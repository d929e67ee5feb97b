/**
 * One database for the whole run (started in globalSetup), so test files run one after another.
 * ts-jest only transpiles here; `npm test` type-checks everything with tsc first.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60000,
};
