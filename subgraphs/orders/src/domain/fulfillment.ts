import type { Db } from '@freightgraph/platform';
import type { RejectionReason } from '@freightgraph/platform/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  type FulfillmentStepRow,
  fulfillmentSteps,
  type OrderRow,
  type OrderStatus,
  orders,
  type Schema,
  type StepName,
} from '../db/schema';

/** Records that a step happened (at most once per order and step); null when it was already recorded. */
export async function recordStep(
  tx: Db<Schema>,
  orderId: string,
  name: StepName,
  status: 'DONE' | 'FAILED',
  reason: string | null = null,
): Promise<FulfillmentStepRow | null> {
  const [step] = await tx
    .insert(fulfillmentSteps)
    .values({ orderId, name, status, reason })
    .onConflictDoNothing()
    .returning();
  return step ?? null;
}

/**
 * Moves an order from one of `from` to `to` in one conditional UPDATE: of two racing transitions (a
 * cancel and a confirmation, a redelivery), the second matches nothing and returns null.
 */
export async function transition(
  tx: Db<Schema>,
  orderId: string,
  from: readonly OrderStatus[],
  to: OrderStatus,
  rejectionReason: RejectionReason | null = null,
): Promise<OrderRow | null> {
  const [row] = await tx
    .update(orders)
    .set({ status: to, rejectionReason, updatedAt: sql`now()` })
    .where(and(eq(orders.id, orderId), inArray(orders.status, from)))
    .returning();
  return row ?? null;
}

export type FulfillmentState =
  | 'AWAITING_SHIPMENT'
  | 'AWAITING_CAPACITY'
  | 'CONFIRMED'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'REJECTED'
  | 'CANCELLED';

/** The saga's state: the order's status, with PENDING split by whether its shipment exists yet. */
export function fulfillmentState(
  status: OrderStatus,
  steps: readonly FulfillmentStepRow[],
): FulfillmentState {
  if (status !== 'PENDING') return status;
  return steps.some((s) => s.name === 'CREATE_SHIPMENT' && s.status === 'DONE')
    ? 'AWAITING_CAPACITY'
    : 'AWAITING_SHIPMENT';
}
