/**
 * `npm run bench:churn [-- --rounds 4 --subscribers 2000]`
 *
 * Opens and closes `rounds` × `subscribers` subscriptions through one gateway and prints the gateway's
 * and the shipments subgraph's heap (after a forced full GC, through the inspector) and RSS before,
 * after each round, and after a pause. Not a test: figures for docs/TROUBLESHOOTING (memory).
 */
import { parseArgs } from 'node:util';
import { churner } from '../../tests/churn';
import { startGraph } from '../../tests/harness';
import { connectInspector } from '../../tests/inspector';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '4' }, subscribers: { type: 'string', default: '2000' } },
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
  await sample('before');
  for (let r = 1; r <= Number(values.rounds); r++) {
    await round(Number(values.subscribers));
    await sample(`after round ${r}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  await sample('10 s later');
  for (const inspector of Object.values(inspectors)) inspector.close();
} finally {
  await graph.stop();
}
