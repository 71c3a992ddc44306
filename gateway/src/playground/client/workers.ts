import type { PlaygroundConfig } from '../shared';

/** Monaco asks for a worker by label; each is a bundle the gateway serves (CSP `worker-src 'self'`). */
export function setupWorkers(urls: PlaygroundConfig['workers']): void {
  // Monaco's hook for creating its web workers; without it Monaco falls back to the main thread.
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string) {
      if (label === 'json') return new Worker(urls.json, { name: 'json' });
      if (label === 'graphql') return new Worker(urls.graphql, { name: 'graphql' });
      return new Worker(urls.editor, { name: 'editor' });
    },
  };
}
