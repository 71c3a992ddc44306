// Parent types codegen maps schema types to (see codegen.ts): resolvers receive store rows.
import type { Connection } from '@freightgraph/platform';
import type { VehiclePositionRow, VehicleRow } from './db/schema';

export type { VehiclePositionRow, VehicleRow };
export type VehicleConnectionParent = Connection<VehicleRow>;
