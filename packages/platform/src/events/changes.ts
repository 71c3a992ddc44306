/**
 * What a domain event says changed, for caches: the ids of its aggregate and of every entity its payload
 * names (`orderId`, `shipmentId`, …), and the types of those entities. Ids are UUIDs, unique across
 * types, so a cache can evict by id alone, whatever type or subgraph an entry came from. The types are
 * for cached lists: which entities a list holds can change with any entity of its type (a new order, an
 * order that now has the status a list filters by), whether or not the list showed it before.
 */
import { isUuid } from '../ids';

/** The pub/sub topic on which every context publishes its committed events, for the gateways' caches. */
export const ENTITY_CHANGES_TOPIC = 'entity-changes';

/** The extension in a subgraph's response listing the ids its transactions changed. */
export const CHANGED_IDS_EXTENSION = 'changedIds';

/** The extension in a subgraph's response listing the entity types its transactions changed. */
export const CHANGED_TYPES_EXTENSION = 'changedTypes';

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

/** `orderId` → `Order`, `trackingEventId` → `TrackingEvent`: the type a payload's id field names. */
const ID_FIELD = /^([a-z][A-Za-z0-9]*)Id$/;

/**
 * The aggregate's type and the type of every entity the payload names by id (`<type>Id` fields): a
 * consumer may apply the event to those without an event of its own (a reservation that assigns a
 * shipment), so lists of them may have changed too.
 */
export function changedTypesOf(event: { aggregateType: string; payload: unknown }): string[] {
  const types = new Set<string>([event.aggregateType]);
  const payload = event.payload;
  if (payload && typeof payload === 'object') {
    for (const [field, value] of Object.entries(payload)) {
      const named = ID_FIELD.exec(field)?.[1];
      if (named && typeof value === 'string' && isUuid(value))
        types.add(named[0]!.toUpperCase() + named.slice(1));
    }
  }
  return [...types];
}
