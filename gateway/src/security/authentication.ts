import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  ANONYMOUS_VIEWER,
  isAnonymous,
  type ParsedRequest,
  unauthenticated,
  type Viewer,
} from '@freightgraph/platform';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import type { AuthMode } from './config';
import type { Identity } from './identity';
import type { Preflight } from './preflight';
import { type RateLimiter, rateLimited } from './rate-limit';

export interface AuthenticationOptions {
  mode: AuthMode;
  identity: Identity;
  limiter: RateLimiter;
  /** Development only: anonymous introspection, so the playground's docs load before a token is set. */
  anonymousIntrospection: boolean;
  preflight: Preflight;
  /** Called for every request the rate limiter refuses (counted in /metrics). */
  onRateLimited?: () => void;
}

/**
 * The viewer a client's `Authorization` (HTTP header or graphql-ws `connection_init`) stands for under
 * the mode: `off` never looks at it (undefined); otherwise a token that is present must be valid
 * (UNAUTHENTICATED), and a missing one is the anonymous viewer when `optional`, undefined when
 * `required` (the caller decides whether that may go on).
 */
export function viewerFor(
  mode: AuthMode,
  identity: Pick<Identity, 'verifyAccessToken'>,
): (authorization: string | undefined) => Promise<Viewer | undefined> {
  if (mode === 'off') return async () => undefined;
  return async (authorization) => {
    const viewer = await identity.verifyAccessToken(authorization);
    return viewer ?? (mode === 'optional' ? ANONYMOUS_VIEWER : undefined);
  };
}

/**
 * Wraps the context function: rate-limits the caller (by token subject, else by IP), verifies the
 * access token, and replaces the client's `authorization` with the internal token the subgraphs
 * trust, so a client's own token never leaves the gateway (unless a header rule forwards it).
 * `required`: requests without a token are refused here unless anonymous introspection is allowed, in
 * which case the plugin below decides per operation. `optional`: they go on as the anonymous viewer.
 * `off`: nothing is verified and no internal token is minted. Only then is the document itself looked
 * at (the preflight limits).
 */
export function authenticatedContext(
  base: (req: IncomingMessage) => GatewayContext,
  options: AuthenticationOptions,
): (req: IncomingMessage, request: ParsedRequest) => Promise<GatewayContext> {
  const verify = viewerFor(options.mode, options.identity);
  return async (req, request) => {
    const context = base(req);
    let viewer: Viewer | undefined;
    let failure: unknown;
    try {
      viewer = await verify(context.authorization);
    } catch (error) {
      failure = error;
    }
    // Failed verifications are limited by IP like anonymous calls, so forging costs the forger.
    const key =
      viewer && !isAnonymous(viewer) ? `sub:${viewer.sub}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
    const decision = await options.limiter.take(key);
    if (!decision.allowed) {
      options.onRateLimited?.();
      throw rateLimited(decision.retryAfterSeconds);
    }
    if (failure) throw failure;
    if (!viewer && options.mode === 'required' && !options.anonymousIntrospection) throw unauthenticated();
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

/** AUTH_MODE=required: anonymous requests (development only) may introspect and nothing else. */
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
