import type { OrderResolvers } from '../__generated__/resolvers';

export const Order: OrderResolvers = {
  // The orders subgraph owns Order; this subgraph only contributes its shipments.
  __resolveReference: (reference) => reference,
  shipments: (order, _args, { loaders }) => loaders.shipmentsByOrder.load(order.id),
};
