import { badUserInput, parseId, type Viewer } from '@freightgraph/platform';
import type { Maybe, SubscriptionResolvers } from '../__generated__/resolvers';
import { streamableVehicleIds } from '../access';
import type { VehiclePositionRow } from '../db/schema';
import { positionStream } from '../domain/position-history';
import { positionTopics, vehicleFrom } from '../events';

const MAX_VEHICLE_IDS = 100;

/** The vehicles a subscription follows (null: all), checked and allowed for the viewer. */
function followed(viewer: Viewer, vehicleIds: Maybe<string[]> | undefined): string[] | null {
  if (vehicleIds != null && (vehicleIds.length === 0 || vehicleIds.length > MAX_VEHICLE_IDS)) {
    throw badUserInput('vehicleIds', `give 1..${MAX_VEHICLE_IDS} ids, or null for every vehicle`);
  }
  const requested = vehicleIds?.map((id, i) => parseId(id, `vehicleIds.${i}`)) ?? null;
  return streamableVehicleIds(viewer, requested);
}

export const Subscription: SubscriptionResolvers = {
  vehiclePositions: {
    subscribe: (_parent, { vehicleIds }, { pubsub, viewer }) => {
      const ids = followed(viewer, vehicleIds);
      return pubsub.subscribe(ids ? ids.map(positionTopics.vehicle) : [positionTopics.all]);
    },
    resolve: (message: unknown) => vehicleFrom(message),
  },

  // Resumable, from the position history; the row rule also applies to every report read, replayed ones included.
  vehiclePositionUpdates: {
    subscribe: (_parent, { vehicleIds, after }, { db, pubsub, viewer, replay }) =>
      positionStream({
        db,
        pubsub,
        viewer,
        vehicleIds: followed(viewer, vehicleIds),
        after,
        retentionMs: replay.retentionMs,
      }),
    resolve: (report: VehiclePositionRow) => report,
  },
};
