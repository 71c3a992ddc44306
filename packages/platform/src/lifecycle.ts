import { setTimeout as sleep } from 'node:timers/promises';
import { stopTelemetry } from './telemetry';

/** How a service stops on a signal (see `shutdownEnv`). */
export interface ShutdownOptions {
  /** The process exits (1) this long after the signal, whatever is still running. */
  timeoutMs: number;
  /** Time between failing readiness and closing, for load balancers to stop routing here. */
  delayMs: number;
}

/** A started service: where it listens, and how to stop it. */
export interface RunningService {
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, closes sockets, flushes, releases. */
  close(): Promise<void>;
  /** Fails readiness from now on (the first step of a drain); the service keeps serving. */
  drain?(): void;
  /** The bound and delay of a signalled stop; without them it waits for `close` however long. */
  shutdown?: ShutdownOptions;
}

/**
 * Entry point helper: start; on SIGINT/SIGTERM drain (readiness 503, the configured delay, then
 * `close`) and exit 0, or 1 when the stop fails or overruns its bound; exit non-zero with one line
 * on a failed start.
 */
export function runService(name: string, start: () => Promise<RunningService>): void {
  // Through a promise, so a synchronous throw (a config error) also ends as one clear line.
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          const started = performance.now();
          if (service.shutdown) {
            const { timeoutMs } = service.shutdown;
            setTimeout(() => {
              console.error(`${name}: not stopped within ${timeoutMs} ms of ${signal}; exiting`);
              process.exit(1);
            }, timeoutMs).unref();
          }
          service.drain?.();
          // The trace exporter last: it flushes the spans of the requests the close let finish.
          sleep(service.shutdown?.delayMs ?? 0)
            .then(() => service.close())
            .then(stopTelemetry)
            .then(
              () => {
                console.error(
                  `${name}: stopped on ${signal} in ${Math.round(performance.now() - started)} ms`,
                );
                process.exit(0);
              },
              (error: unknown) => {
                console.error(`${name}: error while stopping on ${signal}: ${String(error)}`);
                process.exit(1);
              },
            );
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      },
      (error: unknown) => {
        console.error(`${name}: failed to start: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
}

/**
 * How long in-flight HTTP requests get once a stop closes the listener, before their connections
 * are cut: what the bound leaves after the delay, less a reserve (a fifth, at most 5 s) for the
 * flushes that follow (outbox relay, trace exporter). Apollo's own default, 10 s, without a bound.
 */
export function drainGraceMs(shutdown: ShutdownOptions | undefined): number {
  if (!shutdown) return 10_000;
  const reserve = Math.min(5_000, shutdown.timeoutMs / 5);
  return Math.max(500, Math.floor(shutdown.timeoutMs - shutdown.delayMs - reserve));
}
