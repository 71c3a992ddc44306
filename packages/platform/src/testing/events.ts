import { asc } from 'drizzle-orm';
import { catalogue } from '../contracts';
import type { Db } from '../db';
import type { EventHandler } from '../events/consumer';
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
