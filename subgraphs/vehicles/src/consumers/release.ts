import type { HandlerContext } from '@freightgraph/platform';
import { CapacityReleased } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { toKg } from '../domain/fitting-kinds';
import { releaseCapacity } from '../domain/release-capacity';

type Emit = HandlerContext<typeof CapacityReleased, Schema>['emit'];

/** Releases a shipment's reservation and announces it (nothing is announced when there was none). */
export async function releaseAndAnnounce(
  tx: HandlerContext<typeof CapacityReleased, Schema>['tx'],
  emit: Emit,
  shipment: { shipmentId: string; orderId: string },
  reason: 'DELIVERED' | 'CANCELLED',
): Promise<void> {
  const released = await releaseCapacity(tx, shipment, { tombstone: reason === 'CANCELLED' });
  if (!released?.vehicleId) return;
  await emit(CapacityReleased, {
    aggregateId: released.vehicleId,
    payload: {
      reservationId: released.id,
      vehicleId: released.vehicleId,
      shipmentId: released.shipmentId,
      orderId: released.orderId,
      weightKg: toKg(released.weightGrams),
      reason,
    },
  });
}
