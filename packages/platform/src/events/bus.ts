import { ensureDevKey, readKey } from '../auth/keys';
import { createInternalTokenSigner, type InternalTokenVerifier } from '../auth/tokens';
import type { Db, Store } from '../db';
import type { RouteHandler } from '../http';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';
import type { PubSub } from '../pubsub';
import { ENTITY_CHANGES_TOPIC } from './changes';
import { type EventsConfig, inboxUrl } from './config';
import type { EventHandler, LiveHandler } from './consumer';
import type { EventCatalogue } from './contract';
import { CONTEXTS, type ContextName } from './envelope';
import { httpInboxDestination, httpInboxRoute } from './http-inbox';
import { createNatsBus } from './nats';
import { createRelayNudge } from './nudge';
import { createRelay, type Destination } from './relay';
import { createConsumerRuntime, createLiveRuntime } from './runtime';
import { eventTimings } from './timings';
import { activeTraceparent } from './tracing';
import { createEventWriter, type EventWriter, OUTBOX_CHANNEL } from './writer';

export interface EventBusOptions<TSchema extends Record<string, unknown>> {
  context: ContextName;
  config: EventsConfig;
  store: Store<TSchema>;
  catalogue: EventCatalogue;
  /** Which event types each context consumes: the embedded relay routes by it. */
  contextMap: Readonly<Record<ContextName, readonly string[]>>;
  handlers: readonly EventHandler<TSchema>[];
  /** Handlers of this context's own committed events that feed its subscriptions. */
  live: readonly LiveHandler[];
  logger: Logger;
  verifyInternalToken: InternalTokenVerifier;
  /** The active trace context for new envelopes. */
  traceparent?: () => string | null;
  /**
   * Where every committed event of this context is also published, on ENTITY_CHANGES_TOPIC, for the
   * gateways' entity caches (Redis pub/sub: each gateway instance hears every event).
   */
  changeFeed?: Pick<PubSub, 'publish'> | undefined;
  /** The service's registry, for the per-hop timings of its events (timings.ts). */
  metrics?: ServiceMetrics;
}

export interface EventBus {
  kind: 'nats' | 'http';
  writer: EventWriter;
  /** `POST /events` on the embedded bus; undefined on NATS. */
  inboxRoute: RouteHandler | undefined;
  /** Starts relaying and consuming (after the store is migrated and the server listens). */
  start(): Promise<void>;
  /** Flushes what the relay has in hand, stops consuming, closes the connection. */
  close(): Promise<void>;
  connected(): boolean;
  stats(): Promise<EventBusStats>;
}

export interface EventBusStats {
  backlog: { destination: string; pending: number; oldestSeconds: number }[];
  published: number;
  deliveryFailures: number;
  consumed: { applied: number; duplicates: number; deadLettered: number; retries: number };
}

/**
 * Checks a context's handlers against the context map, so routing and code never disagree: every type
 * the map routes to this context is handled here, and anything else handled here is its own event
 * (which never needs routing: the relay applies it in process).
 */
function checkSubscriptions(
  context: ContextName,
  handled: readonly string[],
  map: EventBusOptions<never>['contextMap'],
) {
  const declared = new Set(map[context] ?? []);
  const missing = [...declared].filter((type) => !handled.includes(type));
  const unrouted = handled.filter((type) => !declared.has(type) && !type.startsWith(`${context}.`));
  if (missing.length > 0 || unrouted.length > 0) {
    throw new Error(
      `${context}: the context map routes [${missing.join(', ')}] here without a handler, and [${unrouted.join(', ')}] is handled but never routed here`,
    );
  }
}

async function signerFor(config: EventsConfig) {
  const key = config.INTERNAL_SIGNING_KEY_FILE
    ? await readKey(config.INTERNAL_SIGNING_KEY_FILE)
    : await ensureDevKey(config.DATA_DIR, 'dev-internal');
  if (!key) throw new Error(`${config.INTERNAL_SIGNING_KEY_FILE} does not exist`);
  return createInternalTokenSigner(key, 60);
}

/**
 * One context's side of the event bus: its outbox writer and relay, its consumers (exactly-once through
 * the inbox), its live feed. NATS JetStream when `NATS_URL` is set; otherwise the relay delivers to
 * each consumer's HTTP inbox. The handlers are the same code on both.
 */
export async function openEventBus<TSchema extends Record<string, unknown>>(
  options: EventBusOptions<TSchema>,
): Promise<EventBus> {
  const { context, config, store, logger, catalogue } = options;
  const handledTypes = [...options.handlers, ...options.live].map((h) => h.contract.type as string);
  checkSubscriptions(context, handledTypes, options.contextMap);
  const consumersOf = (type: string) => CONTEXTS.filter((c) => options.contextMap[c]?.includes(type));
  const nats = config.NATS_URL
    ? createNatsBus({
        url: config.NATS_URL,
        logger,
        streamPrefix: config.NATS_STREAM_PREFIX,
        ackWaitMs: config.EVENT_ACK_WAIT_MS,
      })
    : undefined;
  const feed = options.changeFeed ? [CHANGE_FEED] : [];
  // Set once the relay exists; the writer calls it after each commit that appended.
  let nudge: () => void = () => undefined;
  const writer = createEventWriter({
    context,
    committed: () => nudge(),
    traceparent: options.traceparent ?? activeTraceparent,
    destinationsOf: nats
      ? () => ['bus', ...feed]
      : (type) => [
          ...new Set([...consumersOf(type), ...(handledTypes.includes(type) ? [context] : [])]),
          ...feed,
        ],
  });
  const db = store.db as Db<Record<string, unknown>>;
  const timings = eventTimings(options.metrics);
  const runtime = createConsumerRuntime({
    timings,
    consumer: context,
    db,
    catalogue,
    handlers: options.handlers as readonly EventHandler[],
    writer,
    logger,
  });
  const live = createLiveRuntime(catalogue, options.live, logger);
  // The transactional handler first; the live feed only once the effect is committed (and again for a
  // redelivery, in case the feed failed the first time: subscribers get it at least once).
  const apply = async (raw: unknown, onRetry?: () => void) => {
    const outcome = await runtime.apply(raw, onRetry);
    if (outcome !== 'dead-lettered') await live.apply(raw);
    return outcome;
  };

  let destinations: Destination[];
  if (nats) {
    destinations = [nats.destination];
  } else {
    const signer = await signerFor(config);
    const produced: string[] = catalogue.contracts.filter((c) => c.producer === context).map((c) => c.type);
    const peers = CONTEXTS.filter(
      (c) =>
        produced.some((type) => options.contextMap[c]?.includes(type)) ||
        (c === context && produced.some((type) => handledTypes.includes(type))),
    );
    destinations = peers.map((peer) =>
      peer === context
        ? { name: peer, send: (events) => acceptAll(events, (e) => apply(e)) }
        : httpInboxDestination({ consumer: peer, producer: context, url: inboxUrl(config, peer), signer }),
    );
  }
  const changeFeed = options.changeFeed;
  if (changeFeed) {
    // Delivered by the relay like any destination: every committed event reaches the feed at least once.
    destinations.push({
      name: CHANGE_FEED,
      async send(events) {
        for (const event of events) await changeFeed.publish(ENTITY_CHANGES_TOPIC, event);
        return new Set(events.map((e) => e.id));
      },
    });
  }
  const relay = createRelay({
    db,
    destinations,
    logger,
    pollMs: config.EVENT_POLL_MS,
    retentionHours: config.EVENT_RETENTION_HOURS,
    timings,
  });
  nudge = createRelayNudge({ db, kind: store.kind, wake: relay.wake, logger });
  let unlisten: (() => Promise<void>) | undefined;

  return {
    kind: nats ? 'nats' : 'http',
    writer,
    inboxRoute: nats
      ? undefined
      : httpInboxRoute({ verify: options.verifyInternalToken, apply: (raw) => apply(raw), logger }),
    async start() {
      unlisten = await store.listen(OUTBOX_CHANNEL, relay.wake);
      relay.wake();
      // One durable consumer per context: its instances share the work, in each producer's order.
      if (nats && handledTypes.length > 0)
        void nats.consume({ durable: context, types: handledTypes, apply });
    },
    async close() {
      await unlisten?.();
      await relay.close();
      await nats?.close();
    },
    connected: () => (nats ? nats.connected() : true),
    async stats() {
      return {
        backlog: await relay.backlog(),
        published: relay.sent.events,
        deliveryFailures: relay.sent.failures,
        consumed: { ...runtime.stats },
      };
    },
  };
}

/** The relay destination of the gateways' cache feed. */
const CHANGE_FEED = 'gateway-caches';

/** Applies a batch in process (a context's own consumers and live feed), in order, up to the first failure. */
async function acceptAll(
  events: { id: string }[],
  apply: (event: unknown) => Promise<unknown>,
): Promise<ReadonlySet<string>> {
  const accepted = new Set<string>();
  for (const event of events) {
    try {
      await apply(event);
    } catch {
      break;
    }
    accepted.add(event.id);
  }
  return accepted;
}
