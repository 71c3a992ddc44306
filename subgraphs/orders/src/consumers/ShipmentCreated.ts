import { on } from '@freightgraph/platform';
import { ShipmentCreated } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { shipmentCreated } from '../domain/saga';

export const onShipmentCreated = on<typeof ShipmentCreated, Schema>(ShipmentCreated, ({ tx, payload }) =>
  shipmentCreated(tx, payload.orderId),
);
