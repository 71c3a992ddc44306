import { randomUUID } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { catalogue } from '../contracts';
import type { Db } from '../db';
import type { EventHandler, LiveHandler } from '../events/consumer';
import type { EventContract, PayloadOf } from '../events/contract';
import type { EventEnvelope } from '../events/envelope';
import { eventOutbox } from '../events/tables';
import type { EventWriter } from '../events/writer';

// biome-ignore lint/suspicious/noExplicitAny: any subgraph's store whose schema includes the event tables.
type AnyDb = Db<any>;

/**
 * Applies one event with the handler of its type, as the consumer runtime does minus the inbox: one
 * transaction, the payload converted to the handler's contract version, `emit` appending with this
 * event as the cause. Calling it twice with one event proves a handler's own state checks.
 */
export async function handleForTest(
  db: AnyDb,
  handlers: readonly EventHandler<Record<string, unknown>>[],
  event: EventEnvelope,
  writer: EventWriter,
): Promise<void> {
  const handler = handlers.find((h) => h.contract.type === event.type);
  if (!handler) throw new Error(`no handler for ${event.type}`);
  const payload = catalogue.convert(event.type, event.version, event.payload, handler.contract.version);
  if (payload === undefined)
    throw new Error(`${event.type} v${event.version} cannot be read as v${handler.contract.version}`);
  await db.transaction(async (tx) => {
    await handler.handle({
      tx: tx as AnyDb,
      payload: payload as never,
      event,
      emit: async (contract, options) => {
        await writer.append(tx as AnyDb, contract, {
          ...options,
          causationId: event.id,
          correlationId: event.correlationId,
        });
      },
    });
  });
}

/** The events a store's outbox holds, oldest first (optionally only those after `afterSeq`). */
export async function outboxEvents(db: AnyDb, afterSeq = 0): Promise<(EventEnvelope & { seq: number })[]> {
  const rows = await db.select().from(eventOutbox).orderBy(asc(eventOutbox.seq));
  return rows
    .filter((row) => row.seq > afterSeq)
    .map((row) => ({ ...(row.envelope as EventEnvelope), seq: row.seq }));
}

/** An envelope as another context's outbox would have written it (validated against its contract). */
export function testEnvelope<C extends EventContract>(
  contract: C,
  aggregateId: string,
  payload: PayloadOf<C>,
  correlationId = aggregateId,
): EventEnvelope<PayloadOf<C>> {
  return {
    id: randomUUID(),
    type: contract.type,
    version: contract.version,
    aggregateType: contract.aggregateType,
    aggregateId,
    occurredAt: new Date().toISOString(),
    correlationId,
    causationId: null,
    traceparent: null,
    payload: contract.payload.parse(payload) as PayloadOf<C>,
  };
}

/**
 * The live feed of one store's outbox, pumped by hand: each call hands the events committed since the
 * last call to their live handlers (what the bus does after the relay), so a test decides when.
 */
export function liveFeedForTest(db: AnyDb, handlers: readonly LiveHandler[]): () => Promise<number> {
  let seq = 0;
  return async () => {
    let fed = 0;
    for (const event of await outboxEvents(db, seq)) {
      seq = event.seq;
      const handler = handlers.find((h) => h.contract.type === event.type);
      if (!handler) continue;
      await handler.handle(
        catalogue.convert(event.type, event.version, event.payload, handler.contract.version),
        event,
      );
      fed++;
    }
    return fed;
  };
}
