/**
 * The fulfilment saga through the real processes, and the faults it must survive: a consumer killed
 * before it consumed, a relay killed mid-batch, the bus stopped (on NATS), 500 concurrent orders on a
 * fleet too small for them, and poison events. Its own graph, since it kills and restarts services.
 * On the embedded default the contexts talk through each other's HTTP inboxes; with `E2E_NATS_URL` set
 * (CI's last pass) through a NATS JetStream server this suite starts itself, so it can stop it.
 */

import { natsServer, type TestNatsServer, testTokens } from '@freightgraph/platform/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, metric, post } from './client';
import { type RunningGraph, startGraph } from './harness';
import { createSagaClient, LONDON, MID_ATLANTIC, type OrderState, orderInput, TRACK } from './saga-kit';

const onNats = Boolean(process.env.E2E_NATS_URL);
let nats: TestNatsServer | undefined;
let graph: RunningGraph;
let saga: ReturnType<typeof createSagaClient>;
let tokens: ReturnType<typeof testTokens>;
let prefix = '';

beforeAll(async () => {
  if (onNats) nats = await natsServer();
  prefix = `saga${Date.now().toString(36)}`;
  // A consumer killed mid-event gets it again after 5 s rather than 30.
  const bus = nats ? { NATS_URL: nats.url, NATS_STREAM_PREFIX: prefix, EVENT_ACK_WAIT_MS: '5000' } : {};
  // 500 orders at once queue at one PostgreSQL pool: the point is the saga's outcome, not the latency.
  graph = await startGraph({ env: { ...bus, SUBGRAPH_TIMEOUT_MS: '60000' } });
  tokens = testTokens(graph.layout.dataDir);
  saga = createSagaClient(graph.gatewayUrl, await tokens.headers('admin'));
});

afterAll(async () => {
  await graph?.stop();
  await nats?.close();
});

const confirmedOrRejected = (o: OrderState) => o.status === 'CONFIRMED' || o.status === 'REJECTED';

describe('the fulfilment saga', () => {
  it('confirms a placed order: one shipment, a vehicle holding its capacity', async () => {
    const placed = await saga.place(orderInput({ weightKg: 40 }));
    expect(placed.status).toBe('PENDING');
    const order = await saga.settle(placed.id);
    expect(order.status).toBe('CONFIRMED');
    expect(order.fulfillment.state).toBe('CONFIRMED');
    expect(order.fulfillment.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'PLACE_ORDER:DONE',
      'CREATE_SHIPMENT:DONE',
      'RESERVE_CAPACITY:DONE',
    ]);
    expect(order.shipments).toHaveLength(1);
    const [shipment] = order.shipments;
    expect(shipment?.status).toBe('LABEL_CREATED');
    expect(shipment?.trackingNumber).toMatch(/^FG/);
    expect(shipment?.vehicle?.reservedKg).toBeGreaterThanOrEqual(40);
  });

  it('rejects an address outside the service area and leaves nothing behind', async () => {
    const placed = await saga.place(orderInput({ location: MID_ATLANTIC }));
    const order = await saga.settle(placed.id);
    expect(order).toMatchObject({ status: 'REJECTED', rejectionReason: 'ADDRESS_UNSERVICEABLE' });
    expect(order.shipments.every((s) => s.status === 'CANCELLED')).toBe(true);
  });

  it('compensates when no vehicle can take the weight: shipment cancelled, nothing reserved', async () => {
    const before = await saga.fleet();
    const placed = await saga.place(orderInput({ weightKg: 99_000 }));
    const order = await saga.settle(
      placed.id,
      (o) => o.status === 'REJECTED' && o.shipments.every((s) => s.status === 'CANCELLED'),
    );
    expect(order.rejectionReason).toBe('NO_VEHICLE');
    expect(order.shipments).toHaveLength(1);
    const after = await saga.fleet();
    const reserved = (fleet: typeof before) => fleet.reduce((sum, v) => sum + v.reservedKg, 0);
    expect(reserved(after)).toBe(reserved(before));
  });

  it('cancelling a confirmed order cancels its shipment and releases the vehicle', async () => {
    const placed = await saga.place(orderInput({ weightKg: 25 }));
    const confirmed = await saga.settle(placed.id);
    expect(confirmed.status).toBe('CONFIRMED');
    const vehicle = confirmed.shipments[0]?.vehicle;
    expect(vehicle).toBeTruthy();
    const cancelled = await saga.call<{ cancelOrder: { status: string } }>(
      'mutation ($id: ID!) { cancelOrder(id: $id) { status } }',
      { id: placed.id },
    );
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    await eventually(async () => {
      const order = await saga.order(placed.id);
      expect(order.shipments.map((s) => s.status)).toEqual(['CANCELLED']);
      const now = (await saga.fleet()).find((v) => v.id === vehicle?.id);
      expect(now?.reservedKg).toBeCloseTo((vehicle?.reservedKg ?? 0) - 25, 3);
    }, 30_000);
  });

  it('the first pick-up ships the order, the last delivery delivers it and frees the vehicle', async () => {
    const placed = await saga.place(orderInput({ weightKg: 10 }));
    const order = await saga.settle(placed.id);
    const shipmentId = order.shipments[0]?.id;
    for (const status of ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']) {
      await saga.call(TRACK, { input: { shipmentId, status, location: LONDON } });
      if (status === 'PICKED_UP') {
        expect((await saga.settle(placed.id, (o) => o.status === 'SHIPPED')).status).toBe('SHIPPED');
      }
    }
    const delivered = await saga.settle(placed.id, (o) => o.status === 'DELIVERED');
    expect(delivered.fulfillment.steps.map((s) => s.name)).toContain('DELIVER');
  });
});

describe('faults', () => {
  it('survives a kill -9 of shipments before it consumed OrderPlaced: exactly one shipment', async () => {
    await graph.processes.get('shipments')?.kill();
    const placed = await saga.place(orderInput({ weightKg: 5 }));
    expect(placed.status).toBe('PENDING');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await graph.restart('shipments');
    const order = await saga.settle(placed.id, undefined, 90_000);
    expect(order.status).toBe('CONFIRMED');
    expect(order.shipments).toHaveLength(1);
  });

  it('survives a kill -9 of the relay mid-batch: no event lost, none applied twice', async () => {
    const ids: string[] = [];
    const placing = Array.from({ length: 60 }, (_, i) =>
      saga.place(orderInput({ customer: i % 20, weightKg: 2 })).then((placed) => void ids.push(placed.id)),
    );
    // Those in flight at the kill fail (the caller sees an error, nothing is half-placed): settle them
    // from the start, so none is an unhandled rejection while the kill is awaited.
    const settled = Promise.allSettled(placing);
    // The orders service runs the relay of its outbox: kill it while it is sending the first ones.
    await eventually(() => expect(ids.length).toBeGreaterThanOrEqual(20), 60_000);
    await graph.processes.get('orders')?.kill();
    await settled;
    await graph.restart('orders');
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const order = await saga.settle(id, confirmedOrRejected, 90_000);
      expect(order.status).toBe('CONFIRMED');
      expect(order.shipments).toHaveLength(1);
      expect(order.fulfillment.steps.filter((s) => s.name === 'RESERVE_CAPACITY')).toHaveLength(1);
    }
  });

  it('never overbooks a vehicle under 500 concurrent orders, and leaves none PENDING', async () => {
    const fleet = await saga.fleet();
    const free = fleet
      .filter((v) => v.status === 'AVAILABLE')
      .reduce((sum, v) => sum + (v.capacityKg - v.reservedKg), 0);
    // Heavy enough that the fleet takes only about half of them.
    const weightKg = Math.ceil(free / 250);
    const placing = Array.from({ length: 500 }, (_, i) =>
      saga.place(orderInput({ customer: i % 200, weightKg })),
    );
    const placed = await Promise.all(placing);
    const outcomes = await Promise.all(placed.map((p) => saga.settle(p.id, confirmedOrRejected, 180_000)));
    const confirmed = outcomes.filter((o) => o.status === 'CONFIRMED').length;
    expect(confirmed).toBeGreaterThan(0);
    expect(outcomes.length - confirmed).toBeGreaterThan(0);
    expect(outcomes.every(confirmedOrRejected)).toBe(true);
    for (const vehicle of await saga.fleet()) {
      expect(vehicle.reservedKg).toBeLessThanOrEqual(vehicle.capacityKg);
    }
    // The rejected ones hold nothing: their shipments end cancelled.
    for (const order of outcomes.filter((o) => o.status === 'REJECTED')) {
      await saga.settle(order.id, (o) => o.shipments.every((s) => s.status === 'CANCELLED'), 60_000);
    }
  });

  it('parks a malformed and an unknown-version event, and goes on with those behind them', async () => {
    const internal = await tokens.internal('admin');
    const deadBefore = await metric(
      graph.subgraphUrls.shipments,
      'freightgraph_events_dead_lettered_total',
      internal,
    ).catch(() => 0);
    const unknownVersion = {
      id: crypto.randomUUID(),
      type: 'orders.OrderPlaced',
      version: 99,
      aggregateType: 'Order',
      aggregateId: crypto.randomUUID(),
      occurredAt: new Date().toISOString(),
      correlationId: crypto.randomUUID(),
      causationId: null,
      traceparent: null,
      payload: { whatever: true },
    };
    if (nats) {
      const nc = await connect({ servers: nats.url });
      nc.publish(`${prefix}.fg.orders.OrderPlaced.v1`, '{this is not an event');
      nc.publish(`${prefix}.fg.orders.OrderPlaced.v99`, JSON.stringify(unknownVersion));
      await nc.flush();
      await nc.close();
    } else {
      const inbox = graph.subgraphUrls.shipments.replace(/\/graphql$/, '/events');
      const relay = await tokens.internal('admin', { sub: 'service:orders' });
      const response = await post<unknown>(
        inbox,
        { events: ['{this is not an event', unknownVersion] },
        { authorization: relay },
      );
      expect(response.status).toBe(200);
    }
    const placed = await saga.place(orderInput({ weightKg: 3 }));
    expect((await saga.settle(placed.id)).status).toBe('CONFIRMED');
    await eventually(async () => {
      const dead = await metric(
        graph.subgraphUrls.shipments,
        'freightgraph_events_dead_lettered_total',
        internal,
      );
      expect(dead - deadBefore).toBe(2);
    }, 30_000);
  });

  // Only on NATS: the embedded bus has no broker to stop (its consumers' inboxes are the services).
  it.runIf(onNats)(
    'keeps taking orders while NATS is down and drains them in order once it is back',
    async () => {
      await nats?.stop();
      const placed: string[] = [];
      for (let i = 0; i < 10; i++)
        placed.push((await saga.place(orderInput({ customer: i, weightKg: 1 }))).id);
      const internal = await tokens.internal('admin');
      await eventually(async () => {
        expect(
          await metric(graph.subgraphUrls.orders, 'freightgraph_events_pending', internal),
        ).toBeGreaterThanOrEqual(10);
      }, 30_000);
      for (const id of placed) expect((await saga.order(id)).status).toBe('PENDING');
      await nats?.start();
      for (const id of placed) expect((await saga.settle(id, undefined, 120_000)).status).toBe('CONFIRMED');
      // In the order they were placed: the stream holds their OrderPlaced events in outbox order.
      const nc = await connect({ servers: nats!.url });
      const jsm = await jetstreamManager(nc);
      const sequence: string[] = [];
      const info = await jsm.streams.info(`${prefix}FG_ORDERS`);
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const message = await jsm.streams.getMessage(`${prefix}FG_ORDERS`, { seq }).catch(() => null);
        // The poison test above put a malformed event on the stream: not an order, skip it.
        let event: { type: string; aggregateId: string } | undefined;
        try {
          event = message?.json<{ type: string; aggregateId: string }>();
        } catch {
          event = undefined;
        }
        if (event?.type === 'orders.OrderPlaced' && placed.includes(event.aggregateId))
          sequence.push(event.aggregateId);
      }
      await nc.close();
      expect(sequence).toEqual(placed);
    },
  );
});
