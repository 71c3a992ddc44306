import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { requestIdFrom, type Viewer } from '@freightgraph/platform';

/** What the gateway keeps of each client request, to forward to the subgraphs it calls. */
export interface GatewayContext {
  /** Correlation id: the client's `x-request-id` when sane, else a fresh UUID. Echoed on the response. */
  requestId: string;
  /**
   * The client's `Authorization` header as received; once the security layer has verified it, the
   * gateway's internal token for the subgraphs instead (the client's token is never forwarded).
   */
  authorization: string | undefined;
  /**
   * The verified caller: the anonymous viewer for a caller without a token when AUTH_MODE=optional;
   * undefined for anonymous introspection in development, and always when AUTH_MODE=off.
   */
  viewer?: Viewer | undefined;
  /** The client headers the header rules propagate (GATEWAY_HEADERS_FILE); empty without rules. */
  forwarded: Readonly<Record<string, string>>;
  /** W3C trace context, forwarded untouched so subgraph spans join the caller's trace. */
  traceparent: string | undefined;
  tracestate: string | undefined;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

function single(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? header : undefined;
}

type PickHeaders = (headers: IncomingMessage['headers']) => Readonly<Record<string, string>>;

export function createContext(req: IncomingMessage, pick: PickHeaders = () => ({})): GatewayContext {
  const traceparent = single(req.headers.traceparent)?.toLowerCase();
  const valid = traceparent !== undefined && TRACEPARENT.test(traceparent);
  return {
    requestId: requestIdFrom(req.headers['x-request-id']),
    authorization: single(req.headers.authorization),
    forwarded: pick(req.headers),
    traceparent: valid ? traceparent : undefined,
    // tracestate is meaningless without the traceparent it belongs to.
    tracestate: valid ? single(req.headers.tracestate) : undefined,
  };
}

/** Returns the correlation id to the client, so a bug report can quote it. */
export const requestIdPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('x-request-id', contextValue.requestId);
      },
    };
  },
};
