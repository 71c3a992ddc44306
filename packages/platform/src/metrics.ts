import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  type Metric,
  Registry,
} from 'prom-client';

/** Buckets for request-scale durations, in seconds (1 ms to 10 s). */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * One service's Prometheus registry. Each service (and each in-process test service) has its own, so
 * two in one process never clash; modules register on it by name and get the same metric back when
 * they ask again (the event bus, the store and the HTTP layer each add theirs).
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  counter<T extends string>(config: Omit<CounterConfiguration<T>, 'registers'>): Counter<T>;
  gauge<T extends string>(config: Omit<GaugeConfiguration<T>, 'registers'>): Gauge<T>;
  histogram<T extends string>(config: Omit<HistogramConfiguration<T>, 'registers'>): Histogram<T>;
  /** The exposition's content type and body, for the `/metrics` route. */
  contentType: string;
  render(): Promise<string>;
}

/**
 * A service's registry with Node's runtime metrics (event loop, heap, GC, handles) collected, and
 * `labels` on every sample (`{ subgraph: 'orders' }`, `{ service: 'gateway' }`).
 */
export function createServiceMetrics(labels: Record<string, string>): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  const existing = <M extends Metric>(name: string, kind: new (...args: never[]) => M): M | undefined => {
    const metric = registry.getSingleMetric(name);
    if (!metric) return undefined;
    if (!(metric instanceof kind)) throw new Error(`metric ${name} is registered with another type`);
    return metric;
  };
  return {
    registry,
    counter: (config) => existing(config.name, Counter) ?? new Counter({ ...config, registers: [registry] }),
    gauge: (config) => existing(config.name, Gauge) ?? new Gauge({ ...config, registers: [registry] }),
    histogram: (config) =>
      existing(config.name, Histogram) ?? new Histogram({ ...config, registers: [registry] }),
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
