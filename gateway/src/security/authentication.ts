import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { type ParsedRequest, unauthenticated, type Viewer } from '@freightgraph/platform';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import type { Identity } from './identity';
import type { Preflight } from './preflight';
import { type RateLimiter, rateLimited } from './rate-limit';

export interface AuthenticationOptions {
  identity: Identity;
  limiter: RateLimiter;
  /** Development only: anonymous introspection, so the playground's docs load before a token is set. */
  anonymousIntrospection: boolean;
  preflight: Preflight;
  /** Called for every request the rate limiter refuses (counted in /metrics). */
  onRateLimited?: () => void;
}

/**
 * Wraps the context function: rate-limits the caller (by token subject, else by IP), verifies the
 * access token, and replaces the client's `authorization` with the internal token the subgraphs
 * trust, so a client's own token never leaves the gateway. Requests without a token are refused here
 * unless anonymous introspection is allowed, in which case the plugin below decides per operation.
 * Only then is the document itself looked at (the preflight limits).
 */
export function authenticatedContext(
  base: (req: IncomingMessage) => GatewayContext,
  options: AuthenticationOptions,
): (req: IncomingMessage, request: ParsedRequest) => Promise<GatewayContext> {
  return async (req, request) => {
    const context = base(req);
    let viewer: Viewer | undefined;
    let failure: unknown;
    try {
      viewer = await options.identity.verifyAccessToken(context.authorization);
    } catch (error) {
      failure = error;
    }
    // Failed verifications are limited by IP like anonymous calls, so forging costs the forger.
    const key = viewer ? `sub:${viewer.sub}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
    const decision = await options.limiter.take(key);
    if (!decision.allowed) {
      options.onRateLimited?.();
      throw rateLimited(decision.retryAfterSeconds);
    }
    if (failure) throw failure;
    if (!viewer && !options.anonymousIntrospection) throw unauthenticated();
    options.preflight.check(request);
    const authorization = viewer ? await options.identity.internalAuthorizationFor(viewer) : undefined;
    return { ...context, viewer, authorization };
  };
}

function isIntrospectionOnly(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const only = (selections: OperationDefinitionNode['selectionSet']['selections']): boolean =>
    selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value.startsWith('__');
      if (selection.kind === Kind.INLINE_FRAGMENT) return only(selection.selectionSet.selections);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(selection.name.value)) return true;
      seen.add(selection.name.value);
      return only(fragment.selectionSet.selections);
    });
  return operation.operation === 'query' && only(operation.selectionSet.selections);
}

/** Anonymous requests (development only) may introspect and nothing else. */
export const authenticationPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operation }) {
        if (contextValue.viewer) return;
        if (!operation || !isIntrospectionOnly(document, operation)) throw unauthenticated();
      },
    };
  },
};
