import { SpanKind } from '@opentelemetry/api';
import { DURATION_BUCKETS, type ServiceMetrics } from './metrics';
import { inChildSpan } from './tracing/spans';

type Query = (text: unknown, ...rest: unknown[]) => Promise<unknown>;

/** Times one SQL statement (`freightgraph_sql_duration_seconds`) and traces it as a client span. */
export type StatementObserver = <T>(text: string, run: () => Promise<T>) => Promise<T>;

/**
 * The store's statement observer. The span is made here, around the driver call, rather than by a
 * driver instrumentation: the embedded PGlite has none, and one place gives both stores the same spans.
 */
export function statementObserver(kind: 'pglite' | 'postgres', metrics?: ServiceMetrics): StatementObserver {
  const duration = metrics?.histogram({
    name: 'freightgraph_sql_duration_seconds',
    help: 'Time of one SQL statement, by statement kind (select, insert, update, delete, other).',
    labelNames: ['statement'],
    buckets: DURATION_BUCKETS,
  });
  return (text, run) => {
    const statement = statementKind(text);
    const end = duration?.startTimer({ statement });
    return inChildSpan(
      statement === 'other' ? 'SQL' : statement.toUpperCase(),
      () => ({ 'db.system.name': kind === 'pglite' ? 'pglite' : 'postgresql', 'db.query.text': text }),
      run,
      SpanKind.CLIENT,
    ).finally(() => end?.());
  };
}

function statementKind(text: string): string {
  const verb = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(text)?.[1]?.toLowerCase();
  return verb === 'select' || verb === 'insert' || verb === 'update' || verb === 'delete' ? verb : 'other';
}

/** The statement text of a `query(text, …)` or `query({ text }, …)` call (pg accepts both). */
function textOf(query: unknown): string {
  if (typeof query === 'string') return query;
  const text = (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}

/** Wraps `target.query` in place, so every statement through it is observed. */
export function observeQueries(target: { query: Query }, observe: StatementObserver): void {
  const query = target.query.bind(target);
  target.query = (text, ...rest) => observe(textOf(text), () => query(text, ...rest));
}

/** PGlite: `query` directly, and the transaction object each `transaction(fn)` hands to `fn`. */
export function observePglite(
  client: { query: Query; transaction: (fn: (tx: { query: Query }) => Promise<unknown>) => Promise<unknown> },
  observe: StatementObserver,
): void {
  observeQueries(client, observe);
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) =>
    transaction((tx) => {
      observeQueries(tx, observe);
      return fn(tx);
    });
}
