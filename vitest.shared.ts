import { defineConfig } from 'vitest/config';

/**
 * The unit-test config of every workspace package. Node resolves `graphql` to its CommonJS build (the
 * package has no `exports`), as Apollo's CommonJS packages do; Vite would pick the `.mjs` build, a second
 * copy whose classes fail graphql's realm checks against schemas that `@apollo/subgraph` built.
 */
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
});
