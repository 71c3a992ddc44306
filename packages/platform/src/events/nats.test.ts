import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { natsServer } from '../testing/nats';
import type { EventEnvelope } from './envelope';
import { createNatsBus, streamOf } from './nats';

const logger = createLogger('nats-test', 'silent');

const event = (id: string, correlationId: string, n: number): EventEnvelope => ({
  id,
  type: 'orders.ParcelWeighed',
  version: 1,
  aggregateType: 'Parcel',
  aggregateId: correlationId,
  occurredAt: new Date().toISOString(),
  correlationId,
  causationId: null,
  traceparent: null,
  payload: { parcelId: correlationId, grams: n },
});

describe.runIf(process.platform === 'linux')('NATS JetStream bus', () => {
  let server: Awaited<ReturnType<typeof natsServer>>;
  beforeAll(async () => {
    server = await natsServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('deduplicates a re-sent event by its id and delivers to a durable consumer in order per key', async () => {
    const bus = createNatsBus({ url: server.url, logger, streamPrefix: 't1' });
    const received: string[] = [];
    await bus.consume({
      durable: 'shipments',
      types: ['orders.ParcelWeighed'],
      apply: async (raw) => {
        const e = JSON.parse(raw) as EventEnvelope;
        // Slow on one key: the other key's events must not wait, nor this key's overtake each other.
        if (e.correlationId === 'slow') await sleep(30);
        received.push(`${e.correlationId}:${(e.payload as { grams: number }).grams}`);
      },
    });
    const events = [
      event(crypto.randomUUID(), 'slow', 1),
      event(crypto.randomUUID(), 'fast', 1),
      event(crypto.randomUUID(), 'slow', 2),
    ];
    await bus.destination.send(events);
    // The relay died before marking them sent: it sends them all again.
    await bus.destination.send(events);
    for (let i = 0; i < 100 && received.length < 3; i++) await sleep(50);
    await sleep(300);
    expect(received.filter((r) => r.startsWith('slow'))).toEqual(['slow:1', 'slow:2']);
    expect(received).toHaveLength(3);
    const nc = await connect({ servers: server.url });
    const info = await (await jetstreamManager(nc)).streams.info(`t1${streamOf('orders')}`);
    expect(info.state.messages).toBe(3);
    await nc.close();
    await bus.close();
  });

  it('refuses to send while NATS is down and delivers once it is back', async () => {
    const bus = createNatsBus({ url: server.url, logger, streamPrefix: 't2' });
    const received: number[] = [];
    await bus.consume({
      durable: 'vehicles',
      types: ['orders.ParcelWeighed'],
      apply: async (raw) =>
        void received.push((JSON.parse(raw) as { payload: { grams: number } }).payload.grams),
    });
    await bus.destination.send([event(crypto.randomUUID(), 'k', 1)]);
    await server.stop();
    await expect(bus.destination.send([event(crypto.randomUUID(), 'k', 2)])).rejects.toThrow();
    await server.start();
    let sent = false;
    for (let i = 0; i < 100 && !sent; i++) {
      sent = await bus.destination.send([event(crypto.randomUUID(), 'k', 2)]).then(
        () => true,
        () => false,
      );
      if (!sent) await sleep(200);
    }
    expect(sent).toBe(true);
    for (let i = 0; i < 100 && received.length < 2; i++) await sleep(100);
    expect(received).toEqual([1, 2]);
    await bus.close();
    // A publish to a NATS that is gone waits out its 5 s acknowledgement timeout before it fails.
  }, 30_000);

  it('redelivers an event its consumer failed to apply', async () => {
    const bus = createNatsBus({ url: server.url, logger, streamPrefix: 't3' });
    let attempts = 0;
    await bus.consume({
      durable: 'orders',
      types: ['orders.ParcelWeighed'],
      apply: async () => {
        attempts++;
        if (attempts === 1) throw new Error('store down');
      },
    });
    await bus.destination.send([event(crypto.randomUUID(), 'k', 1)]);
    for (let i = 0; i < 100 && attempts < 2; i++) await sleep(100);
    expect(attempts).toBe(2);
    await bus.close();
  });
});
