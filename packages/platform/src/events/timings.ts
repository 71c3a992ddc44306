import type { ServiceMetrics } from '../metrics';
import type { EventEnvelope } from './envelope';

/** Seconds, from 1 ms to 30 s: an event's hop is milliseconds when idle, seconds when a queue builds. */
const HOP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Where an event's time goes, hop by hop, on the service's registry: how long it waited in the outbox
 * until its destination acknowledged it (and how long each send took), and on the consuming side how
 * long after it occurred the consumer began to apply it and how long its transaction took. Read
 * together they say which hop of the saga sets its pace.
 */
export interface EventTimings {
  /** A destination acknowledged `events` after a send of `sendSeconds`. */
  relayed(destination: string, events: readonly EventEnvelope[], sendSeconds: number): void;
  /** A consumer began applying an event that occurred at `occurredAt`, and took `applySeconds`. */
  consumed(type: string, occurredAt: string, startedAt: number, applySeconds: number): void;
}

export const noTimings: EventTimings = { relayed() {}, consumed() {} };

export function eventTimings(metrics: ServiceMetrics | undefined): EventTimings {
  if (!metrics) return noTimings;
  const outboxLag = metrics.histogram({
    name: 'freightgraph_events_outbox_lag_seconds',
    help: 'From an event occurring (its outbox row written) to its destination acknowledging it.',
    labelNames: ['destination'],
    buckets: HOP_BUCKETS,
  });
  const send = metrics.histogram({
    name: 'freightgraph_events_send_seconds',
    help: "One relay send (a batch) to a destination, until its acknowledgement; its count is the relay's sends.",
    labelNames: ['destination'],
    buckets: HOP_BUCKETS,
  });
  const consumeLag = metrics.histogram({
    name: 'freightgraph_events_consume_lag_seconds',
    help: 'From an event occurring in its producer to this consumer beginning to apply it (outbox, bus, queue).',
    labelNames: ['type'],
    buckets: HOP_BUCKETS,
  });
  const apply = metrics.histogram({
    name: 'freightgraph_events_apply_seconds',
    help: "One consumer transaction: the inbox row, the handler's effect and the events it emits, committed.",
    labelNames: ['type'],
    buckets: HOP_BUCKETS,
  });
  return {
    relayed(destination, events, sendSeconds) {
      const now = Date.now();
      send.observe({ destination }, sendSeconds);
      for (const event of events) {
        outboxLag.observe({ destination }, Math.max(0, now - Date.parse(event.occurredAt)) / 1000);
      }
    },
    consumed(type, occurredAt, startedAt, applySeconds) {
      consumeLag.observe({ type }, Math.max(0, startedAt - Date.parse(occurredAt)) / 1000);
      apply.observe({ type }, applySeconds);
    },
  };
}
