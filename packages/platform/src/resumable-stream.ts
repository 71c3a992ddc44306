import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError } from 'graphql';
import { badUserInput } from './errors';
import type { PubSub } from './pubsub';

/** A cursor the store no longer replays from (older than the retained history, or from another store). */
export const CURSOR_EXPIRED = 'CURSOR_EXPIRED';

export function cursorExpired(reason: string): GraphQLError {
  return new GraphQLError(`after: ${reason}; reload the current state and subscribe without a cursor`, {
    extensions: { code: CURSOR_EXPIRED, field: 'after' },
  });
}

/** Encodes and decodes one kind of subscription cursor: a store sequence number, opaque to clients. */
export interface CursorCodec {
  encode(seq: number): string;
  /** The sequence number in `cursor`; BAD_USER_INPUT (naming `field`) when it is not one of this kind. */
  decode(cursor: string, field?: string): number;
}

/** The codec of cursors tagged `kind` (a cursor of one kind is malformed for another). */
export function cursorCodec(kind: string): CursorCodec {
  const prefix = `${kind}:`;
  return {
    encode: (seq) => Buffer.from(`${prefix}${seq}`, 'utf8').toString('base64url'),
    decode(cursor, field = 'after') {
      const text = /^[A-Za-z0-9_-]{1,60}$/.test(cursor)
        ? Buffer.from(cursor, 'base64url').toString('utf8')
        : '';
      const digits = text.startsWith(prefix) ? text.slice(prefix.length) : '';
      const seq = /^[1-9]\d{0,15}$/.test(digits) ? Number(digits) : Number.NaN;
      if (!Number.isSafeInteger(seq)) throw badUserInput(field, 'not a cursor this subscription returned');
      return seq;
    },
  };
}

export interface ResumePointOptions {
  /** The client's cursor, or none (live from now on). */
  after: string | null | undefined;
  codec: CursorCodec;
  /** The highest sequence number committed so far (0: none). */
  head(): Promise<number>;
  /** Whether the store issued `seq` and still holds it. */
  issued(seq: number): Promise<boolean>;
  /** When the stream's first event after `seq` happened (undefined: there is none yet). */
  nextAt(seq: number): Promise<Date | undefined>;
  /** How far back a cursor may reach (by the time of the next event it would replay), in ms. */
  retentionMs: number;
  now?: () => number;
}

/**
 * Where a resumable stream starts: the cursor's position, checked against the history still
 * replayable. A cursor expires when replaying from it would deliver an event older than the retention
 * (the stream's next event after it); a quiet stream's last cursor stays good however old. A cursor the
 * store never issued (another store, a reset, pruned history) has expired too.
 */
export async function resumePoint(options: ResumePointOptions): Promise<number> {
  if (options.after == null) return options.head();
  const seq = options.codec.decode(options.after);
  if (!(await options.issued(seq))) throw cursorExpired('this cursor is not in the replayable history');
  const next = await options.nextAt(seq);
  const now = options.now?.() ?? Date.now();
  if (next && next.getTime() < now - options.retentionMs) {
    throw cursorExpired('replaying from this cursor reaches further back than the replayable history');
  }
  return seq;
}

export interface ResumableStreamOptions<Row> {
  pubsub: PubSub;
  /** The topics whose messages say "this stream may have new rows" (their content is not read). */
  topics: string[];
  /** The sequence number to start after (see resumePoint); read before the topic is subscribed. */
  start: number;
  /** The stream's rows after `seq` the viewer may see now, in sequence order, at most `limit`. */
  rowsAfter(seq: number, limit: number): Promise<Row[]>;
  seqOf(row: Row): number;
  /** Rows read per catch-up query; a longer replay takes several. */
  page?: number;
}

/**
 * A resumable stream: the committed rows after `start`, then every new one, each exactly once and in
 * sequence order, with no gap at the hand-over from replay to live.
 *
 * The store is the only source of rows; pub/sub messages are just wake-ups. The stream reads the store
 * once the topic is subscribed, and again on every message (several at once: once): "rows after the
 * last one delivered". The sequence must become visible in commit order (numbers taken under a lock
 * held to the commit, see the `*_next_seq` triggers), so that query never skips a row that commits
 * later with a lower number; since it starts from the last delivered one it never repeats one; a
 * message that is late, duplicated or out of order changes nothing. `start` is taken before the topics
 * are subscribed, so a row committed in between is after it and the first read finds it. The topics are
 * subscribed when the stream is first read, so a stream dropped unread holds nothing.
 */
export function resumableStream<Row>(options: ResumableStreamOptions<Row>): AsyncIterableIterator<Row> {
  const page = options.page ?? 500;
  let last = options.start;
  return new Repeater<Row>(async (push, stop) => {
    const wakeUps = await options.pubsub.subscribe(options.topics);
    let pending = true; // replay first
    let wake: (() => void) | undefined;
    let ended = false;
    void stop.then(() => {
      ended = true;
      wake?.();
      void wakeUps.return?.();
    });
    void (async () => {
      for await (const _ of wakeUps) {
        pending = true;
        wake?.();
      }
    })().then(
      () => stop(),
      (error: unknown) => stop(error),
    );
    while (!ended) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      if (ended) break;
      pending = false;
      for (;;) {
        const rows = await options.rowsAfter(last, page);
        for (const row of rows) {
          await push(row);
          last = options.seqOf(row);
        }
        if (rows.length < page || ended) break;
      }
    }
  });
}
