/**
 * What a domain event says changed, for caches: the ids of its aggregate and of every entity its payload
 * names (`orderId`, `shipmentId`, …). Ids are UUIDs, unique across types, so a cache can evict by id
 * alone, whatever type or subgraph an entry came from.
 */
import { isUuid } from '../ids';

/** The pub/sub topic on which every context publishes its committed events, for the gateways' caches. */
export const ENTITY_CHANGES_TOPIC = 'entity-changes';

/** The extension in a subgraph's response listing the ids its transactions changed. */
export const CHANGED_IDS_EXTENSION = 'changedIds';

export function changedIdsOf(event: { aggregateId: string; payload: unknown }): string[] {
  const ids = new Set<string>();
  if (isUuid(event.aggregateId)) ids.add(event.aggregateId.toLowerCase());
  const payload = event.payload;
  if (payload && typeof payload === 'object') {
    for (const value of Object.values(payload)) {
      if (typeof value === 'string' && isUuid(value)) ids.add(value.toLowerCase());
    }
  }
  return [...ids];
}
