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
    '^.+\\.ts$': [
      'ts-jest',
      {
        diagnostics: false,
        tsconfig: {
          target: 'ES2022',
          module: 'commonjs',
          esModuleInterop: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          useDefineForClassFields: false,
          isolatedModules: true,
          sourceMap: true,
        },
      },
    ],
  },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  testSequencer: '<rootDir>/tests/helpers/sequencer.js',
  maxWorkers: 1,
  testTimeout: 60000,
};
