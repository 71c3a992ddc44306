import type { OrderLineResolvers } from '../__generated__/resolvers';

export const OrderLine: OrderLineResolvers = {
  totalCents: (line) => line.quantity * line.unitPriceCents,
};
