import type { OrderResolvers } from '../__generated__/resolvers';

export const Order: OrderResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.order.load(reference.id),
  // A reference only: the customers subgraph owns the customer and resolves the rest.
  customer: (order) => ({ id: order.customerId }),
  lines: (order, _args, { loaders }) => loaders.lines.load(order.id),
  totalWeightKg: (order) => order.totalWeightGrams / 1000,
  // The Fulfillment resolvers read the order row itself (state) and its steps.
  fulfillment: (order) => order,
};
