import { type Db, type EventWriter, type Logger, outsideRequestScope } from '@freightgraph/platform';
import { and, eq, lt, sql } from 'drizzle-orm';
import { fulfillmentSteps, orders, type Schema } from '../db/schema';
import { rejectOrder } from './saga';

/**
 * Rejects (reason TIMEOUT) the PENDING orders placed more than `timeoutMs` ago (through placeOrder,
 * so with a saga to time out), at most `batch` per
 * call, and returns how many. Each order is rejected in its own transaction with OrderRejected, so
 * compensation follows the same path as any other rejection. Several instances may sweep at once, and
 * a confirmation may race the sweep: the conditional PENDING → REJECTED transition lets one of them win.
 */
export async function rejectTimedOut(
  db: Db<Schema>,
  events: EventWriter,
  timeoutMs: number,
  batch = 100,
): Promise<number> {
  const stale = await db
    .select({ id: orders.id })
    .from(orders)
    // Only orders whose saga started here: demo orders from before the saga have no PLACE_ORDER step.
    .innerJoin(
      fulfillmentSteps,
      and(eq(fulfillmentSteps.orderId, orders.id), eq(fulfillmentSteps.name, 'PLACE_ORDER')),
    )
    .where(
      and(
        eq(orders.status, 'PENDING'),
        lt(orders.createdAt, sql`now() - make_interval(secs => ${timeoutMs / 1000})`),
      ),
    )
    .orderBy(orders.createdAt)
    .limit(batch);
  let rejected = 0;
  for (const { id } of stale) {
    const done = await db.transaction(async (tx) => {
      const [shipment] = await tx
        .select({ name: fulfillmentSteps.name })
        .from(fulfillmentSteps)
        .where(and(eq(fulfillmentSteps.orderId, id), eq(fulfillmentSteps.name, 'CREATE_SHIPMENT')));
      const emit: Parameters<typeof rejectOrder>[4] = async (contract, options) => {
        await events.append(tx, contract, { ...options, correlationId: id });
      };
      return rejectOrder(tx, id, shipment ? 'RESERVE_CAPACITY' : 'CREATE_SHIPMENT', 'TIMEOUT', emit);
    });
    if (done) rejected++;
  }
  return rejected;
}

export interface TimeoutSweeper {
  /** Stops sweeping and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Sweeps every `intervalMs` (a saga step may take up to `timeoutMs` before it compensates). */
export function startTimeoutSweeper(options: {
  db: Db<Schema>;
  events: EventWriter;
  logger: Logger;
  timeoutMs: number;
  intervalMs: number;
}): TimeoutSweeper {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        // Background work: its SQL is no request's.
        const rejected = await outsideRequestScope(() =>
          rejectTimedOut(options.db, options.events, options.timeoutMs),
        );
        if (rejected) options.logger.warn({ rejected }, 'orders rejected after the saga timeout');
      } catch (error) {
        options.logger.error({ err: error }, 'saga timeout sweep failed');
      }
    });
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
