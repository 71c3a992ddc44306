import type { CustomerResolvers } from '../__generated__/resolvers';

export const Customer: CustomerResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.customer.load(reference.id),
};
