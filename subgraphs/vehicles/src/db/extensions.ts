import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';

/** The PGlite contrib extensions the migrations create (nearest-vehicle search); PostgreSQL has its own. */
export const extensions = { cube, earthdistance };
