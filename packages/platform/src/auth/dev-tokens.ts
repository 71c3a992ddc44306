import { demoCustomerId, demoVehicleId } from '../demo';
import { ensureDevKey } from './keys';
import { type AccessTokenClaims, signAccessToken } from './tokens';
import { ROLES, type Role } from './viewer';

/** What a development sign-in asks for: a role, and for customers and drivers whose rows they see. */
export interface DevTokenRequest {
  role: Role;
  /** Only with `customer`; default: the first demo customer. */
  customerId?: string | undefined;
  /** Only with `driver`; default: the first demo vehicle. */
  vehicleId?: string | undefined;
  /** Default `dev-<role>`. */
  sub?: string | undefined;
  /** A duration such as `12h` or `90m` (a number would be an absolute time to jose); default 12 hours. */
  expiresIn?: string | undefined;
}

/** A request that names no role or mixes claims (a vehicle for a customer); the message says which. */
export class DevTokenRequestError extends Error {}

/** The claims of a development token: the demo customer or vehicle filled in where the role needs one. */
export function devTokenClaims(request: DevTokenRequest): AccessTokenClaims {
  const { role } = request;
  if (!ROLES.includes(role)) throw new DevTokenRequestError(`role must be one of ${ROLES.join(', ')}`);
  if (request.customerId && role !== 'customer')
    throw new DevTokenRequestError('a customer id goes with the customer role');
  if (request.vehicleId && role !== 'driver')
    throw new DevTokenRequestError('a vehicle id goes with the driver role');
  return {
    sub: request.sub ?? `dev-${role}`,
    role,
    customerId: role === 'customer' ? (request.customerId ?? demoCustomerId(0)) : undefined,
    vehicleId: role === 'driver' ? (request.vehicleId ?? demoVehicleId(0)) : undefined,
  };
}

export interface DevToken {
  token: string;
  claims: AccessTokenClaims;
}

/**
 * Signs a development access token with the `dev-access` key under `dataDir` (generated if missing),
 * the key a gateway without an identity provider trusts. Used by `npm run token` and the playground's
 * sign-in; never in production, where tokens come from the identity provider.
 */
export async function mintDevToken(
  dataDir: string,
  request: DevTokenRequest,
  options: { issuer?: string | undefined; audience?: string | undefined } = {},
): Promise<DevToken> {
  const claims = devTokenClaims(request);
  const key = await ensureDevKey(dataDir, 'dev-access');
  const token = await signAccessToken(key, claims, {
    expiresIn: request.expiresIn ?? '12h',
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  });
  return { token, claims };
}
