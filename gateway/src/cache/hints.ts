/**
 * How long an entity may be served from the gateway's cache, in the style of `@cacheControl(maxAge:)`
 * hints: per type, and per field where a field changes faster than its type. An entity fetch is cached
 * for the smallest hint among the type it asks for and every field (and type) its selection reaches; a
 * hint of 0 means "never cached". Change events evict entries long before most of these run out
 * (invalidation.ts); the hints bound what a missed event can cost.
 *
 * They live here rather than in the subgraphs' SDL because the supergraph does not compose custom
 * directives (no `@composeDirective`); `Type.field` keys are checked against the API schema at load.
 */
export interface CacheHint {
  /** Seconds. */
  maxAge: number;
}

export const TYPE_HINTS: Readonly<Record<string, CacheHint>> = {
  Customer: { maxAge: 300 },
  Order: { maxAge: 60 },
  Shipment: { maxAge: 60 },
  Vehicle: { maxAge: 300 },
  // A shipment's history grows with every scan: a few seconds, and evicted by TrackingEventRecorded.
  TrackingEvent: { maxAge: 5 },
};

export const FIELD_HINTS: Readonly<Record<string, CacheHint>> = {
  'Shipment.lastLocation': { maxAge: 5 },
  'Shipment.latestEvent': { maxAge: 5 },
  'Shipment.events': { maxAge: 5 },
  'Shipment.status': { maxAge: 30 },
  'Order.status': { maxAge: 30 },
  'Order.fulfillment': { maxAge: 10 },
  // Positions stream every few seconds and are published without an outbox event: never cached.
  'Vehicle.position': { maxAge: 0 },
  'Vehicle.positionUpdatedAt': { maxAge: 0 },
  'Vehicle.reservedKg': { maxAge: 30 },
  'Vehicle.freeCapacityKg': { maxAge: 30 },
  'Vehicle.status': { maxAge: 30 },
};
