// Parent types codegen maps schema types to (see codegen.ts): resolvers receive store rows.
import type { Connection } from '@freightgraph/platform';
import type { ShipmentRow, TrackingEventRow } from './db/schema';

export type { ShipmentRow, TrackingEventRow };
export type ShipmentConnectionParent = Connection<ShipmentRow>;
