import { setTimeout as sleep } from 'node:timers/promises';
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger';
import { outsideRequestScope } from '../request-scope';
import { CONTEXTS, type ContextName, type EventEnvelope, subjectOf } from './envelope';
import type { Destination } from './relay';
import { createKeyedRunner, orderingKey } from './runtime';

const nanos = (ms: number) => ms * 1_000_000;

/** One stream per producing context: `FG_ORDERS` holds `fg.orders.>`. */
export const streamOf = (context: ContextName) => `FG_${context.toUpperCase()}`;

export interface NatsOptions {
  url: string;
  logger: Logger;
  /** Longer than any retry of one publish, so a re-sent event is always recognised by its id. */
  duplicateWindowMs?: number;
  /** Redeliver an unacknowledged event after this long. */
  ackWaitMs?: number;
  /** Prefix of stream names (tests isolate themselves with it). */
  streamPrefix?: string;
}

export interface Subscription {
  /** The durable consumer's name: the consuming context (or `<context>-live`). */
  durable: string;
  /** The event types it receives, from any producer. */
  types: readonly string[];
  /** Applies one raw event; resolves once it is applied (or parked); throws to be redelivered. */
  apply(raw: string, onRetry: () => void): Promise<unknown>;
}

/**
 * JetStream for the domain events: streams per context, durable pull consumers with explicit acks,
 * publishes deduplicated by the event id (`Nats-Msg-Id`). Connects in the background and keeps
 * reconnecting: while NATS is away the outbox simply holds the events.
 */
export function createNatsBus(options: NatsOptions) {
  const { logger } = options;
  const prefix = options.streamPrefix ?? '';
  const stream = (context: ContextName) => `${prefix}${streamOf(context)}`;
  const subject = (type: string, version: number) =>
    `${prefix ? `${prefix}.` : ''}${subjectOf(type, version)}`;
  let connection: NatsConnection | undefined;
  let js: JetStreamClient | undefined;
  let closed = false;
  const started: Promise<void>[] = [];
  const ready = (async () => {
    for (let attempt = 0; !closed; attempt++) {
      try {
        connection = await connect({
          servers: options.url,
          reconnect: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
          name: 'freightgraph',
        });
        break;
      } catch (error) {
        if (attempt % 10 === 0)
          logger.warn({ err: error, url: options.url }, 'NATS not reachable yet; retrying');
        await sleep(Math.min(5_000, 200 * 2 ** Math.min(attempt, 5)));
      }
    }
    if (!connection) return;
    const jsm = await jetstreamManager(connection);
    await ensureStreams(jsm);
    js = jetstream(connection);
    logger.info({ url: options.url }, 'connected to NATS JetStream');
  })();
  ready.catch((error) => logger.error({ err: error }, 'NATS set-up failed'));

  async function ensureStreams(jsm: JetStreamManager) {
    for (const context of CONTEXTS) {
      const config = {
        name: stream(context),
        subjects: [`${prefix ? `${prefix}.` : ''}fg.${context}.>`],
        duplicate_window: nanos(options.duplicateWindowMs ?? 600_000),
        max_age: nanos(7 * 24 * 3_600_000),
      };
      try {
        await jsm.streams.info(config.name);
        await jsm.streams.update(config.name, config);
      } catch {
        await jsm.streams.add(config);
      }
    }
  }

  /**
   * The relay's destination. A batch is published pipelined on the one connection, so the stream stores
   * it in the order sent, without waiting a round trip per event; only the acknowledged prefix counts as
   * accepted. Anything after a failed publish is sent again with it, and the stream drops the copies it
   * already holds (same `Nats-Msg-Id` within the duplicate window).
   */
  const destination: Destination = {
    name: 'bus',
    async send(events: EventEnvelope[]) {
      const client = js;
      if (!client) throw new Error('NATS is not connected');
      const acks = await Promise.allSettled(
        events.map((event) =>
          client.publish(subject(event.type, event.version), JSON.stringify(event), {
            msgID: event.id,
            timeout: 5_000,
          }),
        ),
      );
      const accepted = new Set<string>();
      for (const [i, ack] of acks.entries()) {
        if (ack.status === 'rejected') {
          if (accepted.size === 0) throw ack.reason;
          break;
        }
        accepted.add(events[i]!.id);
      }
      return accepted;
    },
  };

  async function consume(subscription: Subscription, producers: readonly ContextName[]) {
    await ready;
    if (!connection || closed) return;
    const jsm = await jetstreamManager(connection);
    for (const producer of producers) {
      const types = subscription.types.filter((type) => type.startsWith(`${producer}.`));
      if (types.length === 0) continue;
      const config = {
        durable_name: subscription.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(options.ackWaitMs ?? 30_000),
        max_ack_pending: 256,
        // The producer's whole stream, in its order (one filter works on every 2.x server, and the
        // order across types matters: created before cancelled); types not handled are acked unread.
        filter_subject: `${prefix ? `${prefix}.` : ''}fg.${producer}.>`,
      };
      try {
        await jsm.consumers.info(stream(producer), subscription.durable);
        await jsm.consumers.update(stream(producer), subscription.durable, config);
      } catch {
        await jsm.consumers.add(stream(producer), config);
      }
      started.push(pull(subscription, stream(producer)));
    }
  }

  async function pull(subscription: Subscription, streamName: string) {
    const run = createKeyedRunner();
    while (!closed && js) {
      try {
        const consumer = await js.consumers.get(streamName, subscription.durable);
        const messages = await consumer.consume({ max_messages: 256 });
        for await (const message of messages) {
          if (closed) break;
          const raw = message.string();
          void run(orderingKey(raw), () =>
            outsideRequestScope(() => subscription.apply(raw, () => message.working())),
          ).then(
            () => message.ack(),
            (error: unknown) => {
              logger.warn(
                { err: error, consumer: subscription.durable },
                'event not applied; NATS redelivers it',
              );
              // Redelivered with a growing delay: 1 s, 2 s, 4 s … 30 s.
              message.nak(Math.min(30_000, 500 * 2 ** message.info.deliveryCount));
            },
          );
        }
      } catch (error) {
        if (closed) break;
        logger.warn({ err: error, consumer: subscription.durable }, 'NATS consumer interrupted; resuming');
        await sleep(500);
      }
    }
  }

  return {
    destination,
    /** Starts a durable consumer for `subscription` on every producer's stream it needs. */
    consume: (subscription: Subscription) => {
      const producers = [...new Set(subscription.types.map((type) => type.split('.')[0] as ContextName))];
      return consume(subscription, producers);
    },
    connected: () => Boolean(js) && !connection?.isClosed(),
    async close() {
      closed = true;
      await ready.catch(() => undefined);
      await connection?.drain().catch(() => undefined);
    },
  };
}

export type NatsBus = ReturnType<typeof createNatsBus>;
