import { on } from '@freightgraph/platform';
import { TrackingEventRecorded } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { shipmentTracked } from '../domain/saga';

export const onTrackingEventRecorded = on<typeof TrackingEventRecorded, Schema>(
  TrackingEventRecorded,
  ({ tx, payload, emit }) => shipmentTracked(tx, payload, emit),
);
