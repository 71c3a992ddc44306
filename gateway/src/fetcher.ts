import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { type Dispatcher, Headers, request } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherInit = Parameters<Fetcher>[1];

/** A subgraph's answer read to the end: plain data, so several callers can share one. */
interface Answer {
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * The Fetch-shaped response `RemoteGraphQLDataSource` reads (status, headers, `json()`), over a body
 * that is already in memory. Every caller gets its own, so each parses its own copy of the data: the
 * gateway edits the data it is handed.
 */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: Headers;
  bodyUsed = false;

  constructor(private readonly answer: Answer) {
    this.headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const item of value) this.headers.append(name, item);
      else if (value !== undefined) this.headers.append(name, value);
    }
  }

  get url() {
    return this.answer.url;
  }
  get status() {
    return this.answer.status;
  }
  get ok() {
    return this.answer.status >= 200 && this.answer.status < 300;
  }
  get statusText() {
    return STATUS_CODES[this.answer.status] ?? '';
  }
  async text() {
    this.bodyUsed = true;
    return this.answer.text;
  }
  async json() {
    return JSON.parse(await this.text());
  }
  async arrayBuffer() {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone() {
    return new BufferedResponse(this.answer);
  }
}

export interface SubgraphFetcherOptions {
  dispatcher: Dispatcher;
  /** Deadline of the whole call: connect, headers and body. */
  timeoutMs: number;
  /**
   * Share one subgraph call between identical queries in flight at the same time (same URL, body and
   * headers other than the per-request trace ids), as Apollo Router's `deduplicate_query` and Hive
   * Gateway do. Mutations are never shared.
   */
  dedupe: boolean;
}

// Headers that differ per client request without changing the answer. A shared call carries the first
// caller's; the others' ids are still logged by the gateway.
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'traceparent', 'tracestate']);

// The gateway sends `{"query":"<operation>",…}`; only a query operation (keyword or shorthand) is shared.
const QUERY_BODY = /^\{"query":"(?:query\b|\{)/;

function dedupeKey(url: string, init: FetcherInit): string | undefined {
  const body = init?.body;
  if (typeof body !== 'string' || !QUERY_BODY.test(body)) return undefined;
  const headers = Object.entries(init?.headers ?? {})
    .filter(([name]) => !PER_REQUEST_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .sort();
  return `${url}\n${headers.join('\n')}\n${body}`;
}

/**
 * The gateway's subgraph fetcher: undici's `request` on the shared keep-alive agent (the profile showed
 * `fetch`'s web streams and per-call Request objects among the gateway's top costs), with in-flight
 * deduplication of identical queries. Fails like `fetch`: a TypeError for transport failures, the
 * signal's TimeoutError past the deadline.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): Fetcher {
  const inflight = new Map<string, Promise<Answer>>();

  const send = async (url: string, init: FetcherInit): Promise<Answer> => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const response = await request(url, {
        method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init?.headers,
        body: init?.body,
        dispatcher: options.dispatcher,
        signal,
      });
      const text = await response.body.text();
      return { url, status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
  };

  return async (url, init) => {
    const key = options.dedupe ? dedupeKey(url, init) : undefined;
    if (key === undefined) return new BufferedResponse(await send(url, init));
    let shared = inflight.get(key);
    if (!shared) {
      shared = send(url, init).finally(() => inflight.delete(key));
      inflight.set(key, shared);
    }
    return new BufferedResponse(await shared);
  };
}
