// Parent types codegen maps schema types to (see codegen.ts): resolvers receive store rows.
import type { Connection } from '@freightgraph/platform';
import type { OrderLineRow, OrderRow } from './db/schema';

export type { OrderLineRow, OrderRow };
export type OrderConnectionParent = Connection<OrderRow>;
