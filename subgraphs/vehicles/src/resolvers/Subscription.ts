import { badUserInput, parseId } from '@freightgraph/platform';
import type { SubscriptionResolvers } from '../__generated__/resolvers';
import { positionTopics, vehicleFrom } from '../events';

const MAX_VEHICLE_IDS = 100;

export const Subscription: SubscriptionResolvers = {
  vehiclePositions: {
    subscribe: (_parent, { vehicleIds }, { pubsub }) => {
      if (vehicleIds == null) return pubsub.subscribe([positionTopics.all]);
      if (vehicleIds.length === 0 || vehicleIds.length > MAX_VEHICLE_IDS) {
        throw badUserInput('vehicleIds', `give 1..${MAX_VEHICLE_IDS} ids, or null for every vehicle`);
      }
      const ids = vehicleIds.map((id, i) => parseId(id, `vehicleIds.${i}`));
      return pubsub.subscribe(ids.map(positionTopics.vehicle));
    },
    resolve: (message: unknown) => vehicleFrom(message),
  },
};
