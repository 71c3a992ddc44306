import { type Logger, pino } from 'pino';

export type { Logger };

/** One JSON logger per service; `name` lands on every line so mixed launcher output stays readable. */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
