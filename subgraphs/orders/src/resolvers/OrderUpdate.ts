import { notFound } from '@freightgraph/platform';
import type { OrderUpdateResolvers } from '../__generated__/resolvers';

export const OrderUpdate: OrderUpdateResolvers = {
  order: async (update, _args, { loaders }) =>
    (await loaders.order.load(update.orderId)) ?? Promise.reject(notFound('Order', update.orderId)),
  step: (update) => update.step,
};
