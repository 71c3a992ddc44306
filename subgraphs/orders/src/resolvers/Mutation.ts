import type { MutationResolvers } from '../__generated__/resolvers';
import { cancelOrder } from '../domain/cancel-order';
import { placeOrder } from '../domain/place-order';

export const Mutation: MutationResolvers = {
  placeOrder: (_parent, { input }, { db, events, viewer }) => placeOrder(db, input, viewer, events),
  cancelOrder: (_parent, args, { db, events, viewer }) => cancelOrder(db, args.id, viewer, events),
};
