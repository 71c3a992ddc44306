import { DateTime } from '@freightgraph/platform';
import type { Resolvers } from '../__generated__/resolvers';
import { Mutation } from './Mutation';
import { Order } from './Order';
import { Query } from './Query';
import { Shipment } from './Shipment';
import { Subscription } from './Subscription';
import { TrackingEvent } from './TrackingEvent';
import { Vehicle } from './Vehicle';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Subscription,
  Shipment,
  TrackingEvent,
  Order,
  Vehicle,
};
