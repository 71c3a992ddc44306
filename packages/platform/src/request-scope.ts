import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import { requestIdFrom } from './request-id';

/** What every log line of a request carries; set once per HTTP request by the HTTP binding. */
export interface RequestScope {
  requestId: string;
  /**
   * Ids of the entities this request's transactions changed (from the domain events they wrote), which
   * the subgraph reports to the gateway so its entity cache evicts them before the answer goes out.
   */
  changedIds?: Set<string>;
  /** The types of those entities (and of the entities their events name), for cached lists of them. */
  changedTypes?: Set<string>;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being handled, if any (a log line outside a request has none). */
export function currentRequestScope(): RequestScope | undefined {
  return scope.getStore();
}

/**
 * Runs `fn` in the scope of `req`: its correlation id is settled here, once, and written back to the
 * header, so the context built later (and forwarded to the subgraphs) reads the same id the logs carry.
 */
export function inRequestScope<T>(req: IncomingMessage, fn: () => T): T {
  const requestId = requestIdFrom(req.headers['x-request-id']);
  req.headers['x-request-id'] = requestId;
  return scope.run({ requestId, changedIds: new Set(), changedTypes: new Set() }, fn);
}

/**
 * Notes the ids and types of what the current request changed (see `RequestScope.changedIds`); nothing
 * outside a request.
 */
export function noteChanges(ids: Iterable<string>, types: Iterable<string>): void {
  const store = scope.getStore();
  if (store?.changedIds) for (const id of ids) store.changedIds.add(id);
  if (store?.changedTypes) for (const type of types) store.changedTypes.add(type);
}

/** Runs `fn` in a given request's scope: a graphql-ws operation, which has no HTTP request of its own. */
export function withRequestScope<T>(requestScope: RequestScope, fn: () => T): T {
  return scope.run(requestScope, fn);
}

/**
 * Runs `fn` outside any request's scope: background work a request merely woke (the outbox relay after a
 * commit, an inbox delivery) is not that request's, in its logs or its SQL count.
 */
export function outsideRequestScope<T>(fn: () => T): T {
  return scope.exit(() => background.run(true, fn));
}

const background = new AsyncLocalStorage<true>();

/** Whether this is background work (see `outsideRequestScope`): its SQL is counted apart. */
export function inBackground(): boolean {
  return background.getStore() === true;
}
