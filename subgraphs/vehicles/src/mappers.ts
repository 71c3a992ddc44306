// Parent types codegen maps schema types to (see codegen.ts): resolvers receive store rows.
import type { Connection } from '@freightgraph/platform';
import type { VehicleRow } from './db/schema';

export type { VehicleRow };
export type VehicleConnectionParent = Connection<VehicleRow>;
