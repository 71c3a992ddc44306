import { DateTime } from '@freightgraph/platform';
import type { Resolvers } from '../__generated__/resolvers';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Vehicle } from './Vehicle';

export const resolvers: Resolvers = { DateTime, Query, Mutation, Vehicle };
