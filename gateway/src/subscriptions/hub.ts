import { createHash } from 'node:crypto';
import {
  type AsyncQueue,
  createAsyncQueue,
  ErrorCode,
  INTERNAL_TOKEN_EXPIRED,
  type Logger,
} from '@freightgraph/platform';
import { type DocumentNode, type ExecutionResult, GraphQLError, validate } from 'graphql';
import type { GatewayContext } from '../context';
import { executeEvent } from './execute-event';
import { createFailover } from './failover';
import {
  planSubscription,
  SubscriptionErrorCode,
  type SubscriptionPlan,
  type SupergraphState,
  samePrimary,
} from './planner';
import type { Upstream, UpstreamEvent, UpstreamSink } from './upstream';

export interface HubOptions {
  upstream: Upstream;
  /** The current supergraph (swapped on reload). */
  state: () => SupergraphState;
  logger: Logger;
  /** Results one client may have undelivered before it is dropped as too slow. */
  clientQueueSize: number;
  /** Events one shared subscription may have waiting for execution before it is ended. */
  maxPendingEvents?: number;
  /** The internal `authorization` for this subscription's viewer, for subgraph calls and its stream. */
  authorize: (context: GatewayContext) => Promise<string | undefined>;
  /** What one subgraph is sent for one viewer (SubgraphHeaders.forSubgraph), here per subscription. */
  headersFor: (serviceName: string, context: GatewayContext) => Record<string, string>;
  /** The `connection_init` payload for one subgraph: the gateway's own token, shared by every viewer. */
  connectionParams: (serviceName: string) => Promise<Record<string, string>>;
  /**
   * How long (ms) a resumable stream whose subgraph went away is resubscribed from its last cursor
   * before its clients get SUBGRAPH_UNAVAILABLE; 0 turns failover off.
   */
  failoverWindowMs: number;
  /** More instances of a subgraph to fail over to, tried in turn after its supergraph URL. */
  failoverUrls?: Readonly<Record<string, readonly string[]>>;
}

export interface SubscribeRequest {
  document: DocumentNode;
  /** The operation as sent: with the operation name, variables and authorization it keys sharing. */
  source: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  context: GatewayContext;
  /** This client fell `clientQueueSize` results behind: the caller closes its connection. */
  onSlow: () => void;
}

type ClientQueue = AsyncQueue<ExecutionResult>;

interface Shared {
  key: string;
  plan: SubscriptionPlan;
  variables: Record<string, unknown>;
  context: GatewayContext;
  clients: Set<ClientQueue>;
  stop: () => void;
  /** Events execute one after the other, so every client sees them in the order they were committed. */
  chain: Promise<void>;
  pending: number;
  ended: boolean;
  /**
   * Whether a client with the same key may join: always, unless the stream resumes from a cursor
   * (`after`) and has already received events, which the newcomer, resuming from the same cursor, would
   * miss.
   */
  joinable: () => boolean;
}

/**
 * Identical subscriptions (same operation, variables and authorization) share one upstream subscription
 * and one execution per event, whose result is fanned out to each client's bounded queue: an event costs
 * the same for one subscriber or a thousand, and a slow client only fills its own queue.
 */
export function createHub(options: HubOptions) {
  const shared = new Map<string, Shared>();
  const counters = { events: 0, deliveries: 0, slowClients: 0, resubscribes: 0 };
  const maxPending = options.maxPendingEvents ?? 1_000;
  let unshared = 0;

  const end = (entry: Shared, error?: GraphQLError) => {
    if (entry.ended) return;
    entry.ended = true;
    shared.delete(entry.key);
    entry.stop();
    for (const client of [...entry.clients]) {
      // A client with a full queue is being dropped as too slow; it does not get the final error.
      if (error && client.size < options.clientQueueSize) client.push({ errors: [error] });
      client.end();
    }
  };

  const leave = (entry: Shared, client: ClientQueue) => {
    entry.clients.delete(client);
    if (entry.clients.size === 0) end(entry);
  };

  /**
   * The subscribe message's `extensions`: the request id, the viewer's internal token
   * (`authorization`) and the forwarded headers, built by the gateway alone (a client's own
   * `extensions` never get here).
   */
  const subscriptionIdentity = async (serviceName: string, context: GatewayContext) => {
    const { authorization, ...headers } = options.headersFor(serviceName, {
      ...context,
      authorization: await options.authorize(context),
    });
    return { requestId: context.requestId, ...(authorization ? { authorization } : {}), headers };
  };

  const execute = async (entry: Shared, event: UpstreamEvent) => {
    if (entry.ended) return;
    let result: ExecutionResult;
    try {
      // A fresh internal token per event: the one minted at subscribe time expires within a minute.
      const context = { ...entry.context, authorization: await options.authorize(entry.context) };
      result = await executeEvent(entry.plan, event, entry.variables, context, options.logger);
    } catch (error) {
      // executeQueryPlan reports subgraph failures as errors; a throw is a bug of ours or Apollo's.
      options.logger.error({ err: error, requestId: entry.context.requestId }, 'subscription event failed');
      result = { errors: [internalError()] };
    }
    counters.events++;
    for (const client of entry.clients) if (client.push(result)) counters.deliveries++;
  };

  const start = (request: SubscribeRequest, key: string): Shared | ExecutionResult => {
    let plan: SubscriptionPlan;
    try {
      plan = planSubscription(options.state(), request);
    } catch (error) {
      return { errors: [error as GraphQLError] };
    }
    const { primary } = plan;
    const entry: Shared = {
      key,
      plan,
      variables: request.variables,
      context: request.context,
      clients: new Set(),
      stop: () => undefined,
      chain: Promise.resolve(),
      pending: 0,
      ended: false,
      joinable: () => true,
    };
    const later = (step: () => unknown) => {
      entry.chain = entry.chain.then(async () => {
        await step();
      });
    };
    const variables = pick(request.variables, primary.variableUsages);
    const resumable = options.failoverWindowMs > 0 ? plan.resumable : undefined;
    const failover = createFailover(resumable, variables);
    entry.joinable = failover.joinable;
    const urls = [
      plan.state.urls[primary.serviceName] ?? '',
      ...(options.failoverUrls?.[primary.serviceName] ?? []),
    ];
    let stopUpstream: () => void = () => undefined;
    let retry: NodeJS.Timeout | undefined;
    const sink: UpstreamSink = {
      next: (received) => {
        const event = failover.received(received);
        if (entry.pending >= maxPending) {
          return end(
            entry,
            new GraphQLError('Subscription ended: events arrive faster than they can be resolved'),
          );
        }
        entry.pending++;
        later(() => execute(entry, event).finally(() => entry.pending--));
      },
      connected: () => failover.connected(),
      error: (error, transient) => {
        // A token of ours that expired before the subgraph read it (a long queue there) is renewed by
        // subscribing again, as after a lost connection; a forged or foreign token is not.
        const retriable = transient || error.extensions.reason === INTERNAL_TOKEN_EXPIRED;
        const delay = retriable && !entry.ended ? failover.retryIn(options.failoverWindowMs) : undefined;
        if (delay === undefined) {
          // After the events already received, so none is lost behind the error.
          later(() => end(entry, error));
          return;
        }
        counters.resubscribes++;
        options.logger.warn(
          { serviceName: primary.serviceName, delay, requestId: request.context.requestId },
          'upstream subscription lost; resubscribing from its last cursor',
        );
        retry = setTimeout(() => void open(), delay);
      },
      complete: () => later(() => end(entry)),
    };
    // Every (re)subscription from the last cursor delivered, to the next URL after a failure, with a
    // viewer token minted for it (so never stale) in its own `extensions`: the connection is shared.
    const open = async () => {
      let identity: Record<string, unknown>;
      try {
        identity = await subscriptionIdentity(primary.serviceName, request.context);
      } catch (error) {
        options.logger.error({ err: error, requestId: request.context.requestId }, 'subscription not signed');
        later(() => end(entry, internalError()));
        return;
      }
      if (entry.ended) return;
      stopUpstream = options.upstream.subscribe(
        {
          serviceName: primary.serviceName,
          url: urls[failover.attempts() % urls.length] ?? '',
          connectionParams: () => options.connectionParams(primary.serviceName),
        },
        {
          query: resumable?.query ?? primary.operation,
          operationName: primary.operationName ?? null,
          variables: failover.variables(),
          extensions: identity,
        },
        sink,
      );
    };
    entry.stop = () => {
      clearTimeout(retry);
      stopUpstream();
    };
    void open();
    shared.set(key, entry);
    return entry;
  };

  return {
    /** A client's stream of results, or an immediate result carrying the error that prevented it. */
    subscribe(request: SubscribeRequest): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
      const key = sharingKey(request);
      const existing = shared.get(key);
      const live = existing && !existing.ended ? existing : undefined;
      // A stream a newcomer cannot join keeps its key; the newcomer's gets one of its own.
      const entry = live?.joinable() ? live : start(request, live ? `${key}#${++unshared}` : key);
      if (!('clients' in entry)) return entry;
      const client: ClientQueue = createAsyncQueue({
        capacity: options.clientQueueSize,
        onOverflow: () => {
          counters.slowClients++;
          request.onSlow();
          client.end();
        },
        onClose: () => leave(entry, client),
      });
      entry.clients.add(client);
      return client.iterator;
    },

    /**
     * After a supergraph reload: re-plans every running subscription against the new schema. One whose
     * events still come from the same subgraph operation carries on with the new plan; any other ends
     * with SUBSCRIPTION_SCHEMA_CHANGED (the client resubscribes), rather than run a stale plan.
     */
    supergraphChanged(): void {
      const state = options.state();
      for (const entry of [...shared.values()]) {
        const changed = (reason: string) =>
          end(entry, schemaChanged(`Subscription ended: the graph changed (${reason}); subscribe again`));
        if (validate(state.schema, entry.plan.document).length > 0) {
          changed('the operation is no longer valid');
          continue;
        }
        try {
          const next = planSubscription(state, {
            document: entry.plan.document,
            operationName: entry.plan.operationContext.operation.name?.value,
            source: entry.plan.source,
          });
          const sameUrl =
            state.urls[next.primary.serviceName] === entry.plan.state.urls[entry.plan.primary.serviceName];
          if (samePrimary(next.primary, entry.plan.primary) && sameUrl) entry.plan = next;
          else changed('its events now come from elsewhere');
        } catch {
          changed('it can no longer be planned');
        }
      }
    },

    stats: () => ({
      shared: shared.size,
      clients: [...shared.values()].reduce((sum, entry) => sum + entry.clients.size, 0),
      ...counters,
    }),

    close(): void {
      const goingAway = new GraphQLError('Subscription ended: the gateway is shutting down', {
        extensions: { code: 'SHUTTING_DOWN' },
      });
      for (const entry of [...shared.values()]) end(entry, goingAway);
    },
  };
}

export type Hub = ReturnType<typeof createHub>;

function internalError(): GraphQLError {
  return new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
}

function schemaChanged(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: SubscriptionErrorCode.SUBSCRIPTION_SCHEMA_CHANGED },
  });
}

function pick(variables: Record<string, unknown>, names: readonly string[] | undefined) {
  const picked: Record<string, unknown> = {};
  for (const name of names ?? []) if (name in variables) picked[name] = variables[name];
  return picked;
}

/**
 * Who a subscription speaks for: the verified viewer's claims (not the token string, which rotates)
 * and the client headers the header rules forward.
 */
export function viewerScope(context: GatewayContext): string {
  const viewer = context.viewer;
  const claims = viewer
    ? [viewer.sub, viewer.role, viewer.customerId ?? null, viewer.vehicleId ?? null]
    : null;
  return JSON.stringify([claims, canonical(context.forwarded)]);
}

/** Same operation text, operation name, variables (in any key order) and viewer scope. */
export function sharingKey(
  request: Pick<SubscribeRequest, 'source' | 'operationName' | 'variables' | 'context'>,
) {
  return createHash('sha256')
    .update(
      JSON.stringify([
        request.source,
        request.operationName ?? null,
        canonical(request.variables),
        viewerScope(request.context),
      ]),
    )
    .digest('base64url');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
