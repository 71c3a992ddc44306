/**
 * `npm run token -- --role <admin|dispatcher|driver|customer> [--customer <id>] [--vehicle <id>]`:
 * prints a development access token as the last line of its output, signed with the key the embedded
 * default generated under DATA_DIR (created here if the graph never started). Production tokens come
 * from the identity provider, never from here. The playground's sign-in mints the same tokens.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  DevTokenRequestError,
  env,
  mintDevToken,
  parseConfig,
  type Role,
} from '@freightgraph/platform';
import { z } from 'zod';

const config = parseConfig('token', z.object({ DATA_DIR: env.dataDir(), NODE_ENV: env.nodeEnv() }));

function fail(message: string): never {
  console.error(`token: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    customer: { type: 'string' },
    vehicle: { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
  strict: true,
});

if (config.NODE_ENV === 'production')
  fail('development tokens only; production tokens come from your identity provider');
const dataDir = resolve(config.DATA_DIR);
const { token, claims } = await mintDevToken(dataDir, {
  role: values.role as Role,
  customerId: values.customer,
  vehicleId: values.vehicle,
  sub: values.sub,
  expiresIn: values.ttl,
}).catch((error: unknown) => {
  if (error instanceof DevTokenRequestError) fail(error.message.replace(/^role/, '--role'));
  throw error;
});

const { role, customerId, vehicleId } = claims;
console.log(
  `role ${role}${customerId ? `, customer ${customerId}` : ''}${vehicleId ? `, vehicle ${vehicleId}` : ''}`,
);
console.log(
  `signed with ${dataDir === DEFAULT_DATA_DIR ? 'the default' : dataDir} dev key, valid ${values.ttl}`,
);
console.log('Use it as the header  Authorization: Bearer <token>');
console.log(token);
