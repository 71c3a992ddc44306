import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { z } from 'zod';
import { ensureDevKey, publicJwks } from './keys';
import { createInternalTokenVerifier, type InternalTokenVerifier } from './tokens';

/** Every subgraph's env fields for verifying the gateway's internal tokens. */
export const internalAuthEnv = {
  /** A JWKS URL serving the gateway's internal public keys (production). */
  INTERNAL_JWKS_URL: z.url().optional(),
  /** A JWKS file with the gateway's internal public keys (production; e.g. a mounted secret). */
  INTERNAL_JWKS_FILE: z.string().min(1).optional(),
};

/**
 * zod `superRefine` for a subgraph config: production must name the gateway's keys; only development
 * falls back to the generated key under DATA_DIR.
 */
export function requireInternalJwksInProduction(
  config: {
    NODE_ENV: string;
    INTERNAL_JWKS_URL?: string | undefined;
    INTERNAL_JWKS_FILE?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && !config.INTERNAL_JWKS_URL && !config.INTERNAL_JWKS_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: ['INTERNAL_JWKS_URL'],
      message: 'required in production (or INTERNAL_JWKS_FILE): the gateway keys subgraphs trust',
    });
  }
}

/** The internal-token check a subgraph runs, from its parsed config. */
export async function loadInternalTokenVerifier(config: {
  NODE_ENV: string;
  DATA_DIR: string;
  INTERNAL_JWKS_URL?: string | undefined;
  INTERNAL_JWKS_FILE?: string | undefined;
}): Promise<InternalTokenVerifier> {
  if (config.INTERNAL_JWKS_URL) return createInternalTokenVerifier(new URL(config.INTERNAL_JWKS_URL));
  if (config.INTERNAL_JWKS_FILE) {
    const jwks = JSON.parse(await readFile(config.INTERNAL_JWKS_FILE, 'utf8')) as { keys?: JWK[] };
    if (!Array.isArray(jwks.keys)) throw new Error(`${config.INTERNAL_JWKS_FILE} is not a JWKS`);
    return createInternalTokenVerifier({ keys: jwks.keys });
  }
  if (config.NODE_ENV === 'production')
    throw new Error('INTERNAL_JWKS_URL or INTERNAL_JWKS_FILE is required');
  return createInternalTokenVerifier(publicJwks(await ensureDevKey(config.DATA_DIR, 'dev-internal')));
}
