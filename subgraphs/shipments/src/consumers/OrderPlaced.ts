import { on } from '@freightgraph/platform';
import { OrderPlaced } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { createShipmentFor } from '../domain/saga';

/** A placed order gets its shipment (or is refused when its address is outside the service area). */
export const onOrderPlaced = on<typeof OrderPlaced, Schema>(OrderPlaced, async ({ tx, payload, emit }) => {
  await createShipmentFor(tx, payload, emit);
});
