export { type AsyncQueue, createAsyncQueue } from './async-queue';
export * from './auth';
export {
  ConfigError,
  DEFAULT_DATA_DIR,
  env,
  httpTimeoutEnv,
  parseConfig,
  serviceEnv,
  shutdownEnv,
} from './config';
export { type Db, openStore, queryRows, type Store, type StoreOptions } from './db';
export {
  chunks,
  DEMO,
  type DemoOrder,
  type DemoOrderStatus,
  demoCustomerId,
  demoOrder,
  demoShipmentId,
  demoTrackingNumber,
  demoVehicleId,
  trackingNumberOf,
} from './demo';
export { assert, badUserInput, createErrorFormatter, ErrorCode, notFound, withCode } from './errors';
export * from './events';
export {
  createHttpServer,
  DEFAULT_HTTP_TIMEOUTS,
  type HttpTimeouts,
  listen,
  type ParsedRequest,
  type RouteHandler,
  sendJson,
} from './http';
export { demoId, isUuid, parseId } from './ids';
export { drainGraceMs, type RunningService, runService, type ShutdownOptions } from './lifecycle';
export { byId, byKey, groupByKey, partition, uuidKeys } from './loading';
export { createLogger, type Logger } from './logger';
export { createServiceMetrics, DURATION_BUCKETS, type ServiceMetrics } from './metrics';
export { operationMetricsPlugin } from './operation-metrics';
export {
  type Connection,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  type EntityRef,
  encodeCursor,
  type Keyset,
  MAX_PAGE_SIZE,
  type Page,
  type PageArgs,
  parsePage,
  toConnection,
} from './pagination';
export { anyText, anyUuid, preparedOnce, type RowScope, scopeCondition, scopeValue } from './prepared';
export { createProbes, type Probes, type Readiness, type ReadinessCheck } from './probes';
export {
  createMemoryPubSub,
  createRedisPubSub,
  filterEvents,
  openPubSub,
  type PubSub,
  SubscriberOverflowError,
} from './pubsub';
export { requestIdFrom } from './request-id';
export { requestLogPlugin } from './request-log';
export {
  currentRequestScope,
  outsideRequestScope,
  type RequestScope,
  withRequestScope,
} from './request-scope';
export {
  CURSOR_EXPIRED,
  type CursorCodec,
  cursorCodec,
  cursorExpired,
  type ResumableStreamOptions,
  type ResumePointOptions,
  resumableStream,
  resumePoint,
} from './resumable-stream';
export { createRng, type Rng } from './rng';
export { DateTime } from './scalars';
export { type SubgraphService, type SubgraphServiceConfig, startSubgraphService } from './service';
export { StoreDamagedError } from './store/embedded';
export { StoreInUseError } from './store/lock';
export { migrationsApplied, pendingMigrations } from './store/migrations';
export {
  buildSubgraphServer,
  loadSchemaFile,
  type RequestInfo,
  type ServeOptions,
  type SubgraphOptions,
  startSubgraph,
  subgraphSchema,
} from './subgraph';
export {
  activeTraceIds,
  currentTraceContext,
  inChildSpan,
  inSpan,
  propagatesTraceContext,
  type TraceCarrier,
  traceContextFrom,
  withTraceContext,
} from './tracing';
export { checkIntRange, checkLength, checkLocation, type LatLng } from './validate';
