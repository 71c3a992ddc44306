/**
 * Runs the graph's services for `npm start`: starts each with an instance id and counts it healthy only
 * when its `/health` echoes that id (another graph on the port can never pass for it), restarts a
 * service that exits unexpectedly with backoff while the rest keeps serving, gives up after repeated
 * fast crashes, and stops everything on request.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ServiceSpec } from '../services';
import { relay } from './relay';

export interface SupervisorOptions {
  /** How long a (re)started service may take to become healthy. */
  startupTimeoutMs: number;
  /** Called once when a service keeps crashing: the launcher stops the graph. */
  giveUp(reason: string): void;
}

/** A run shorter than this counts as a fast crash; a longer one resets the backoff. */
const FAST_CRASH_MS = 30_000;
const MAX_FAST_CRASHES = 5;
const MAX_BACKOFF_MS = 30_000;

interface Supervised {
  spec: ServiceSpec;
  child?: ChildProcess;
  startedAt: number;
  restarts: number;
  fastCrashes: number;
}

export class Supervisor {
  private readonly services = new Map<string, Supervised>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /**
   * Starts a service and resolves once it is healthy; rejects if it exits or times out first (a service
   * that cannot start is reported, not restarted). `onceEnv` is for this first start only.
   */
  async start(spec: ServiceSpec, onceEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    const service: Supervised = { spec, startedAt: Date.now(), restarts: 0, fastCrashes: 0 };
    this.services.set(spec.name, service);
    await this.run(service, onceEnv);
  }

  /** SIGTERM to every service (SIGKILL after `graceMs`); resolves once all are gone. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    const children = [...this.services.values()].flatMap((s) => (s.child ? [s.child] : []));
    await Promise.all(children.map((child) => stopChild(child, graceMs)));
  }

  private async run(service: Supervised, extraEnv: NodeJS.ProcessEnv): Promise<void> {
    const instance = randomUUID();
    const { spec } = service;
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...spec.env, ...extraEnv, INSTANCE_ID: instance },
    });
    service.child = child;
    service.startedAt = Date.now();
    if (child.stdout) relay(spec.name, child.stdout);
    if (child.stderr) relay(spec.name, child.stderr);
    let healthy = false;
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => {
        if (service.child === child) service.child = undefined;
        const how = signal ?? `code ${code}`;
        resolve(how);
        if (healthy || service.restarts > 0) this.crashed(service, how);
      });
    });
    const ready = await Promise.race([
      waitHealthy(spec.healthUrl, instance, Date.now() + this.options.startupTimeoutMs, () => alive(child)),
      exited.then((how) => `exited (${how}) before it was healthy`),
    ]);
    if (ready === true) {
      healthy = true;
      return;
    }
    if (alive(child)) child.kill('SIGKILL');
    const reason = ready === false ? `was not healthy within ${this.options.startupTimeoutMs} ms` : ready;
    throw new Error(`${spec.name} ${reason}`);
  }

  private crashed(service: Supervised, how: string): void {
    if (this.stopping) return;
    const { name } = service.spec;
    const fast = Date.now() - service.startedAt < FAST_CRASH_MS;
    service.fastCrashes = fast ? service.fastCrashes + 1 : 1;
    if (service.fastCrashes > MAX_FAST_CRASHES) {
      this.options.giveUp(
        `${name} exited (${how}) ${MAX_FAST_CRASHES + 1} times in a row within ${FAST_CRASH_MS / 1000} s ` +
          'of starting; giving up (its last lines are above)',
      );
      return;
    }
    const delay = Math.min(1_000 * 2 ** (service.fastCrashes - 1), MAX_BACKOFF_MS);
    service.restarts++;
    const restart = service.restarts;
    console.error(`${name} exited (${how}); restarting in ${delay / 1000} s (restart ${restart})`);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopping) return;
      // A restart that fails to come up exits again (or is killed), which lands back here.
      this.run(service, {}).then(
        () => console.log(`${name} is back (restart ${restart})`),
        (error: unknown) => console.error(`${name}: restart ${restart} failed: ${(error as Error).message}`),
      );
    }, delay);
    this.timers.add(timer);
  }
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** True once `/health` answers 200 with this instance's id; false at the deadline or once it exited. */
async function waitHealthy(
  url: string,
  instance: string,
  deadline: number,
  running: () => boolean,
): Promise<boolean> {
  while (Date.now() < deadline && running()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json()) as { instance?: string };
      if (response.ok && body.instance === instance) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return false;
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (!alive(child)) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
