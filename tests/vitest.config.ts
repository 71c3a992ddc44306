import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const root = new URL('.', import.meta.url).pathname;

/**
 * The files that start every process they need themselves (graphs of their own, `npm start`, a foreign
 * subgraph) and never touch the shared graph. `npm run test:e2e` (scripts/test-e2e.ts) runs them one at
 * a time beside the files on the shared graph, which also run one at a time: those drive one graph and
 * count what it does (SQL statements, metrics, rate limits), so nothing else may send it requests
 * meanwhile. Run directly, this config runs both projects one file at a time.
 */
const OWN_PROCESSES = [
  'compiled',
  'drain',
  'foreign-graph',
  'launcher',
  'manifests',
  'order-updates',
  'resilience',
  'resume',
  'resume-replicas',
  'saga',
  'store',
  'tracing',
  'vehicle-positions',
].map((name) => `${name}.test.ts`);

// Every other file is on the shared graph. Both lists are explicit includes, not a project-level
// exclude, which would replace the `--exclude` given on the command line (CI's second pass).
const SHARED_GRAPH = readdirSync(root).filter(
  (file) => file.endsWith('.test.ts') && !OWN_PROCESSES.includes(file),
);

const common = { root, testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...common,
          name: 'shared-graph',
          include: SHARED_GRAPH,
          globalSetup: ['./template-setup.ts', './global-setup.ts'],
        },
      },
      {
        test: {
          ...common,
          name: 'own-processes',
          include: OWN_PROCESSES,
          globalSetup: ['./template-setup.ts'],
        },
      },
    ],
  },
});
