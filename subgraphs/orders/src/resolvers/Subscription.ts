import { assert, notFound, parseId } from '@freightgraph/platform';
import { z } from 'zod';
import type { SubscriptionResolvers } from '../__generated__/resolvers';
import { orderUpdatesTopic } from '../consumers/live';
import type { Context } from '../context';
import { STEP_NAMES } from '../db/schema';
import type { OrderUpdateParent } from '../mappers';

const message = z.object({ orderId: z.string(), step: z.enum(STEP_NAMES) });

export const Subscription: SubscriptionResolvers = {
  orderUpdates: {
    // The row rule is checked up front: an order's customer never changes, so it holds for every step.
    subscribe: async (_parent, args, { loaders, pubsub }) => {
      const orderId = parseId(args.orderId, 'orderId');
      if (!(await loaders.order.load(orderId))) throw notFound('Order', orderId);
      return pubsub.subscribe([orderUpdatesTopic(orderId)]);
    },
    // Per event, with fresh loaders: the step as committed, the order as it is now.
    resolve: async (raw: unknown, _args: unknown, { loaders }: Context): Promise<OrderUpdateParent> => {
      const { orderId, step } = message.parse(raw);
      const row = (await loaders.steps.load(orderId)).find((s) => s.name === step);
      assert(row, `the ${step} step of order ${orderId} is committed before it is published`);
      return { orderId, step: row };
    },
  },
};
