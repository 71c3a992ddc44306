import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, RouteHandler } from '@freightgraph/platform';
import type { GraphQLSchema } from 'graphql';
import { playgroundAssets } from './assets';
import { loadBundle } from './bundle';
import { defaultQueryFor } from './default-query';
import { CONTENT_SECURITY_POLICY, renderPage } from './page';
import { checkPresets, PRESETS, type Preset } from './presets';
import type { PlaygroundConfig, PresetView } from './shared';

export interface PlaygroundOptions {
  /** Path of the GraphQL endpoint. */
  endpoint: string;
  title?: string;
  /** The development sign-in, when the gateway mints tokens (never in production). */
  signIn?: PlaygroundConfig['signIn'];
  logger: Logger;
  /** Where the built bundle is cached; default under node_modules/.cache. */
  cacheDir?: string;
}

const view = (preset: Preset): PresetView => ({
  title: preset.title,
  description: preset.description,
  role: preset.role,
  query: preset.query,
  variables: preset.variables ? JSON.stringify(preset.variables, null, 2) : '',
});

/**
 * GraphiQL 5 with the Explorer, sign-in and journeys plugins, bundled from installed packages (no CDN).
 * `page` answers `/` and HTML requests to the GraphQL path; `routes` serves the bundle. The page is
 * rendered once per schema: the default query and the presets offered depend on what it can run.
 */
export async function createPlayground(options: PlaygroundOptions) {
  const { logger } = options;
  const started = Date.now();
  const bundle = await loadBundle(options.cacheDir);
  const assets = playgroundAssets(bundle);
  bundle.files.then(
    (files) =>
      logger.info(
        {
          ms: Date.now() - started,
          cached: bundle.cached(),
          bytes: Object.fromEntries(Object.entries(files).map(([name, body]) => [name, body.length])),
        },
        'playground bundle ready',
      ),
    (error: unknown) => logger.error({ err: error }, 'playground bundle could not be built'),
  );

  const render = (schema: GraphQLSchema | undefined) => {
    const { valid, broken } = checkPresets(schema, PRESETS);
    // Refused presets stay off the page: a journey that cannot run is worse than none.
    if (schema && valid.length === 0) {
      logger.warn('no playground preset runs on the served schema (not the Freightgraph API?)');
    } else {
      for (const { title, problems } of broken)
        logger.error(
          { preset: title, problems },
          'playground preset does not run on the served schema; left out',
        );
    }
    return renderPage(assets, {
      title: options.title ?? 'Freightgraph',
      endpoint: options.endpoint,
      defaultQuery: defaultQueryFor(schema),
      workers: {
        editor: assets.url('editor.worker.js'),
        json: assets.url('json.worker.js'),
        graphql: assets.url('graphql.worker.js'),
      },
      presets: valid.map(view),
      signIn: options.signIn,
    });
  };
  let html = render(undefined);

  const page: RouteHandler = (_req: IncomingMessage, res: ServerResponse) => {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.end(html);
  };

  return {
    page,
    routes: assets.routes,
    /** Resolves once the bundle is built (or read from the cache). */
    ready: assets.ready,
    /** Wire to `gateway.onSchemaLoadOrUpdate`. */
    schemaChanged(schema: GraphQLSchema): void {
      html = render(schema);
    },
  };
}
