import { DateTime } from '@freightgraph/platform';
import type { Resolvers } from '../__generated__/resolvers';
import { Query } from './Query';
import { Vehicle } from './Vehicle';

export const resolvers: Resolvers = { DateTime, Query, Vehicle };
