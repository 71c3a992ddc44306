import { randomUUID } from 'node:crypto';

// Printable ASCII only: the id goes into log lines and onward headers, where control bytes do harm.
const SANE_REQUEST_ID = /^[\x21-\x7e][\x20-\x7e]{0,127}$/;

/** The caller's correlation id when it is at most 128 printable characters, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) && header.trimEnd() === header
    ? header
    : randomUUID();
}
