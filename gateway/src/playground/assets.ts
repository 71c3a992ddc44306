import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);

/** Route prefix of the playground's static files. */
export const ASSETS_PREFIX = '/playground/assets/';

/** A file from an installed package, found through its package.json (their `exports` hide the UMD builds). */
function fromPackage(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

function local(file: string): string {
  return fileURLToPath(new URL(file, import.meta.url));
}

/**
 * Everything the page loads, in load order. React first: the GraphiQL bundle reads `window.React` and
 * `window.ReactDOM`, and the Explorer plugin reads `window.GraphiQL.React`.
 */
const FILES = {
  'graphiql.css': fromPackage('graphiql', 'graphiql.min.css'),
  'explorer.css': fromPackage('@graphiql/plugin-explorer', 'dist/style.css'),
  'playground.css': local('./playground.css'),
  'react.js': fromPackage('react', 'umd/react.production.min.js'),
  'react-dom.js': fromPackage('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': fromPackage('graphiql', 'graphiql.min.js'),
  'explorer.js': fromPackage('@graphiql/plugin-explorer', 'dist/index.umd.js'),
  // The graphql-ws browser client (window.graphqlWs): subscriptions over the page's own socket.
  'graphql-ws.js': fromPackage('graphql-ws', 'umd/graphql-ws.min.js'),
  'playground.js': local('./boot.js'),
} as const;

export type AssetName = keyof typeof FILES;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface Asset {
  /** Content-hashed path, so it can be cached forever and still change with an upgrade. */
  path: string;
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

// The maps are not shipped: without this the browser's devtools would ask for them and log 404s.
const SOURCE_MAP_COMMENT = /\n?(\/\/# sourceMappingURL=\S+|\/\*# sourceMappingURL=\S+ \*\/)\s*$/;

function load(name: string, file: string): Asset {
  const text = readFileSync(file, 'utf8').replace(SOURCE_MAP_COMMENT, '\n');
  const body = Buffer.from(text);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const ext = extname(name);
  return {
    path: `${ASSETS_PREFIX}${name.slice(0, -ext.length)}.${hash}${ext}`,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    body,
    gzipped: gzipSync(body, { level: 9 }),
  };
}

export interface PlaygroundAssets {
  /** Hashed URL path of each asset, for the page. */
  url(name: AssetName): string;
  /** GET routes serving the assets, for `createHttpServer`. */
  routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
}

/** Reads (and compresses) every asset once, at start-up; a missing package fails the start. */
export function loadPlaygroundAssets(): PlaygroundAssets {
  const assets = new Map<AssetName, Asset>();
  for (const [name, file] of Object.entries(FILES)) assets.set(name as AssetName, load(name, file));
  const routes: PlaygroundAssets['routes'] = {};
  for (const asset of assets.values()) {
    routes[asset.path] = (req, res) => {
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? asset.gzipped : asset.body;
      res.statusCode = 200;
      res.setHeader('content-type', asset.contentType);
      res.setHeader('content-length', body.length);
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('vary', 'accept-encoding');
      if (gzip) res.setHeader('content-encoding', 'gzip');
      res.end(body);
    };
  }
  return {
    url: (name) => {
      const asset = assets.get(name);
      if (!asset) throw new Error(`unknown playground asset ${name}`);
      return asset.path;
    },
    routes,
  };
}
