import { DateTime } from '@freightgraph/platform';
import type { Resolvers } from '../__generated__/resolvers';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { Vehicle } from './Vehicle';
import { VehiclePositionUpdate } from './VehiclePositionUpdate';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Subscription,
  Vehicle,
  VehiclePositionUpdate,
};
