import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'undici';
import type { InternalTokenSigner, InternalTokenVerifier } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import { ROLE_SCOPES } from '../auth/viewer';
import type { Logger } from '../logger';
import { outsideRequestScope } from '../request-scope';
import type { ContextName, EventEnvelope } from './envelope';
import type { Destination } from './relay';
import { createKeyedRunner, orderingKey } from './runtime';

/** The identity the relay of `context` delivers with; an inbox accepts only these. */
export const serviceViewer = (context: ContextName): Viewer => ({
  sub: `service:${context}`,
  role: 'admin',
  scopes: ROLE_SCOPES.admin,
});

const MAX_INBOX_BYTES = 4_000_000;

/** The relay's destination for one consumer context: `POST <inbox>` with the internal token. */
export function httpInboxDestination(options: {
  consumer: ContextName;
  url: string;
  producer: ContextName;
  signer: InternalTokenSigner;
  timeoutMs?: number;
}): Destination {
  return {
    name: options.consumer,
    async send(events: EventEnvelope[]) {
      const response = await request(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: await options.signer.authorizationFor(serviceViewer(options.producer)),
        },
        body: JSON.stringify({ events }),
        headersTimeout: options.timeoutMs ?? 30_000,
        bodyTimeout: options.timeoutMs ?? 30_000,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200)
        throw new Error(`inbox ${options.url} answered ${response.statusCode}`);
      const { acked } = JSON.parse(text) as { acked?: unknown };
      return new Set(Array.isArray(acked) ? acked.filter((id): id is string => typeof id === 'string') : []);
    },
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_INBOX_BYTES) {
        req.destroy();
        reject(new Error('inbox batch too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
};

/**
 * `POST /events`: a batch from another context's relay, applied in order per correlation id (and
 * concurrently across them). Answers with the ids it has taken (applied, already applied, or parked);
 * the relay retries the rest.
 */
export function httpInboxRoute(options: {
  verify: InternalTokenVerifier;
  apply: (raw: unknown) => Promise<unknown>;
  logger: Logger;
}) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const viewer = await options.verify(req.headers.authorization);
      if (!viewer.sub.startsWith('service:')) throw new Error('not a relay');
    } catch {
      return send(res, 401, {
        errors: [{ message: 'Only relays deliver events', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, {
        errors: [{ message: 'Body is not a JSON batch', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    const events = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) {
      return send(res, 400, {
        errors: [{ message: 'Expected { events: [...] }', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    const run = createKeyedRunner();
    const failedKeys = new Set<string>();
    const results = await Promise.all(
      events.map((raw) => {
        const key = orderingKey(raw);
        return run(key, async () => {
          // Never apply an event after an earlier one of the same process failed: order first.
          if (failedKeys.has(key)) return undefined;
          try {
            await outsideRequestScope(() => options.apply(raw));
            return (raw as { id?: unknown } | null)?.id;
          } catch (error) {
            failedKeys.add(key);
            options.logger.warn({ err: error }, 'inbox event not applied; the relay will retry');
            return undefined;
          }
        });
      }),
    );
    send(res, 200, { acked: results.filter((id): id is string => typeof id === 'string') });
  };
}
