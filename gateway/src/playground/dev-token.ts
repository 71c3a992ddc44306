import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DevTokenRequestError,
  devTokenClaims,
  mintDevToken,
  ROLES,
  type Role,
  type RouteHandler,
  sendJson,
} from '@freightgraph/platform';
import type { SignInRole } from './shared';

/** Route of the development sign-in: `POST /dev/token {"role": "customer"}` → `{ token, claims }`. */
export const DEV_TOKEN_PATH = '/dev/token';

const LABELS: Record<Role, string> = {
  admin: 'Admin',
  dispatcher: 'Dispatcher',
  customer: 'Demo customer',
  driver: 'Demo driver',
};

/** The roles the playground's sign-in panel offers, with the demo customer and vehicle they see. */
export const SIGN_IN_ROLES: SignInRole[] = (['admin', 'dispatcher', 'customer', 'driver'] as const).map(
  (role) => {
    const { customerId, vehicleId } = devTokenClaims({ role });
    const detail = customerId ? `customer ${customerId}` : vehicleId ? `vehicle ${vehicleId}` : undefined;
    return { role, label: LABELS[role], detail };
  },
);

export interface DevTokenOptions {
  /** Where the development keys live (`<DATA_DIR>/keys`), as for `npm run token`. */
  dataDir: string;
  issuer?: string | undefined;
  audience?: string | undefined;
}

const MAX_BODY_BYTES = 4_096;

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new DevTokenRequestError(`the body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new DevTokenRequestError('the body is not valid JSON');
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Mints development tokens for the playground's sign-in, with the key `npm run token` uses. Registered
 * only outside production and only while the gateway trusts that key (no identity provider set).
 * JSON only: a cross-site form cannot post it, and without CORS headers no other origin reads the answer.
 */
export function createDevTokenRoute(options: DevTokenOptions): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { error: 'send {"role": "..."} as application/json' });
    }
    try {
      const body = await readJson(req);
      const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const role = str(fields.role);
      if (!role || !(ROLES as readonly string[]).includes(role))
        throw new DevTokenRequestError(`role must be one of ${ROLES.join(', ')}`);
      const minted = await mintDevToken(
        options.dataDir,
        { role: role as Role, customerId: str(fields.customerId), vehicleId: str(fields.vehicleId) },
        { issuer: options.issuer, audience: options.audience },
      );
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 200, minted);
    } catch (error) {
      if (error instanceof DevTokenRequestError) return sendJson(res, 400, { error: error.message });
      throw error;
    }
  };
}
