import type { TestProject } from 'vitest/node';
import { type RunningGraph, startGraph } from './harness';

let graph: RunningGraph | undefined;

/** One graph for the whole suite: five processes take seconds to boot, tests take milliseconds. */
export async function setup(project: TestProject) {
  graph = await startGraph();
  project.provide('graph', {
    gatewayUrl: graph.gatewayUrl,
    subgraphUrls: graph.subgraphUrls,
    layout: graph.layout,
  });
}

export async function teardown() {
  await graph?.stop();
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
