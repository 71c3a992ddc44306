import type { Server } from 'node:http';

/**
 * Headers on every gateway response. JSON answers need no scripts, frames or referrers; the
 * playground page sets its own, narrower-than-default CSP on top.
 */
export function securityHeaders(production: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    // Only meaningful behind TLS, which production has and a laptop does not.
    ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Slow clients (slowloris) hold sockets open by trickling headers or body: Node cuts a request off
 * when its headers, or all of it, take longer than this.
 */
export function hardenHttpServer(server: Server, requestTimeoutMs: number): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(requestTimeoutMs, 10_000);
  // Keep-alive sockets idle for longer than a request may take are closed.
  server.keepAliveTimeout = 5_000;
}
