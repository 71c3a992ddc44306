import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '@nats-io/transport-node';
import { freePort } from './ports';

/** Debian's nats-server (the package the machines install); the tests start their own on a free port. */
export const NATS_SERVER = '/usr/sbin/nats-server';

export interface TestNatsServer {
  url: string;
  /** SIGKILL: NATS gone, as far as the graph can tell. */
  stop(): Promise<void>;
  /** Starts it again on the same port and storage (streams and consumers survive). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A private JetStream server on a free port, so the test can stop and start it. */
export async function natsServer(): Promise<TestNatsServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'fg-nats-'));
  let child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
    stdio: 'ignore',
  });
  const url = `nats://127.0.0.1:${port}`;
  const up = async () => {
    for (let i = 0; i < 100; i++) {
      try {
        const nc = await connect({ servers: url, reconnect: false });
        await nc.close();
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error('nats-server did not start');
  };
  await up();
  return {
    url,
    async stop() {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    },
    async start() {
      child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
        stdio: 'ignore',
      });
      await up();
    },
    async close() {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
