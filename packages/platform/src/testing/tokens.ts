import { ensureDevKey, publicJwks } from '../auth/keys';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  type InternalTokenVerifier,
  signAccessToken,
} from '../auth/tokens';
import { ROLE_SCOPES, type Role, type Viewer } from '../auth/viewer';
import { demoCustomerId, demoVehicleId } from '../demo';

/** The demo customer and vehicle a test token of that role is about, unless the test names others. */
export const TEST_CUSTOMER_ID = demoCustomerId(0);
export const TEST_VEHICLE_ID = demoVehicleId(0);

export interface TokenOptions {
  sub?: string;
  customerId?: string;
  vehicleId?: string;
}

/** A viewer as the gateway would verify it, for tier-one tests that skip the gateway. */
export function testViewer(role: Role, options: TokenOptions = {}): Viewer & { role: Role } {
  return {
    sub: options.sub ?? `test-${role}`,
    role,
    scopes: ROLE_SCOPES[role],
    ...(role === 'customer' ? { customerId: options.customerId ?? TEST_CUSTOMER_ID } : {}),
    ...(role === 'driver' ? { vehicleId: options.vehicleId ?? TEST_VEHICLE_ID } : {}),
  };
}

/**
 * Tokens for tests against real processes, signed with the development keys under the graph's
 * `dataDir`: the same keys the services generated and trust.
 */
export function testTokens(dataDir: string) {
  const internalSigner = ensureDevKey(dataDir, 'dev-internal').then((key) => createInternalTokenSigner(key));
  return {
    /** `Bearer <access token>` for a role (customer and driver default to demo customer 0 / vehicle 0). */
    async bearer(role: Role, options: TokenOptions = {}): Promise<string> {
      const viewer = testViewer(role, options);
      const key = await ensureDevKey(dataDir, 'dev-access');
      return `Bearer ${await signAccessToken(key, viewer)}`;
    },
    /** Headers for a request as that role. */
    async headers(role: Role, options: TokenOptions = {}): Promise<Record<string, string>> {
      return { authorization: await this.bearer(role, options) };
    },
    /** The subgraphs' check of internal tokens, for services a test starts itself. */
    async verifier(): Promise<InternalTokenVerifier> {
      return createInternalTokenVerifier(publicJwks(await ensureDevKey(dataDir, 'dev-internal')));
    },
    /** `Bearer <internal token>` as the gateway would send it to a subgraph. */
    async internal(role: Role, options: TokenOptions = {}): Promise<string> {
      return (await internalSigner).authorizationFor(testViewer(role, options));
    },
  };
}

export type TestTokens = ReturnType<typeof testTokens>;
