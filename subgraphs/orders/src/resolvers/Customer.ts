import { isUuid, parsePage, toConnection } from '@freightgraph/platform';
import type { CustomerResolvers } from '../__generated__/resolvers';

export const Customer: CustomerResolvers = {
  // Customers are owned elsewhere; here a customer is its key. A malformed key cannot name one.
  __resolveReference: (reference) => (isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null),

  orders: async (customer, args, { loaders }) => {
    const { first, after } = parsePage(args);
    const rows = await loaders.customerOrders.load({ customerId: customer.id, first, after });
    return toConnection(rows, first, () => loaders.customerOrderCount.load(customer.id));
  },
};
