// Lint for the TypeScript code (typescript-eslint) and for the SDK's operation documents, which are
// validated against schema.graphql (@graphql-eslint), so an operation that no longer fits the API fails here.
import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'sdk/src/generated/**', 'sdk/dist/**', 'coverage/**', '.data/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // type-graphql's resolver lists are arrays of class constructors.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  // The layers, so that the shape stays visible: modules/ may use common/, common/ may use config, and neither
  // lower layer reaches up into modules/ (a domain's rules belong to the domain).
  {
    files: ['server/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/modules'],
              message: 'common/ must not depend on modules/: pass what it needs in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./common/**', './modules/**', './database/**'],
              message: 'The configuration depends on nothing of the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  {
    files: ['sdk/operations/**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema.graphql', documents: 'sdk/operations/**/*.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/operations-recommended'].rules,
      // Operation names are the SDK's method names: `Conference`, not `ConferenceQuery`.
      '@graphql-eslint/naming-convention': [
        'error',
        {
          VariableDefinition: 'camelCase',
          OperationDefinition: { style: 'PascalCase', forbiddenSuffixes: ['Query', 'Mutation', 'Subscription'] },
          FragmentDefinition: { style: 'PascalCase', forbiddenPrefixes: ['Fragment'] },
        },
      ],
    },
  },
);
