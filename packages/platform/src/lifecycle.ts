import { stopTelemetry } from './telemetry';

/** A started service: where it listens, and how to stop it. */
export interface RunningService {
  url: string;
  close(): Promise<void>;
}

/** Entry point helper: start, stop cleanly on SIGINT/SIGTERM, and exit non-zero with one line on failure. */
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
          // The trace exporter last: it flushes the spans of the requests the close let finish.
          service
            .close()
            .then(stopTelemetry)
            .then(
              () => process.exit(0),
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
