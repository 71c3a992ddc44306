import type { FulfillmentResolvers } from '../__generated__/resolvers';
import { fulfillmentState } from '../domain/fulfillment';

export const Fulfillment: FulfillmentResolvers = {
  state: async (order, _args, { loaders }) =>
    fulfillmentState(order.status, await loaders.steps.load(order.id)),
  steps: (order, _args, { loaders }) => loaders.steps.load(order.id),
};
