import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

export { freePort } from '@freightgraph/platform/testing';

export interface ServiceProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (which lets `--cpu-prof` write its profile), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Resolves true once the service answers as it should. */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}

/** Starts one service in its own process and waits until `ready` says so. */
export async function spawnService(options: SpawnOptions): Promise<ServiceProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const service: ServiceProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    child,
    output: () => output,
    stop: async (graceMs = 10_000) => {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`${options.name} exited before it was ready:\n${output}`);
    if (await options.ready().catch(() => false)) return service;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await service.stop(0);
  throw new Error(`${options.name} was not ready within ${timeoutMs} ms:\n${output}`);
}

/** Ready when a GET answers 2xx. */
export const getOk = (url: string) => async () => (await fetch(url)).ok;

/**
 * Ready when a POST of `{ __typename }` answers with data: the same probe for every gateway, with the
 * bench user's `authorization` (every gateway refuses a request without a valid token).
 */
export const graphqlOk =
  (url: string, headers: Record<string, string> = {}) =>
  async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = (await response.json()) as { data?: { __typename?: string } };
    return response.ok && body.data?.__typename === 'Query';
  };

/**
 * True when a gateway refuses `{ __typename }` without a token: every contender must authenticate, so
 * none is measured doing less than the others.
 */
export async function refusesAnonymous(url: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { __typename?: string } };
  return response.status === 401 && body.data?.__typename === undefined;
}

/**
 * Peak resident memory of a process, from Linux's own high-water mark (VmHWM), so no short spike is
 * missed between samples. `resetPeak` starts a new window (writing 5 to clear_refs resets VmHWM).
 */
export const memory = {
  async resetPeak(pid: number): Promise<boolean> {
    return writeFile(`/proc/${pid}/clear_refs`, '5').then(
      () => true,
      () => false,
    );
  },
  async peakMb(pid: number): Promise<number | null> {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  },
};

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc/<pid>/stat. */
export async function cpuMs(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of those.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS) : null;
}

// USER_HZ: 100 on every Linux architecture Node runs on.
const CLOCK_TICKS = 100;
