import { propagatesTraceContext } from '@freightgraph/platform';
import type { GatewayContext } from '../context';
import type { HeaderRules } from './rules';

/** Which subgraphs get the gateway's internal token: named ones, or every one (`*`). */
export type InternalTokenSubgraphs = '*' | readonly string[];

export interface SubgraphHeaders {
  /** See HeaderRules.pick: what the context keeps of the client's headers. */
  pick: HeaderRules['pick'];
  /**
   * Everything the gateway sends one subgraph for one request, over HTTP or in a graphql-ws
   * `connection_init`: the rules' headers, then the gateway's own (request id, trace context), then
   * the internal token, only to a subgraph that verifies it.
   */
  forSubgraph(name: string, context: GatewayContext): Record<string, string>;
  /** Whether this subgraph verifies (and so is sent) the gateway's internal tokens. */
  trusts(name: string): boolean;
}

export function createSubgraphHeaders(rules: HeaderRules, trusted: InternalTokenSubgraphs): SubgraphHeaders {
  const trusts = (name: string) => trusted === '*' || trusted.includes(name);
  return {
    pick: rules.pick,
    trusts,
    forSubgraph(name, context) {
      const headers = rules.forSubgraph(name, context.forwarded);
      headers['x-request-id'] = context.requestId;
      // With tracing on, the undici instrumentation writes the gateway's own span as the parent (itself a
      // child of the client's); the client's header is forwarded untouched only when tracing is off.
      if (context.traceparent && !propagatesTraceContext()) {
        headers.traceparent = context.traceparent;
        if (context.tracestate) headers.tracestate = context.tracestate;
      }
      // Our internal token is for subgraphs that verify it; anyone else could replay it to one that does.
      if (context.authorization && trusts(name)) headers.authorization = context.authorization;
      return headers;
    },
  };
}
