/**
 * Now, but strictly after `previous` (the shipment's last change): tracking history is ordered by
 * `occurredAt`, and two events in the same millisecond, or a clock that runs behind on another
 * instance, must not reorder it.
 */
export function nextTimestamp(previous: Date, now = Date.now()): Date {
  return new Date(Math.max(now, previous.getTime() + 1));
}
