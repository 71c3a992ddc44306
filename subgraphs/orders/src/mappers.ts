// Parent types codegen maps schema types to (see codegen.ts): resolvers receive store rows.
import type { Connection } from '@freightgraph/platform';
import type { FulfillmentStepRow, OrderLineRow, OrderRow } from './db/schema';

export type { FulfillmentStepRow, OrderLineRow, OrderRow };
/** What `orderUpdates` streams: the order's id (loaded fresh per event) and the step it took. */
export interface OrderUpdateParent {
  orderId: string;
  step: FulfillmentStepRow;
}
export type OrderConnectionParent = Connection<OrderRow>;
