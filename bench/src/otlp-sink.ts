import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let sink: Promise<{ url: string; server: Server }> | undefined;

/**
 * An OTLP/HTTP endpoint that accepts and drops every export, for the traced contenders: the gateway
 * pays for building, batching and sending its spans, as it would with a collector beside it.
 */
export function otlpSink(): Promise<string> {
  sink ??= new Promise((resolve) => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', req.headers['content-type'] ?? 'application/json');
        res.end(req.headers['content-type']?.includes('json') ? '{}' : undefined);
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.unref();
      resolve({ url: `http://127.0.0.1:${port}`, server });
    });
  });
  return sink.then(({ url }) => url);
}
