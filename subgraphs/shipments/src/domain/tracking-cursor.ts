import { badUserInput } from '@freightgraph/platform';
import { GraphQLError } from 'graphql';

/** A cursor the store no longer replays from (older than the retained history, or from another store). */
export const CURSOR_EXPIRED = 'CURSOR_EXPIRED';

const PREFIX = 'tracking:';

/**
 * A subscription cursor: the event's place in the commit order of all tracking events
 * (`tracking_events.seq`), opaque to clients. One global sequence serves every stream (a shipment's, an
 * order's): a stream's events are a subsequence of it, so "after N" means the same on each.
 */
export function encodeTrackingCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** The sequence number in `cursor`; BAD_USER_INPUT (naming `field`) when it is not one of ours. */
export function decodeTrackingCursor(cursor: string, field = 'after'): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const seq = /^[1-9]\d{0,15}$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(seq)) throw badUserInput(field, 'not a cursor this subscription returned');
  return seq;
}

export function cursorExpired(reason: string): GraphQLError {
  return new GraphQLError(`after: ${reason}; reload the current state and subscribe without a cursor`, {
    extensions: { code: CURSOR_EXPIRED, field: 'after' },
  });
}
