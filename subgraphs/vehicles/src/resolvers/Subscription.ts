import { badUserInput, parseId } from '@freightgraph/platform';
import type { SubscriptionResolvers } from '../__generated__/resolvers';
import { streamableVehicleIds } from '../access';
import { positionTopics, vehicleFrom } from '../events';

const MAX_VEHICLE_IDS = 100;

export const Subscription: SubscriptionResolvers = {
  vehiclePositions: {
    subscribe: (_parent, { vehicleIds }, { pubsub, viewer }) => {
      if (vehicleIds != null && (vehicleIds.length === 0 || vehicleIds.length > MAX_VEHICLE_IDS)) {
        throw badUserInput('vehicleIds', `give 1..${MAX_VEHICLE_IDS} ids, or null for every vehicle`);
      }
      const requested = vehicleIds?.map((id, i) => parseId(id, `vehicleIds.${i}`)) ?? null;
      const ids = streamableVehicleIds(viewer, requested);
      return pubsub.subscribe(ids ? ids.map(positionTopics.vehicle) : [positionTopics.all]);
    },
    resolve: (message: unknown) => vehicleFrom(message),
  },
};
