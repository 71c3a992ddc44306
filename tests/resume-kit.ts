/**
 * Helpers of the resumable-subscription suites (trackingUpdates, orderUpdates, vehiclePositionUpdates):
 * subscribers that keep every event they receive and resubscribe with their last cursor when their
 * socket goes (as the README's client does), steady writers, and the committed history to compare with.
 */
import { wsClient } from '@freightgraph/platform/testing';
import type { Client } from 'graphql-ws';
import { expect } from 'vitest';
import { eventually, post } from './client';

export const TRACK_RESUMABLE = `subscription Resumable($shipmentId: ID!, $after: String) {
  trackingUpdates(shipmentId: $shipmentId, after: $after) { id cursor note }
}`;
const ORDER_RESUMABLE = `subscription OrderResumable($orderId: ID!, $after: String) {
  orderUpdates(orderId: $orderId, after: $after) { cursor step { name status } order { id status } }
}`;
const POSITIONS_RESUMABLE = `subscription PositionsResumable($vehicleIds: [ID!], $after: String) {
  vehiclePositionUpdates(vehicleIds: $vehicleIds, after: $after) { cursor vehicle { id } position { lat lng } }
}`;
const RECORD = `mutation Record($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;
const REPORT = `mutation Report($vehicleId: ID!, $location: LocationInput!) {
  reportVehiclePosition(vehicleId: $vehicleId, location: $location) { id }
}`;
const HISTORY = `query History($id: ID!) { shipment(id: $id) { events { id cursor } latestEvent { cursor } } }`;
const ORDER_HISTORY = `query OrderHistory($id: ID!) { order(id: $id) { fulfillment { steps { name cursor } } } }`;
const MOVING = `query Moving { shipments(first: 50, status: IN_TRANSIT) { edges { node { id } } } }`;

export interface Received {
  /** What the event is about, comparable across subscribers: an event id, a step name, a position. */
  id: string;
  cursor: string;
}

/** One resumable subscription: its document, its variables but `after`, and how to read an event. */
export interface Stream {
  query: string;
  variables: Record<string, unknown>;
  read(data: Record<string, unknown>): Received | undefined;
}

/** `trackingUpdates` of one shipment; an event is known by its id. */
export const trackingStream = (shipmentId: string): Stream => ({
  query: TRACK_RESUMABLE,
  variables: { shipmentId },
  read: (data) => data.trackingUpdates as Received | undefined,
});

/** `orderUpdates` of one order; a step is known by its name (each happens at most once per order). */
export const orderStream = (orderId: string): Stream => ({
  query: ORDER_RESUMABLE,
  variables: { orderId },
  read: (data) => {
    const update = data.orderUpdates as { cursor: string; step: { name: string } } | undefined;
    return update && { id: update.step.name, cursor: update.cursor };
  },
});

/** `vehiclePositionUpdates` of some vehicles; a report is known by its vehicle and position (see positionWriter). */
export const positionStream = (vehicleIds: string[] | null): Stream => ({
  query: POSITIONS_RESUMABLE,
  variables: { vehicleIds },
  read: (data) => {
    const update = data.vehiclePositionUpdates as
      | { cursor: string; vehicle: { id: string }; position: { lat: number; lng: number } }
      | undefined;
    return update && { id: positionId(update.vehicle.id, update.position), cursor: update.cursor };
  },
});

const positionId = (vehicleId: string, position: { lat: number; lng: number }) =>
  `${vehicleId}@${position.lat.toFixed(6)},${position.lng.toFixed(6)}`;

export interface Subscriber {
  received: Received[];
  errors: unknown[];
  /** Socket losses it resubscribed after. */
  reconnects: number;
  /** Unsubscribes (and closes its own socket). */
  close(): void;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each subscriber got exactly `expected`, in order, and no error (and nothing more arrives late). */
export async function expectExactlyOnce(
  subscribers: Subscriber[],
  expected: Received[],
  timeoutMs = 60_000,
): Promise<void> {
  await eventually(() => {
    expect(subscribers.flatMap((s) => s.errors)).toEqual([]);
    expect(
      Math.min(...subscribers.map((s) => s.received.length)),
      JSON.stringify(subscribers.map((s) => [s.received.length, s.reconnects])),
    ).toBeGreaterThanOrEqual(expected.length);
  }, timeoutMs);
  await wait(500); // nothing more (no duplicate) arrives late
  for (const s of subscribers) {
    expect(s.errors).toEqual([]);
    expect(s.received).toEqual(expected);
  }
}

/** The extensions codes of what a subscriber failed with (a GraphQL error list, or one error result). */
export function errorCodes(errors: readonly unknown[]): unknown[] {
  return errors
    .flatMap((error) => (Array.isArray(error) ? error : [error]))
    .map((error: { extensions?: { code?: unknown } }) => error?.extensions?.code);
}

/**
 * One subscriber to `stream` on `gatewayUrl` from `after`. With `resume`, a lost socket is not an
 * error: it opens a new one (retrying until the gateway answers) and subscribes again after its last
 * cursor.
 */
export function streamSubscriber(
  gatewayUrl: string,
  connectionParams: Record<string, unknown>,
  stream: Stream,
  after: string | null,
  options: { resume?: boolean; client?: Client } = {},
): Subscriber {
  const state: Subscriber = { received: [], errors: [], reconnects: 0, close: () => undefined };
  let closed = false;
  let client: Client | undefined;
  const open = () => {
    if (closed) return;
    const own = !options.client;
    client = options.client ?? wsClient(gatewayUrl, connectionParams);
    const last = state.received.at(-1)?.cursor ?? after;
    const stop = client.subscribe<Record<string, unknown>>(
      { query: stream.query, variables: { ...stream.variables, after: last } },
      {
        next: (result) => {
          if (result.errors) state.errors.push(...result.errors);
          const event = result.data ? stream.read(result.data) : undefined;
          if (event) state.received.push({ id: event.id, cursor: event.cursor });
        },
        error: (error) => {
          if (closed) return;
          // A gateway still loading its schema answers SERVICE_UNAVAILABLE: try again, as after a loss.
          const starting =
            Array.isArray(error) &&
            error.every(
              (e: { extensions?: { code?: unknown } }) => e.extensions?.code === 'SERVICE_UNAVAILABLE',
            );
          if (!options.resume || (Array.isArray(error) && !starting)) {
            state.errors.push(error);
            return;
          }
          state.reconnects++;
          if (own) void client?.dispose();
          setTimeout(open, 200);
        },
        // After an error result the server completes; otherwise these streams never end.
        complete: () => {
          if (!closed && state.errors.length === 0) state.errors.push(new Error('completed by the server'));
        },
      },
    );
    state.close = () => {
      closed = true;
      stop();
      if (own) void client?.dispose();
    };
  };
  open();
  return state;
}

/** A `trackingUpdates` subscriber of one shipment (see streamSubscriber). */
export function subscriber(
  gatewayUrl: string,
  connectionParams: Record<string, unknown>,
  shipmentId: string,
  after: string | null,
  options: { resume?: boolean; client?: Client } = {},
): Subscriber {
  return streamSubscriber(gatewayUrl, connectionParams, trackingStream(shipmentId), after, options);
}

export interface SteadyWriter {
  /** How many writes were acknowledged. */
  committed(): number;
  /** The ids (as the stream reads them) of the acknowledged writes, in order. */
  acknowledged: string[];
  stop(): Promise<void>;
}

/** Calls `write(n)` every `everyMs` until stopped; a write resolving to an id was acknowledged, a failed one is ignored. */
function steadily(write: (n: number) => Promise<string | undefined>, everyMs: number): SteadyWriter {
  let running = true;
  const acknowledged: string[] = [];
  let n = 0;
  const done = (async () => {
    while (running) {
      n++;
      const id = await write(n).catch(() => undefined);
      if (id !== undefined) acknowledged.push(id);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    committed: () => acknowledged.length,
    acknowledged,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Records IN_TRANSIT position updates for one shipment until stopped, ignoring failed attempts. */
export function steadyWriter(
  shipmentsUrl: string,
  authorization: () => Promise<string>,
  shipmentId: string,
  everyMs = 40,
): SteadyWriter {
  return steadily(async (n) => {
    const result = await post<{ recordTrackingEvent: { id: string } }>(
      shipmentsUrl,
      {
        query: RECORD,
        variables: {
          input: {
            shipmentId,
            status: 'IN_TRANSIT',
            location: { lat: 51 + (n % 100) / 1000, lng: -0.1 },
            note: `w${n}`,
          },
        },
      },
      { authorization: await authorization() },
    );
    return result.data?.recordTrackingEvent.id;
  }, everyMs);
}

/**
 * Reports positions of one vehicle until stopped, each one distinct (its number in the longitude),
 * so that a stream's reports can be matched with the acknowledged ones; failed attempts are ignored.
 */
export function positionWriter(
  vehiclesUrl: string,
  authorization: () => Promise<string>,
  vehicleId: string,
  everyMs = 40,
): SteadyWriter {
  const run = Math.floor(Math.random() * 1000); // distinct across the writers of one file
  return steadily(async (n) => {
    const location = { lat: 51.5 + run / 10_000, lng: -0.1 - n / 100_000 };
    const result = await post<{ reportVehiclePosition: { id: string } }>(
      vehiclesUrl,
      { query: REPORT, variables: { vehicleId, location } },
      { authorization: await authorization() },
    );
    return result.data?.reportVehiclePosition ? positionId(vehicleId, location) : undefined;
  }, everyMs);
}

/** The shipment's committed tracking history (commit order) and its newest cursor. */
export async function history(url: string, headers: Record<string, string>, shipmentId: string) {
  const result = await post<{
    shipment: { events: Received[]; latestEvent: { cursor: string } | null } | null;
  }>(url, { query: HISTORY, variables: { id: shipmentId } }, headers);
  const shipment = result.data?.shipment;
  if (!shipment) throw new Error(`no history for ${shipmentId}: ${JSON.stringify(result.errors)}`);
  return { events: shipment.events, latest: shipment.latestEvent?.cursor ?? null };
}

/** The events committed after `cursor`, as a subscriber resuming from it must receive them. */
export function eventsAfter(events: readonly Received[], cursor: string | null): Received[] {
  const index = cursor === null ? -1 : events.findIndex((event) => event.cursor === cursor);
  if (cursor !== null && index === -1) throw new Error(`cursor ${cursor} is not in the history`);
  return events.slice(index + 1);
}

/** Shipments in transit (they accept position updates), by id. */
export async function movingShipments(url: string, headers: Record<string, string>): Promise<string[]> {
  const result = await post<{ shipments: { edges: { node: { id: string } }[] } }>(
    url,
    { query: MOVING },
    headers,
  );
  return result.data?.shipments.edges.map((edge) => edge.node.id) ?? [];
}

/** The order's fulfilment steps (commit order), each as `orderUpdates` sends it. */
export async function orderHistory(url: string, headers: Record<string, string>, orderId: string) {
  const result = await post<{ order: { fulfillment: { steps: { name: string; cursor: string }[] } } | null }>(
    url,
    { query: ORDER_HISTORY, variables: { id: orderId } },
    headers,
  );
  const order = result.data?.order;
  if (!order) throw new Error(`no order ${orderId}: ${JSON.stringify(result.errors)}`);
  return order.fulfillment.steps.map((step): Received => ({ id: step.name, cursor: step.cursor }));
}
