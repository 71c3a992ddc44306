import { env } from '@freightgraph/platform';
import { z } from 'zod';

/** Asymmetric algorithms only: a shared-secret (HS*) or `none` token is refused whatever its claims. */
export const ACCESS_TOKEN_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'EdDSA', 'RS256', 'PS256'] as const;

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

// Like env.bool, but absent stays absent so the default can depend on NODE_ENV.
const optionalBool = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes'));

/**
 * How the gateway treats callers: `required` refuses requests without a valid token; `optional` serves
 * a caller without a token as the anonymous viewer (a token that is present must still be valid);
 * `off` does no authentication at all, for a graph whose subgraphs do their own.
 */
export const AUTH_MODES = ['required', 'optional', 'off'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The gateway's security settings; spread into its config schema. Defaults are production-safe. */
export const securityEnv = {
  AUTH_MODE: z.enum(AUTH_MODES).default('required'),
  /** Production refuses AUTH_MODE=off unless this says, in so many words, that it is meant. */
  ALLOW_UNAUTHENTICATED_PRODUCTION: env.bool(false),
  /** Folder of the development keys (`<DATA_DIR>/keys`), used only outside production. */
  DATA_DIR: env.dataDir(),
  /** JWKS of the identity provider that signs access tokens (required in production). */
  AUTH_JWKS_URL: env.optionalUrl(),
  /** Expected `iss` and `aud` of access tokens (required in production; dev: the `npm run token` ones). */
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_ALGORITHMS: z
    .string()
    .default('ES256')
    .transform((list) => list.split(',').map((a) => a.trim()))
    .pipe(z.array(z.enum(ACCESS_TOKEN_ALGORITHMS)).min(1)),
  AUTH_CLOCK_TOLERANCE_S: int(0, 300, 5),
  /** Private JWK the gateway signs internal tokens with (required in production). */
  INTERNAL_SIGNING_KEY_FILE: z.string().min(1).optional(),
  INTERNAL_TOKEN_TTL_S: int(10, 600, 60),
  /** Trust a verified access token for up to a minute (never past its `exp`); off checks every request. */
  TOKEN_CACHE: env.bool(true),
  /** Allow introspection; default follows PLAYGROUND (on in development, off in production). */
  INTROSPECTION: optionalBool(),
  MAX_DEPTH: int(1, 100, 15),
  MAX_ALIASES: int(0, 1_000, 15),
  MAX_ROOT_FIELDS: int(1, 100, 10),
  MAX_TOKENS: int(100, 100_000, 5_000),
  MAX_COST: int(1, 10_000_000, 10_000),
  /** Token bucket per subject (or IP when anonymous): capacity, and tokens added per second. */
  RATE_LIMIT_BURST: int(1, 1_000_000, 200),
  RATE_LIMIT_PER_SECOND: int(1, 1_000_000, 50),
  /** Shares the rate limit across gateway instances. */
  REDIS_URL: env.optionalUrl(),
  /** Whole request (headers and body) must arrive within this; slow clients are cut off. */
  REQUEST_TIMEOUT_MS: int(1_000, 300_000, 30_000),
  /** Automatic persisted queries (a client may register any query by its hash). */
  APQ: env.bool(true),
  /** Trusted documents: a `{ "<sha256>": "<document>" }` manifest; when set, nothing else runs. */
  TRUSTED_DOCUMENTS_PATH: z.string().min(1).optional(),
};

type ProductionKeys = 'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'INTERNAL_SIGNING_KEY_FILE';
type SecurityEnv = {
  NODE_ENV: string;
  AUTH_MODE: AuthMode;
  ALLOW_UNAUTHENTICATED_PRODUCTION: boolean;
} & { [K in ProductionKeys]?: string | undefined };

/**
 * zod `superRefine`: production must name its identity provider and signing key (no dev fallback),
 * and may run without authentication only when told so explicitly.
 */
export function requireProductionSecurity(config: SecurityEnv, ctx: z.RefinementCtx): void {
  if (config.NODE_ENV !== 'production') return;
  if (config.AUTH_MODE === 'off') {
    if (!config.ALLOW_UNAUTHENTICATED_PRODUCTION) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message:
          'off in production also needs ALLOW_UNAUTHENTICATED_PRODUCTION=true (the subgraphs must do their own auth)',
      });
    }
    // No tokens are verified nor minted: no keys to name.
    return;
  }
  for (const key of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'INTERNAL_SIGNING_KEY_FILE'] as const) {
    if (!config[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required in production' });
  }
}
