// Parent types codegen maps schema types to (see codegen.ts): resolvers receive store rows.
import type { Connection } from '@freightgraph/platform';
import type { CustomerRow } from './db/schema';

export type { CustomerRow };
export type CustomerConnectionParent = Connection<CustomerRow>;
