import { DateTime } from '@freightgraph/platform';
import type { Resolvers } from '../__generated__/resolvers';
import { Customer } from './Customer';
import { Mutation } from './Mutation';
import { Order } from './Order';
import { OrderLine } from './OrderLine';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime, Query, Mutation, Order, OrderLine, Customer };
