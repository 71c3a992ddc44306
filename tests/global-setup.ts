import type { TestProject } from 'vitest/node';
import { prepareStoreTemplate, type RunningGraph, startGraph } from './harness';

let graph: RunningGraph | undefined;
let dropTemplate: (() => Promise<void>) | undefined;

/** One graph for the whole suite: five processes take seconds to boot, tests take milliseconds. */
export async function setup(project: TestProject) {
  // Seeded once here; this graph and every one the files start copy it.
  dropTemplate = await prepareStoreTemplate();
  graph = await startGraph();
  project.provide('graph', {
    gatewayUrl: graph.gatewayUrl,
    subgraphUrls: graph.subgraphUrls,
    layout: graph.layout,
  });
}

export async function teardown() {
  await graph?.stop();
  await dropTemplate?.();
}

declare module 'vitest' {
  export interface ProvidedContext {
    graph: {
      gatewayUrl: string;
      subgraphUrls: Record<'customers' | 'orders' | 'shipments' | 'vehicles', string>;
      layout: import('../scripts/services').GraphLayout;
    };
  }
}
