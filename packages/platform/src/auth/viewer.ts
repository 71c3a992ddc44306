import { GraphQLError } from 'graphql';

/** The four roles of the graph; see docs/SECURITY.md for what each may do. */
export const ROLES = ['admin', 'dispatcher', 'driver', 'customer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Capabilities, declared on the SDL with `@requiresScopes`. Row-level rules (a customer's own rows, a
 * driver's own vehicle) come on top, in each subgraph's resolvers and loaders.
 */
export const SCOPES = [
  'customers:read',
  'customers:pii',
  'orders:read',
  'orders:write',
  'shipments:read',
  'shipments:assign',
  'tracking:write',
  'vehicles:read',
  'vehicles:position',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Scopes come from the role, never from the token: the gateway is the one authority on what a role may do. */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: SCOPES,
  dispatcher: [
    'customers:read',
    'customers:pii',
    'orders:read',
    'shipments:read',
    'shipments:assign',
    'vehicles:read',
  ],
  // Drivers see their vehicle and its shipments; no customer records, so no contact details either.
  driver: ['shipments:read', 'tracking:write', 'vehicles:read', 'vehicles:position'],
  customer: ['customers:read', 'customers:pii', 'orders:read', 'orders:write', 'shipments:read'],
};

/**
 * The role of a caller the gateway serves without a token (AUTH_MODE=optional). Not in ROLES: an access
 * token can never claim it; only the gateway's internal token carries it.
 */
export const ANONYMOUS_ROLE = 'anonymous';

/** Who is asking: verified at the gateway, carried to the subgraphs in the internal token. */
export interface Viewer {
  /** The subject of the caller's token. */
  sub: string;
  /** `anonymous` only for the gateway's anonymous viewer (AUTH_MODE=optional); no access token has it. */
  role: Role | typeof ANONYMOUS_ROLE;
  scopes: readonly Scope[];
  /** Set for (and required of) the `customer` role: the only customer whose data they see. */
  customerId?: string | undefined;
  /** Set for (and required of) the `driver` role: the only vehicle whose shipments they see. */
  vehicleId?: string | undefined;
}

export const AuthErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
} as const;

/** 401: no identity, or one we cannot verify. The message never says which check failed. */
export function unauthenticated(message = 'A valid bearer token is required'): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: AuthErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/** The caller is known but may not do this. */
export function forbidden(message = 'Not allowed for this viewer'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: AuthErrorCode.FORBIDDEN } });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SUBJECT = /^[\x21-\x7e]{1,200}$/;

const uuidClaim = (value: unknown) =>
  typeof value === 'string' && UUID.test(value.toLowerCase()) ? value.toLowerCase() : undefined;

/**
 * Builds the viewer from verified claims (`role`, `customerId`, `vehicleId`), or undefined when they do
 * not describe one: an unknown role, a customer without a customer id, a driver without a vehicle.
 */
export function viewerFromClaims(claims: Record<string, unknown>): Viewer | undefined {
  const { sub, role, customerId, vehicleId } = claims;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) return undefined;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return undefined;
  const cid = uuidClaim(customerId);
  const vid = uuidClaim(vehicleId);
  if (role === 'customer' && !cid) return undefined;
  if (role === 'driver' && !vid) return undefined;
  const viewer: Viewer = { sub, role: role as Role, scopes: ROLE_SCOPES[role as Role] };
  if (role === 'customer') viewer.customerId = cid;
  if (role === 'driver') viewer.vehicleId = vid;
  return viewer;
}

/**
 * The viewer of an anonymous caller: no scopes, so row rules show it nothing and `@authenticated` /
 * `@requiresScopes` refuse it with UNAUTHENTICATED; only unannotated fields answer.
 */
export const ANONYMOUS_VIEWER: Viewer = Object.freeze({ sub: 'anonymous', role: ANONYMOUS_ROLE, scopes: [] });

export function isAnonymous(viewer: Viewer | undefined): boolean {
  return viewer?.role === ANONYMOUS_ROLE;
}

export function hasScope(viewer: Viewer, scope: Scope): boolean {
  return viewer.scopes.includes(scope);
}

/** Throws FORBIDDEN unless the viewer holds `scope`. */
export function requireScope(viewer: Viewer, scope: Scope): void {
  if (!hasScope(viewer, scope)) throw forbidden(`Requires the ${scope} scope`);
}
