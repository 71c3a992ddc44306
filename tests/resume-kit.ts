/**
 * Helpers of the resumable-subscription suites: subscribers that keep every event they receive and
 * resubscribe with their last cursor when their socket goes (as the README's client does), a steady
 * writer of tracking events, and the committed history to compare with.
 */
import { wsClient } from '@freightgraph/platform/testing';
import type { Client } from 'graphql-ws';
import { post } from './client';

export const TRACK_RESUMABLE = `subscription Resumable($shipmentId: ID!, $after: String) {
  trackingUpdates(shipmentId: $shipmentId, after: $after) { id cursor note }
}`;
const RECORD = `mutation Record($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;
const HISTORY = `query History($id: ID!) { shipment(id: $id) { events { id cursor } latestEvent { cursor } } }`;
const MOVING = `query Moving { shipments(first: 50, status: IN_TRANSIT) { edges { node { id } } } }`;

export interface Received {
  id: string;
  cursor: string;
}

export interface Subscriber {
  received: Received[];
  errors: unknown[];
  /** Socket losses it resubscribed after. */
  reconnects: number;
  /** Unsubscribes (and closes its own socket). */
  close(): void;
}

/**
 * One subscriber on `gatewayUrl` from `after`. With `resume`, a lost socket is not an error: it opens a
 * new one (retrying until the gateway answers) and subscribes again after its last cursor.
 */
export function subscriber(
  gatewayUrl: string,
  connectionParams: Record<string, unknown>,
  shipmentId: string,
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
    const stop = client.subscribe<{ trackingUpdates: Received }>(
      { query: TRACK_RESUMABLE, variables: { shipmentId, after: last } },
      {
        next: (result) => {
          if (result.errors) state.errors.push(...result.errors);
          const event = result.data?.trackingUpdates;
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
        // After an error result the server completes; otherwise a tracking stream never ends.
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

/** Records IN_TRANSIT position updates for one shipment until stopped, ignoring failed attempts. */
export function steadyWriter(
  shipmentsUrl: string,
  authorization: () => Promise<string>,
  shipmentId: string,
  everyMs = 40,
) {
  let running = true;
  let committed = 0;
  let n = 0;
  const done = (async () => {
    while (running) {
      n++;
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
      ).catch(() => undefined);
      if (result?.data?.recordTrackingEvent) committed++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    committed: () => committed,
    async stop() {
      running = false;
      await done;
    },
  };
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
