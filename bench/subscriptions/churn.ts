/**
 * `npm run bench:churn [-- --rounds 4 --subscribers 2000 --snapshots <dir>]`
 *
 * Opens and closes `rounds` × `subscribers` subscriptions through one gateway and prints the gateway's
 * and the shipments subgraph's heap (after a forced full GC, through the inspector) and RSS before,
 * after each round, and after a pause. With `--snapshots`, it also writes heap snapshots of both after
 * the first and the last round (open them in DevTools' Memory tab) and prints what grew between them.
 * Not a test: figures for the README's troubleshooting (memory).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { churner } from '../../tests/churn';
import { startGraph } from '../../tests/harness';
import { type HeapGroup, heapGrowth, summarizeHeap } from '../../tests/heap-summary';
import { connectInspector, type Inspector } from '../../tests/inspector';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    subscribers: { type: 'string', default: '2000' },
    snapshots: { type: 'string' },
  },
});
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const graph = await startGraph({ env: { NODE_OPTIONS: '--inspect=127.0.0.1:0' } });
try {
  const inspectors = {
    gateway: await connectInspector(graph.processes.get('gateway')!.output()),
    shipments: await connectInspector(graph.processes.get('shipments')!.output()),
  };
  const sample = async (label: string) => {
    const row: Record<string, string> = { when: label };
    for (const [name, inspector] of Object.entries(inspectors)) {
      const memory = await inspector.memoryAfterGc();
      row[name] = `heap ${mb(memory.heapUsed)} MB, rss ${mb(memory.rss)} MB`;
    }
    console.log(JSON.stringify(row));
  };
  const round = await churner({
    gatewayUrl: graph.gatewayUrl,
    shipmentsUrl: graph.subgraphUrls.shipments,
    dataDir: graph.layout.dataDir,
  });
  const first = new Map<string, Map<string, HeapGroup>>();
  const snapshot = async (name: string, inspector: Inspector, label: string) => {
    const text = await inspector.heapSnapshot();
    await writeFile(join(values.snapshots!, `${name}-${label}.heapsnapshot`), text);
    return summarizeHeap(text);
  };
  if (values.snapshots) await mkdir(values.snapshots, { recursive: true });
  await sample('before');
  const rounds = Number(values.rounds);
  for (let r = 1; r <= rounds; r++) {
    await round(Number(values.subscribers));
    await sample(`after round ${r}`);
    if (!values.snapshots || (r !== 1 && r !== rounds)) continue;
    for (const [name, inspector] of Object.entries(inspectors)) {
      const summary = await snapshot(name, inspector, `round${r}`);
      if (r === 1) first.set(name, summary);
      else
        console.log(
          JSON.stringify({ grewFromRound1: name, top: heapGrowth(first.get(name)!, summary) }, null, 1),
        );
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  await sample('10 s later');
  for (const inspector of Object.values(inspectors)) inspector.close();
} finally {
  await graph.stop();
}
