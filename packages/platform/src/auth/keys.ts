import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** The one signature algorithm of our own keys (access tokens in dev, internal tokens everywhere). */
export const KEY_ALGORITHM = 'ES256';

/** The two development keys: one signs users' access tokens, the other the gateway's internal tokens. */
export type DevKeyName = 'dev-access' | 'dev-internal';

/** A private JWK with the `kid` and `alg` a verifier selects it by. */
export type PrivateJwk = JWK & { kid: string; alg: string; d: string };

/** The folder of the development keys inside a data folder. */
export const devKeysDir = (dataDir: string) => join(dataDir, 'keys');

/**
 * The development key `name` under `<dataDir>/keys`, generated on first use. Every service of a fresh
 * `npm start` asks at once, so the key is written to a private temp file and then hard-linked into
 * place: `link` fails when the name exists, and every caller ends up reading the one winner.
 */
export async function ensureDevKey(dataDir: string, name: DevKeyName): Promise<PrivateJwk> {
  const dir = devKeysDir(dataDir);
  const path = join(dir, `${name}.private.jwk.json`);
  const existing = await readKey(path);
  if (existing) return existing;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair(KEY_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `${name}-${randomUUID()}`, alg: KEY_ALGORITHM };
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const key = await readKey(path);
  if (!key) throw new Error(`could not create the development key ${path}`);
  return key;
}

/** Reads a private JWK file; undefined when it does not exist. */
export async function readKey(path: string): Promise<PrivateJwk | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const jwk = JSON.parse(text) as Partial<PrivateJwk>;
  if (typeof jwk.kid !== 'string' || typeof jwk.alg !== 'string' || typeof jwk.d !== 'string') {
    throw new Error(`${path} is not a private JWK with kid and alg`);
  }
  return jwk as PrivateJwk;
}

/** The public half of a private JWK, as a one-key JWKS a verifier can use. */
export function publicJwks(key: PrivateJwk): { keys: JWK[] } {
  const { d: _private, ...publicKey } = key;
  return { keys: [{ ...publicKey, use: 'sig' }] };
}
