import type { FulfillmentStepResolvers } from '../__generated__/resolvers';
import { orderUpdateCursor } from '../domain/order-updates';

export const FulfillmentStep: FulfillmentStepResolvers = {
  // The same cursor the step carries in `orderUpdates`: a client that read the order resumes from it.
  cursor: (step) => orderUpdateCursor.encode(step.seq),
};
