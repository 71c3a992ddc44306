/**
 * `npm run token -- --role <admin|dispatcher|driver|customer> [--customer <id>] [--vehicle <id>]`:
 * prints a development access token as the last line of its output, signed with the key the embedded
 * default generated under DATA_DIR (created here if the graph never started). Production tokens come
 * from the identity provider, never from here.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  demoCustomerId,
  demoVehicleId,
  ensureDevKey,
  env,
  parseConfig,
  ROLES,
  type Role,
  signAccessToken,
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
const role = values.role as Role | undefined;
if (!role || !ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (values.customer && role !== 'customer') fail('--customer goes with --role customer');
if (values.vehicle && role !== 'driver') fail('--vehicle goes with --role driver');

const customerId = role === 'customer' ? (values.customer ?? demoCustomerId(0)) : undefined;
const vehicleId = role === 'driver' ? (values.vehicle ?? demoVehicleId(0)) : undefined;
const dataDir = resolve(config.DATA_DIR);
const key = await ensureDevKey(dataDir, 'dev-access');
const token = await signAccessToken(
  key,
  { sub: values.sub ?? `dev-${role}`, role, customerId, vehicleId },
  { expiresIn: values.ttl },
);

console.log(
  `role ${role}${customerId ? `, customer ${customerId}` : ''}${vehicleId ? `, vehicle ${vehicleId}` : ''}`,
);
console.log(
  `signed with ${dataDir === DEFAULT_DATA_DIR ? 'the default' : dataDir} dev key, valid ${values.ttl}`,
);
console.log('Use it as the header  Authorization: Bearer <token>');
console.log(token);
