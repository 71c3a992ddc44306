import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { RouteHandler } from '@freightgraph/platform';
import { BUNDLE_FILES, type Bundle, type BundleFile, type BundleResult } from './bundle';

const gzipAsync = promisify(gzip);

/** Route prefix of the playground's static files. */
export const ASSETS_PREFIX = '/playground/assets/';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface Served {
  body: Buffer;
  /** Compressed on first request, once: start-up stays cheap, and most gateways never serve the page. */
  gzipped(): Promise<Buffer>;
}

function served(body: Buffer): Served {
  let gzipped: Promise<Buffer> | undefined;
  return { body, gzipped: () => (gzipped ??= gzipAsync(body, { level: 9 })) };
}

export interface PlaygroundAssets {
  /** Path of each file, named by the bundle's key, so it can be cached forever and still change. */
  url(name: BundleFile): string;
  /** GET routes serving the files, for `createHttpServer`. */
  routes: Record<string, RouteHandler>;
  /** Resolves once the bundle is ready (rejects if it could not be built). */
  ready: Promise<void>;
}

/**
 * Serves the bundle. The paths are known before the bundle is (they carry its key), so the gateway
 * starts at once and a request that comes before the first build finishes waits for it.
 */
export function playgroundAssets(bundle: BundleResult): PlaygroundAssets {
  const tag = bundle.key.slice(0, 12);
  const url = (name: BundleFile) => {
    const ext = extname(name);
    return `${ASSETS_PREFIX}${name.slice(0, -ext.length)}.${tag}${ext}`;
  };
  const files = bundle.files.then(
    (bundled: Bundle) => new Map(BUNDLE_FILES.map((name) => [name, served(bundled[name])] as const)),
  );
  // Failures are answered per request (and logged by the caller), never left unhandled.
  files.catch(() => undefined);

  const routes: Record<string, RouteHandler> = {};
  for (const name of BUNDLE_FILES) {
    routes[url(name)] = async (req: IncomingMessage, res: ServerResponse) => {
      const file = await files.then(
        (map) => map.get(name),
        () => undefined,
      );
      if (!file) {
        res.statusCode = 503;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('The playground bundle could not be built; the gateway log says why.\n');
        return;
      }
      const useGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = useGzip ? await file.gzipped() : file.body;
      res.statusCode = 200;
      res.setHeader('content-type', CONTENT_TYPES[extname(name)] ?? 'application/octet-stream');
      res.setHeader('content-length', body.length);
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('vary', 'accept-encoding');
      if (useGzip) res.setHeader('content-encoding', 'gzip');
      res.end(body);
    };
  }
  return { url, routes, ready: files.then(() => undefined) };
}
