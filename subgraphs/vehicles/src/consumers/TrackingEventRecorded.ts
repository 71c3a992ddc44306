import { on } from '@freightgraph/platform';
import { TrackingEventRecorded } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { releaseAndAnnounce } from './release';

/** A delivered shipment no longer rides on its vehicle: its reservation ends. */
export const onTrackingEventRecorded = on<typeof TrackingEventRecorded, Schema>(
  TrackingEventRecorded,
  async ({ tx, payload, emit }) => {
    if (payload.status !== 'DELIVERED') return;
    await releaseAndAnnounce(tx, emit, payload, 'DELIVERED');
  },
);
