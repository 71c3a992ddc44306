export { type EventBus, type EventBusOptions, type EventBusStats, openEventBus } from './bus';
export {
  CHANGED_IDS_EXTENSION,
  CHANGED_TYPES_EXTENSION,
  changedIdsOf,
  changedTypesOf,
  ENTITY_CHANGES_TOPIC,
} from './changes';
export { type EventsConfig, eventsEnv, inboxUrl, requireEventsKeyInProduction } from './config';
export { type EventHandler, type HandlerContext, type LiveHandler, on, onCommitted } from './consumer';
export { defineEvent, EventCatalogue, type EventContract, type PayloadOf } from './contract';
export { CONTEXTS, type ContextName, type EventEnvelope, eventEnvelope, subjectOf } from './envelope';
export { eventBusMetrics } from './metrics';
export { createNatsBus, streamOf } from './nats';
export { backoffMs, createRelay, type Destination } from './relay';
export { createConsumerRuntime, createKeyedRunner, createLiveRuntime, PermanentEventError } from './runtime';
export {
  eventDeadLetters,
  eventDeliveries,
  eventInbox,
  eventOutbox,
  eventRelayLease,
  eventTables,
} from './tables';
export { type AppendOptions, createEventWriter, type EventWriter, OUTBOX_CHANNEL } from './writer';
