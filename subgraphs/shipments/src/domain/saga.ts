import { assert, type Db, type HandlerContext, queryRows, trackingNumberOf } from '@freightgraph/platform';
import {
  type Address,
  type OrderPlaced,
  ShipmentCancelled,
  ShipmentCreated,
  ShipmentRejected,
} from '@freightgraph/platform/contracts';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { closedOrders, type Schema, type ShipmentRow, shipments, trackingEvents } from '../db/schema';
import { nearestDepot } from './depots';

type Emit = HandlerContext<typeof ShipmentCreated, Schema>['emit'];
type Placed = HandlerContext<typeof OrderPlaced, Schema>['payload'];

const label = (address: Address) =>
  `${address.lines[0]}, ${address.postalCode} ${address.city}, ${address.country}`;

/**
 * The shipments step of the saga: one shipment per placed order, from the depot nearest to its address
 * to the address, LABEL_CREATED; or ShipmentRejected when the address is outside the service area.
 * Idempotent by state: an order that has a shipment, or has already ended, gets nothing more.
 */
export async function createShipmentFor(
  tx: Db<Schema>,
  order: Placed,
  emit: Emit,
): Promise<ShipmentRow | null> {
  const [closed] = await tx.select().from(closedOrders).where(eq(closedOrders.orderId, order.orderId));
  const [existing] = await tx
    .select({ id: shipments.id })
    .from(shipments)
    .where(eq(shipments.orderId, order.orderId));
  if (closed || existing) return null;
  const destination = order.shippingAddress.location;
  const nearest = nearestDepot(destination);
  if (!nearest) {
    await emit(ShipmentRejected, {
      aggregateId: order.orderId,
      payload: { orderId: order.orderId, reason: 'ADDRESS_UNSERVICEABLE' },
    });
    return null;
  }
  const { depot } = nearest;
  const [next] = await queryRows<{ n: number }>(tx, sql`select nextval('tracking_number_seq')::int as n`);
  assert(next, 'nextval returned a row');
  const [shipment] = await tx
    .insert(shipments)
    .values({
      id: crypto.randomUUID(),
      trackingNumber: trackingNumberOf(next.n),
      orderId: order.orderId,
      customerId: order.customerId,
      status: 'LABEL_CREATED',
      originName: `${depot.name} depot`,
      originLat: depot.lat,
      originLng: depot.lng,
      destinationName: label(order.shippingAddress),
      destinationLat: destination.lat,
      destinationLng: destination.lng,
      weightGrams: Math.round(order.totalWeightKg * 1000),
      lastLat: depot.lat,
      lastLng: depot.lng,
    })
    .returning();
  assert(shipment, 'the shipment was inserted');
  await tx.insert(trackingEvents).values({
    shipmentId: shipment.id,
    status: 'LABEL_CREATED',
    lat: depot.lat,
    lng: depot.lng,
    note: 'Label created',
    occurredAt: shipment.createdAt,
  });
  await emit(ShipmentCreated, {
    aggregateId: shipment.id,
    payload: {
      shipmentId: shipment.id,
      orderId: order.orderId,
      trackingNumber: shipment.trackingNumber,
      origin: { name: shipment.originName, location: { lat: depot.lat, lng: depot.lng } },
      destination: { name: shipment.destinationName, location: destination },
      weightKg: shipment.weightGrams / 1000,
    },
  });
  return shipment;
}

export type CancelReason = 'ORDER_CANCELLED' | 'ORDER_REJECTED' | 'NO_VEHICLE';

/**
 * Cancels the shipments (all of the order's, or only `shipmentId`) that are neither delivered nor
 * cancelled, each with a ShipmentCancelled so its vehicle releases the capacity. Cancelling twice
 * finds nothing open the second time.
 */
export async function cancelShipments(
  tx: Db<Schema>,
  target: { orderId: string; shipmentId?: string },
  reason: CancelReason,
  emit: Emit,
): Promise<ShipmentRow[]> {
  const cancelled = await tx
    .update(shipments)
    .set({
      status: 'CANCELLED',
      updatedAt: sql`greatest(now(), ${shipments.updatedAt} + interval '1 millisecond')`,
    })
    .where(
      and(
        eq(shipments.orderId, target.orderId),
        target.shipmentId ? eq(shipments.id, target.shipmentId) : undefined,
        notInArray(shipments.status, ['DELIVERED', 'CANCELLED']),
      ),
    )
    .returning();
  if (cancelled.length) {
    await tx.insert(trackingEvents).values(
      cancelled.map((s) => ({
        shipmentId: s.id,
        status: 'CANCELLED' as const,
        lat: s.lastLat ?? s.originLat,
        lng: s.lastLng ?? s.originLng,
        note:
          reason === 'NO_VEHICLE'
            ? 'Cancelled: no vehicle available'
            : `Cancelled: ${reason === 'ORDER_CANCELLED' ? 'order cancelled' : 'order rejected'}`,
        occurredAt: s.updatedAt,
      })),
    );
  }
  for (const s of cancelled) {
    await emit(ShipmentCancelled, {
      aggregateId: s.id,
      payload: { shipmentId: s.id, orderId: s.orderId, reason },
    });
  }
  return cancelled;
}

/** Remembers that an order ended, so a late OrderPlaced creates nothing. */
export async function closeOrder(tx: Db<Schema>, orderId: string, reason: string): Promise<void> {
  await tx.insert(closedOrders).values({ orderId, reason }).onConflictDoNothing();
}

/** Puts the reserved vehicle on the shipment (unless it ended meanwhile: its vehicle releases it then). */
export async function assignReservedVehicle(
  tx: Db<Schema>,
  shipmentId: string,
  vehicleId: string,
): Promise<void> {
  await tx
    .update(shipments)
    .set({ vehicleId, updatedAt: sql`greatest(now(), ${shipments.updatedAt} + interval '1 millisecond')` })
    .where(and(eq(shipments.id, shipmentId), notInArray(shipments.status, ['DELIVERED', 'CANCELLED'])));
}
