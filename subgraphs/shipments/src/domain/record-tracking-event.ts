import {
  assert,
  checkLength,
  checkLocation,
  type Db,
  type EventWriter,
  type LatLng,
  notFound,
  parseId,
  type Viewer,
} from '@freightgraph/platform';
import { TrackingEventRecorded } from '@freightgraph/platform/contracts';
import { and, count, eq, notInArray } from 'drizzle-orm';
import {
  type Schema,
  type ShipmentRow,
  shipments,
  type TrackingEventRow,
  trackingEvents,
} from '../db/schema';
import { checkMayTrack } from './access';
import { nextTimestamp } from './clock';
import { checkTransition, type ShipmentStatus } from './status';

export interface RecordTrackingEventInput {
  shipmentId: string;
  status: ShipmentStatus;
  location: LatLng;
  note?: string | null | undefined;
}

export interface RecordedTrackingEvent {
  /** The committed event: what a subscription publishes once this resolves. */
  event: TrackingEventRow;
  /** The shipment as the same transaction left it. */
  shipment: ShipmentRow;
}

/**
 * Records a tracking event and moves the shipment along its state machine, in one transaction that
 * holds the shipment's row lock, so two concurrent events cannot both pass the transition check. The
 * same transaction appends shipments.TrackingEventRecorded: the subscriptions, the order's saga and
 * the vehicle's reservation all hear of it exactly when it committed.
 * Invalid input throws BAD_USER_INPUT before anything is written; an unknown shipment is NOT_FOUND; a
 * driver's event for a shipment on another vehicle is FORBIDDEN.
 */
export async function recordTrackingEvent(
  db: Db<Schema>,
  input: RecordTrackingEventInput,
  viewer: Viewer,
  events: EventWriter,
): Promise<RecordedTrackingEvent> {
  const shipmentId = parseId(input.shipmentId, 'input.shipmentId');
  const { lat, lng } = checkLocation(input.location, 'input.location');
  const note = input.note == null ? null : checkLength(input.note, 'input.note', 500, 0);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for('update');
    if (!current) throw notFound('Shipment', shipmentId);
    checkMayTrack(viewer, current);
    checkTransition(current.status, input.status);
    const occurredAt = nextTimestamp(current.updatedAt);
    const [event] = await tx
      .insert(trackingEvents)
      .values({ shipmentId, status: input.status, lat, lng, note, occurredAt })
      .returning();
    const [shipment] = await tx
      .update(shipments)
      .set({ status: input.status, lastLat: lat, lastLng: lng, updatedAt: occurredAt })
      .where(eq(shipments.id, shipmentId))
      .returning();
    assert(event && shipment, 'the locked shipment was written');
    const [open] = await tx
      .select({ n: count() })
      .from(shipments)
      .where(
        and(
          eq(shipments.orderId, shipment.orderId),
          notInArray(shipments.status, ['DELIVERED', 'CANCELLED']),
        ),
      );
    await events.append(tx, TrackingEventRecorded, {
      aggregateId: shipment.id,
      correlationId: shipment.orderId,
      payload: {
        trackingEventId: event.id,
        shipmentId: shipment.id,
        orderId: shipment.orderId,
        status: event.status,
        location: { lat: event.lat, lng: event.lng },
        note: event.note,
        occurredAt: event.occurredAt.toISOString(),
        undeliveredShipments: open?.n ?? 0,
      },
    });
    return { event, shipment };
  });
}
