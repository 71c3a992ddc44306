import type { ServiceMetrics } from '../metrics';
import { outsideRequestScope } from '../request-scope';
import type { EventBus } from './bus';

/**
 * The bus on the service's registry, read when scraped: what waits in the outbox per destination (and
 * for how long: the outbox lag), what was published, applied, skipped as a duplicate, parked.
 */
export function eventBusMetrics(metrics: ServiceMetrics, bus: EventBus): void {
  type Stats = Awaited<ReturnType<EventBus['stats']>>;
  // One read of the bus per scrape, however many of these metrics the registry collects at once.
  let cached: { at: number; stats: Promise<Stats> } | undefined;
  const read = () => {
    if (!cached || Date.now() - cached.at > 250) {
      // A scrape's queries are not a request's: they stay out of the request SQL count.
      cached = { at: Date.now(), stats: outsideRequestScope(() => bus.stats()) };
    }
    return cached.stats;
  };
  metrics.gauge({
    name: 'freightgraph_events_pending',
    help: 'Outbox events not yet acknowledged by their destination (the bus, or a consumer inbox).',
    labelNames: ['destination'],
    async collect() {
      this.reset();
      for (const row of (await read()).backlog) this.set({ destination: row.destination }, row.pending);
    },
  });
  metrics.gauge({
    name: 'freightgraph_events_oldest_pending_seconds',
    help: 'Age of the oldest unacknowledged outbox event: the outbox lag.',
    labelNames: ['destination'],
    async collect() {
      this.reset();
      for (const row of (await read()).backlog) this.set({ destination: row.destination }, row.oldestSeconds);
    },
  });
  const total = (name: string, help: string, value: (stats: Stats) => number) =>
    metrics.counter({
      name,
      help,
      async collect() {
        const stats = await read();
        this.reset();
        this.inc(value(stats));
      },
    });
  total(
    'freightgraph_events_published_total',
    'Outbox events acknowledged by a destination.',
    (s) => s.published,
  );
  total(
    'freightgraph_events_delivery_failures_total',
    'Failed outbox deliveries (each retried later).',
    (s) => s.deliveryFailures,
  );
  total('freightgraph_events_applied_total', 'Events this context applied.', (s) => s.consumed.applied);
  total(
    'freightgraph_events_duplicates_total',
    'Redelivered events skipped by the inbox.',
    (s) => s.consumed.duplicates,
  );
  total(
    'freightgraph_events_dead_lettered_total',
    'Events parked as dead letters.',
    (s) => s.consumed.deadLettered,
  );
  metrics.gauge({
    name: 'freightgraph_events_bus_connected',
    help: '1 while the bus is reachable (always 1 for the embedded HTTP inboxes).',
    collect() {
      this.set(bus.connected() ? 1 : 0);
    },
  });
}
