/**
 * Writes docs/EVENTS.md from the event catalogue (`npm run docs:events`): every event with its fields,
 * producer and consumers, the context map and the saga's state machine. `check-generated` compares it.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CONTEXTS, type EventContract } from '@freightgraph/platform';
import { CONTEXT_MAP, catalogue, consumersOf } from '@freightgraph/platform/contracts';
import { z } from 'zod';

export const EVENTS_DOC = fileURLToPath(new URL('../docs/EVENTS.md', import.meta.url));

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'unknown'}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'unknown');
  return schema.format ? `${type} (${schema.format})` : type;
}

/** One row per leaf field, nested objects as dotted paths (`shippingAddress.location.lat`). */
function fields(schema: JsonSchema, prefix = ''): string[] {
  const rows: string[] = [];
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    const required = schema.required?.includes(name) ? 'yes' : 'no';
    const item = field.type === 'array' ? field.items : undefined;
    if (field.properties) rows.push(...fields(field, `${path}.`));
    else if (item?.properties) rows.push(...fields(item, `${path}[].`));
    else rows.push(`| \`${path}\` | ${typeOf(field)} | ${required} |`);
  }
  return rows;
}

function eventSection(contract: EventContract): string {
  const schema = z.toJSONSchema(contract.payload) as JsonSchema;
  const consumers = consumersOf(contract.type);
  return [
    `### ${contract.type} v${contract.version}`,
    '',
    contract.description,
    '',
    `- Producer: **${contract.producer}** (aggregate \`${contract.aggregateType}\`)`,
    `- Consumers: ${consumers.length ? consumers.map((c) => `**${c}**`).join(', ') : 'none (audit and live feeds only)'}`,
    '',
    '| Field | Type | Required |',
    '| --- | --- | --- |',
    ...fields(schema),
    '',
  ].join('\n');
}

function contextMap(): string {
  const edges: string[] = [];
  for (const consumer of CONTEXTS) {
    const byProducer = new Map<string, string[]>();
    for (const type of CONTEXT_MAP[consumer]) {
      const [producer = '', name = ''] = type.split('.');
      byProducer.set(producer, [...(byProducer.get(producer) ?? []), name]);
    }
    for (const [producer, names] of byProducer)
      edges.push(`  ${producer} -->|${names.join(', ')}| ${consumer}`);
  }
  return ['```mermaid', 'flowchart LR', ...edges, '```'].join('\n');
}

/** The order's states in the saga and the events that move it (see subgraphs/orders/src/domain/saga.ts). */
const SAGA = [
  '[*] --> PENDING: placeOrder / OrderPlaced',
  'PENDING --> CONFIRMED: ShipmentCreated, then CapacityReserved / OrderConfirmed',
  'PENDING --> REJECTED: ShipmentRejected, CapacityReservationFailed or timeout / OrderRejected',
  'PENDING --> CANCELLED: cancelOrder / OrderCancelled',
  'CONFIRMED --> CANCELLED: cancelOrder / OrderCancelled',
  'CONFIRMED --> SHIPPED: first TrackingEventRecorded PICKED_UP / OrderShipped',
  'CONFIRMED --> DELIVERED: last shipment DELIVERED / OrderDelivered',
  'SHIPPED --> DELIVERED: last shipment DELIVERED / OrderDelivered',
  'REJECTED --> [*]: shipments cancelled (ShipmentCancelled), capacity released (CapacityReleased)',
  'CANCELLED --> [*]: shipments cancelled (ShipmentCancelled), capacity released (CapacityReleased)',
  'DELIVERED --> [*]: capacity released (CapacityReleased)',
];

/** The resumable subscriptions and what feeds them (see packages/platform/src/resumable-stream.ts). */
const SUBSCRIPTIONS = [
  'Three subscriptions are resumable: each event carries an opaque `cursor` (a store sequence number,',
  'taken in commit order), and subscribing with `after: <last cursor>` replays what was committed since,',
  'in commit order, then goes on live, with no gap and no duplicate. The store is the only source of what',
  'they send: a committed event only wakes the open streams (through pub/sub, Redis with `REDIS_URL`), which',
  'then read "the rows after the last one sent"; a wake-up lost, late or repeated costs latency, not an event.',
  '',
  '| Subscription | Subgraph | Rows streamed | Woken by | Replay reaches back |',
  '| --- | --- | --- | --- | --- |',
  "| `trackingUpdates(shipmentId, after)` | shipments | the shipment's `tracking_events` | TrackingEventRecorded, ShipmentCreated, ShipmentCancelled committed | `TRACKING_REPLAY_RETENTION_MS` (a day) |",
  "| `orderUpdates(orderId, after)` | orders | the order's `fulfillment_steps` (`seq`) | OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled, OrderShipped, OrderDelivered committed, and ShipmentCreated (its CREATE_SHIPMENT step is written by orders' consumer) | `ORDER_UPDATES_REPLAY_RETENTION_MS` (a day) |",
  "| `vehiclePositionUpdates(vehicleIds, after)` | vehicles | the position history (`vehicle_positions`, written by `reportVehiclePosition`) | the report's commit (no domain event) | `VEHICLE_POSITION_RETENTION_MS` (a day; older rows pruned every `VEHICLE_POSITION_PRUNE_INTERVAL_MS`) |",
  '',
  'Without `after` a stream starts from now on. `Order.fulfillment.steps { cursor }` and',
  '`Shipment.latestEvent { cursor }` give the cursor of what a query read, to follow on from it.',
  '',
  'A cursor fails before the stream starts: `BAD_USER_INPUT` when it is not one this subscription returned,',
  '`CURSOR_EXPIRED` when replaying from it would reach further back than the retention, or the store no',
  'longer holds it (pruned history, another store, a reset); reload the state then, and subscribe without',
  "`after`. The gateway remembers each upstream stream's last cursor: when a subgraph goes away it",
  'resubscribes from it (for `SUBSCRIPTION_FAILOVER_WINDOW_MS`), so its clients see neither the loss nor a gap.',
];

export function renderEventsDoc(): string {
  const contracts = [...catalogue.contracts].sort(
    (a, b) => a.type.localeCompare(b.type) || a.version - b.version,
  );
  return [
    '<!-- Generated by `npm run docs:events` from packages/platform/src/contracts; do not edit. -->',
    '# Domain events',
    '',
    'Every event the bounded contexts exchange, validated with zod when published and when consumed. Each',
    'travels in an envelope (id, type, version, aggregate, occurredAt, correlation and causation ids,',
    'W3C traceparent); the correlation id of every event of the fulfilment saga is the order id.',
    '',
    '## Context map',
    '',
    'Who consumes whose events (an arrow from producer to consumer).',
    '',
    contextMap(),
    '',
    '## The fulfilment saga',
    '',
    "An order's status, and the events that move it. Each step has a timeout (`SAGA_TIMEOUT_MS`): an order",
    'still PENDING after that long is rejected with reason TIMEOUT and compensated like any other rejection.',
    '',
    '```mermaid',
    'stateDiagram-v2',
    ...SAGA.map((line) => `  ${line}`),
    '```',
    '',
    '## Subscriptions',
    '',
    ...SUBSCRIPTIONS,
    '',
    '## Events',
    '',
    ...contracts.map(eventSection),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(EVENTS_DOC, renderEventsDoc());
  console.log(`wrote ${EVENTS_DOC}`);
}
