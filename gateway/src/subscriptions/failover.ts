import { AFTER_VARIABLE, type ResumableOperation, takeCursor } from './resumable';
import type { UpstreamEvent } from './upstream';

/**
 * One upstream stream's resume state: the last cursor the subgraph sent (where a resubscription starts),
 * and since when, and how often, it has been failing.
 */
export function createFailover(
  resumable: ResumableOperation | undefined,
  variables: Record<string, unknown>,
) {
  const initial = resumable?.initialAfter(variables) ?? null;
  let cursor = initial;
  let receivedAny = false;
  let downSince: number | undefined;
  let attempts = 0; // every failure moves on to the next URL
  let failures = 0; // since the last success: the backoff
  return {
    variables: () => (resumable ? { ...variables, [AFTER_VARIABLE]: cursor } : variables),
    attempts: () => attempts,
    /** The event as the client's plan expects it (without the gateway's cursor), remembering the cursor. */
    /** From "now on" anyone may join; from a cursor only until the first event arrived. */
    joinable: () => initial === null || !receivedAny,
    received(event: UpstreamEvent): UpstreamEvent {
      receivedAny = true;
      downSince = undefined;
      failures = 0;
      if (!resumable) return event;
      const taken = takeCursor(resumable, event.data);
      if (taken.cursor) cursor = taken.cursor;
      return { ...event, data: taken.data };
    },
    connected() {
      downSince = undefined;
      failures = 0;
    },
    /** The backoff before the next attempt, or undefined once the window is over (or not resumable). */
    retryIn(windowMs: number, now = Date.now()): number | undefined {
      if (!resumable) return undefined;
      downSince ??= now;
      if (now - downSince >= windowMs) return undefined;
      const backoff = Math.min(50 * 2 ** failures, 1_000);
      failures++;
      attempts++;
      return Math.min(backoff * (0.5 + Math.random() / 2), Math.max(0, windowMs - (now - downSince)));
    },
  };
}
