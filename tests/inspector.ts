/**
 * Heap figures of a running service through its inspector (started with `--inspect=127.0.0.1:0`), so
 * memory tests force a full GC in the real process without any debug route in the services.
 */
import { WebSocket } from 'ws';

export interface Inspector {
  /** Full GC, then `process.memoryUsage()` of the inspected process. */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
  /** A V8 heap snapshot (taken after a full GC), as the `.heapsnapshot` JSON text DevTools opens. */
  heapSnapshot(): Promise<string>;
  close(): void;
}

/** Connects to the inspector whose `Debugger listening on ws://…` line is in `output`. */
export async function connectInspector(output: string): Promise<Inspector> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`no inspector URL in the output:\n${output.slice(-2_000)}`);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  let chunks: string[] | undefined;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      method?: string;
      params?: { chunk?: string };
      result?: unknown;
      error?: unknown;
    };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks?.push(message.params?.chunk ?? '');
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) => {
        pending.delete(id);
        if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    async memoryAfterGc() {
      // Twice: the first collection's finalizers can free more for the second.
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const result = (await call('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      })) as { result: { value: string } };
      return JSON.parse(result.result.value) as NodeJS.MemoryUsage;
    },
    async heapSnapshot() {
      await call('HeapProfiler.collectGarbage');
      chunks = [];
      // The chunks arrive as events before the call's own answer.
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      const text = chunks.join('');
      chunks = undefined;
      return text;
    },
    close: () => socket.close(),
  };
}
