import { z } from 'zod';
import { env } from '../config';
import type { ContextName } from './envelope';

const DEFAULT_PORTS: Record<ContextName, number> = {
  customers: 4001,
  orders: 4002,
  shipments: 4003,
  vehicles: 4004,
};
const peerUrl = (name: ContextName) => z.url().default(`http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`);

/** Every subgraph's env fields for the event bus. */
export const eventsEnv = {
  /** NATS with JetStream; when unset the relay delivers to each consumer's HTTP inbox (`POST /events`). */
  NATS_URL: env.optionalUrl(),
  /** Prefix of stream and subject names: graphs sharing one NATS stay apart (tests, staging). */
  NATS_STREAM_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9]{0,32}$/, 'letters and digits only')
    .default(''),
  /** The other contexts' GraphQL URLs; their inboxes are `/events` beside it (embedded bus only). */
  CUSTOMERS_URL: peerUrl('customers'),
  ORDERS_URL: peerUrl('orders'),
  SHIPMENTS_URL: peerUrl('shipments'),
  VEHICLES_URL: peerUrl('vehicles'),
  /** Private JWK the relay signs inbox deliveries with (required in production without NATS). */
  INTERNAL_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** The relay's fallback poll; commits wake it at once through NOTIFY. */
  EVENT_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** NATS redelivers an event its consumer has not acknowledged within this (a consumer that died). */
  EVENT_ACK_WAIT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /** Outbox rows kept after delivery (for replay and audit), in hours. */
  EVENT_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
};

export interface EventsConfig {
  NODE_ENV: string;
  DATA_DIR: string;
  NATS_URL?: string | undefined;
  NATS_STREAM_PREFIX: string;
  CUSTOMERS_URL: string;
  ORDERS_URL: string;
  SHIPMENTS_URL: string;
  VEHICLES_URL: string;
  INTERNAL_SIGNING_KEY_FILE?: string | undefined;
  EVENT_POLL_MS: number;
  EVENT_ACK_WAIT_MS: number;
  EVENT_RETENTION_HOURS: number;
}

/** zod `superRefine`: production without NATS delivers over HTTP, and must name the key it signs with. */
export function requireEventsKeyInProduction(
  config: { NODE_ENV: string; NATS_URL?: string | undefined; INTERNAL_SIGNING_KEY_FILE?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && !config.NATS_URL && !config.INTERNAL_SIGNING_KEY_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: ['NATS_URL'],
      message: 'required in production (or INTERNAL_SIGNING_KEY_FILE for the HTTP inbox relay)',
    });
  }
}

export function inboxUrl(config: EventsConfig, context: ContextName): string {
  const graphql = config[`${context.toUpperCase()}_URL` as 'ORDERS_URL'];
  return new URL('/events', graphql).toString();
}
