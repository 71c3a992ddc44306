export {
  activeTraceIds,
  currentTraceContext,
  propagatesTraceContext,
  type TraceCarrier,
  traceContextFrom,
  withTraceContext,
} from './propagation';
export { inChildSpan } from './spans';
