import { notFound } from '@freightgraph/platform';
import type { OrderUpdateResolvers } from '../__generated__/resolvers';
import { orderUpdateCursor } from '../domain/order-updates';

export const OrderUpdate: OrderUpdateResolvers = {
  cursor: (update) => orderUpdateCursor.encode(update.step.seq),
  order: async (update, _args, { loaders }) =>
    (await loaders.order.load(update.orderId)) ?? Promise.reject(notFound('Order', update.orderId)),
  step: (update) => update.step,
};
