/** What the orchestrator asks of the load process, and what it answers: plain data over IPC. */
import type { Exchange } from './reference';

export interface LoadPlan {
  url: string;
  connections: number;
  seconds: number;
  /** Sent with every request: the user's token to a gateway, an internal token to a subgraph. */
  headers: Record<string, string>;
  /** Requests sent in turn on every connection, each checked against its expected answer… */
  exchanges?: Exchange[];
  /** …or recordTrackingEvent mutations on these shipments, each checked against its own input… */
  mutationTargets?: string[];
  /** …or one user per connection, each sending its own requests in turn (the many-users workloads). */
  sessions?: Session[];
  /** With `sessions`: every `every`-th request of a connection is a position update by a driver. */
  writes?: { every: number; targets: WriteTarget[] };
}

/** One user's connection: their token, and the requests they send in turn, each with its own answer. */
export interface Session {
  role: string;
  authorization: string;
  exchanges: Exchange[];
}

/** A shipment a driver may move (on their vehicle), with that driver's token. */
export interface WriteTarget {
  shipmentId: string;
  authorization: string;
}

export interface LoadResult {
  /** Correct answers per second: wrong answers and failures do not count. */
  rps: number;
  /** Latency percentiles in milliseconds, over every response. */
  p50: number;
  p99: number;
  /**
   * Mean time per request (ms) from the closed loop itself: connections × seconds ÷ responses. Exact,
   * where autocannon's percentiles are whole milliseconds; with one connection it is the mean latency.
   */
  meanMs: number;
  /** Responses received. */
  responses: number;
  /** Non-2xx, wrong or unparsable answers, connection errors and timeouts. */
  errors: number;
  seconds: number;
}
