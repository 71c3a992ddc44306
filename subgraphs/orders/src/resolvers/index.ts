import { DateTime } from '@freightgraph/platform';
import type { Resolvers } from '../__generated__/resolvers';
import { Customer } from './Customer';
import { Fulfillment } from './Fulfillment';
import { FulfillmentStep } from './FulfillmentStep';
import { Mutation } from './Mutation';
import { Order } from './Order';
import { OrderLine } from './OrderLine';
import { OrderUpdate } from './OrderUpdate';
import { Query } from './Query';
import { Subscription } from './Subscription';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Subscription,
  Order,
  OrderLine,
  OrderUpdate,
  Fulfillment,
  FulfillmentStep,
  Customer,
};
