import { defineConfig } from 'tsup';

/** ESM and CommonJS builds with their own type declarations (index.d.ts / index.d.cts). */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2020',
  platform: 'neutral',
  external: ['graphql', '@graphql-typed-document-node/core'],
});
