import { z } from 'zod';

/** The bounded contexts that produce and consume domain events (one per subgraph). */
export const CONTEXTS = ['customers', 'orders', 'shipments', 'vehicles'] as const;
export type ContextName = (typeof CONTEXTS)[number];

const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * What travels on the bus around every payload. The payload stays `unknown` here: it is validated
 * against its contract (type + version) when published and again when consumed.
 */
export const eventEnvelope = z.object({
  id: z.uuid(),
  /** `<Context>.<Name>`, e.g. `orders.OrderPlaced`. */
  type: z.string().regex(/^[a-z]+\.[A-Z][A-Za-z]+$/),
  version: z.number().int().positive(),
  aggregateType: z.string().min(1),
  aggregateId: z.string().min(1),
  occurredAt: z.iso.datetime(),
  /** The business process this event belongs to (the order's id for the fulfilment saga). */
  correlationId: z.string().min(1),
  /** The event that caused this one; null for one caused by a user's request. */
  causationId: z.uuid().nullable(),
  /** W3C trace context of the transaction that wrote the event, so consumers continue its trace. */
  traceparent: z.string().regex(traceparentPattern).nullable(),
  payload: z.unknown(),
});

export type EventEnvelope<TPayload = unknown> = Omit<z.infer<typeof eventEnvelope>, 'payload'> & {
  payload: TPayload;
};

/** The subject an event travels on in JetStream: `fg.<context>.<Name>.v<version>`. */
export function subjectOf(type: string, version: number): string {
  return `fg.${type}.v${version}`;
}
