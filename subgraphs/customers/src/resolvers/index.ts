import { DateTime } from '@freightgraph/platform';
import type { Resolvers } from '../__generated__/resolvers';
import { Customer } from './Customer';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime, Query, Customer };
