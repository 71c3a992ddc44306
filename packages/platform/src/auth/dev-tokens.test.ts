import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCustomerId, demoVehicleId } from '../demo';
import { DevTokenRequestError, devTokenClaims, mintDevToken } from './dev-tokens';
import { ensureDevKey, publicJwks } from './keys';
import type { Role } from './viewer';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('development tokens', () => {
  it('fill in the demo customer or vehicle the role needs, and nothing else', () => {
    expect(devTokenClaims({ role: 'admin' })).toEqual({ sub: 'dev-admin', role: 'admin' });
    expect(devTokenClaims({ role: 'customer' })).toMatchObject({ customerId: demoCustomerId(0) });
    expect(devTokenClaims({ role: 'driver', vehicleId: demoVehicleId(3) })).toMatchObject({
      sub: 'dev-driver',
      vehicleId: demoVehicleId(3),
    });
  });

  it('refuse an unknown role and claims that do not go with the role', () => {
    expect(() => devTokenClaims({ role: 'root' as Role })).toThrow(DevTokenRequestError);
    expect(() => devTokenClaims({ role: 'admin', customerId: demoCustomerId(1) })).toThrow(/customer role/);
    expect(() => devTokenClaims({ role: 'customer', vehicleId: demoVehicleId(1) })).toThrow(/driver role/);
  });

  it('are signed with the dev access key under the data dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fg-dev-token-'));
    dirs.push(dir);
    const { token, claims } = await mintDevToken(dir, { role: 'customer', expiresIn: '60s' });
    const keys = createLocalJWKSet(publicJwks(await ensureDevKey(dir, 'dev-access')));
    const { payload } = await jwtVerify(token, keys, {
      issuer: 'freightgraph-dev',
      audience: 'freightgraph',
    });
    expect(payload).toMatchObject({ sub: 'dev-customer', role: 'customer', customerId: claims.customerId });
    expect(payload.exp! - payload.iat!).toBe(60);
  });
});
