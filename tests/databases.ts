import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SUBGRAPHS } from '../scripts/services';

/**
 * On PostgreSQL (`<NAME>_DATABASE_URL` set, as in CI) every graph a test starts gets databases of its
 * own, created beside the configured ones: two graphs on one database would share an outbox, and the
 * relay of one would deliver the other's events (a suite that stops its NATS would see them flow).
 * With `template` (the suffix another call named its databases with), each is a copy of that one.
 * Returns the environment pointing at them, their suffix, and a function that drops them; nothing on
 * the embedded stores.
 */
export async function ownDatabases(
  env: NodeJS.ProcessEnv,
  template?: string,
): Promise<{ env: NodeJS.ProcessEnv; suffix: string; drop: () => Promise<void> }> {
  const suffix = randomBytes(4).toString('hex');
  const created: { admin: string; name: string }[] = [];
  const own: NodeJS.ProcessEnv = {};
  for (const subgraph of SUBGRAPHS) {
    const key = `${subgraph.toUpperCase()}_DATABASE_URL`;
    const configured = env[key];
    if (!configured) continue;
    const url = new URL(configured);
    const base = url.pathname.slice(1);
    const name = `${base}_${suffix}`;
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const from = template ? ` template "${base}_${template}"` : '';
    await withClient(admin.href, (client) => client.query(`create database "${name}"${from}`));
    created.push({ admin: admin.href, name });
    url.pathname = `/${name}`;
    own[key] = url.href;
  }
  return {
    env: own,
    suffix,
    async drop() {
      for (const { admin, name } of created) {
        await withClient(admin, (client) => client.query(`drop database if exists "${name}" with (force)`));
      }
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
