/**
 * Tools for the hostile-request suite: raw HTTP (so a request can be as malformed as an attacker
 * likes) and tokens forged every way the gateway must refuse.
 */
import { ensureDevKey, signAccessToken } from '@freightgraph/platform';
import { exportJWK, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';

export interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** Sends exactly these bytes with exactly these headers. */
export async function raw(
  url: string,
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  method = 'POST',
): Promise<Answer> {
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: Answer['body'];
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    parsed = { errors: [{ message: text, extensions: { code: `HTTP_${response.status}` } }] };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A GraphQL request as JSON with optional headers. */
export function gql(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return raw(url, JSON.stringify({ query, variables }), { 'content-type': 'application/json', ...headers });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Tokens that must all be refused with UNAUTHENTICATED, each wrong in one way. */
export function forgeries(dataDir: string) {
  const claims = { sub: 'mallory', role: 'admin' };
  const devKey = () => ensureDevKey(dataDir, 'dev-access');
  const signWith = async (
    payload: JWTPayload,
    edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
    key?: Awaited<ReturnType<typeof devKey>>,
  ) => {
    const jwk = key ?? (await devKey());
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid })
      .setIssuer('freightgraph-dev')
      .setAudience('freightgraph')
      .setIssuedAt()
      .setExpirationTime('1h');
    return `Bearer ${await edit(jwt).sign(await importJWK(jwk, jwk.alg))}`;
  };
  return {
    /** `alg: none`, no signature. */
    none: async () =>
      `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: 'freightgraph-dev', aud: 'freightgraph', exp: now() + 3600 })}.`,
    /** HS256 keyed with the public key: the classic algorithm confusion. */
    hs256: async () => {
      const { d: _private, ...publicJwk } = await devKey();
      const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid })
        .setIssuer('freightgraph-dev')
        .setAudience('freightgraph')
        .setExpirationTime('1h')
        .sign(secret);
      return `Bearer ${token}`;
    },
    /** A valid customer token whose payload was edited to say admin. */
    tampered: async () => {
      const token = await signAccessToken(await devKey(), {
        sub: 'mallory',
        role: 'customer',
        customerId: '00000000-0000-4000-8000-000000000001',
      });
      const [header, , signature] = token.split('.');
      return `Bearer ${header}.${base64url({ ...claims, iss: 'freightgraph-dev', aud: 'freightgraph', exp: now() + 3600 })}.${signature}`;
    },
    /** Signed by a key of the attacker's, under the dev key's kid. */
    foreignKey: async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const dev = await devKey();
      const foreign = { ...(await exportJWK(privateKey)), kid: dev.kid, alg: 'ES256' } as typeof dev;
      return signWith(claims, undefined, foreign);
    },
    expired: () => signWith(claims, (jwt) => jwt.setIssuedAt(now() - 7200).setExpirationTime(now() - 3600)),
    notYetValid: () => signWith(claims, (jwt) => jwt.setNotBefore(now() + 3600)),
    wrongIssuer: () => signWith(claims, (jwt) => jwt.setIssuer('https://evil.example')),
    wrongAudience: () => signWith(claims, (jwt) => jwt.setAudience('someone-else')),
    unknownRole: () => signWith({ sub: 'mallory', role: 'superuser' }),
    customerWithoutCustomer: () => signWith({ sub: 'mallory', role: 'customer' }),
    noExpiry: async () => {
      const jwk = await devKey();
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid })
        .setIssuer('freightgraph-dev')
        .setAudience('freightgraph')
        .sign(await importJWK(jwk, jwk.alg));
      return `Bearer ${token}`;
    },
  };
}

/** An internal token (for a direct subgraph call) that is expired, or signed by a stranger. */
export async function forgedInternal(dataDir: string, kind: 'expired' | 'foreign'): Promise<string> {
  const dev = await ensureDevKey(dataDir, 'dev-internal');
  const key =
    kind === 'foreign'
      ? ({
          ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)),
          kid: dev.kid,
          alg: 'ES256',
        } as typeof dev)
      : dev;
  const jwt = new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'fg-internal+jwt' })
    .setSubject('mallory')
    .setIssuer('freightgraph-gateway')
    .setAudience('freightgraph-subgraphs');
  if (kind === 'expired') jwt.setIssuedAt(now() - 600).setExpirationTime(now() - 300);
  else jwt.setIssuedAt().setExpirationTime('1m');
  return `Bearer ${await jwt.sign(await importJWK(key, 'ES256'))}`;
}
