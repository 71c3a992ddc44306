import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '@freightgraph/platform';
import type { GraphQLSchema } from 'graphql';
import { loadPlaygroundAssets } from './assets';
import { defaultQueryFor } from './default-query';
import { CONTENT_SECURITY_POLICY, renderPage } from './page';

export interface PlaygroundOptions {
  /** Path of the GraphQL endpoint. */
  endpoint: string;
  title?: string;
}

/**
 * GraphiQL with the Explorer plugin, built only from files in node_modules (no CDN). `page` answers `/`
 * and HTML requests to the GraphQL path; `routes` serves the assets. The page is rendered once per
 * schema, because the default query depends on what the schema can run.
 */
export function createPlayground(options: PlaygroundOptions) {
  const assets = loadPlaygroundAssets();
  const render = (schema: GraphQLSchema | undefined) =>
    renderPage(assets, {
      title: options.title ?? 'Freightgraph',
      endpoint: options.endpoint,
      defaultQuery: defaultQueryFor(schema),
    });
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
    /** Wire to `gateway.onSchemaLoadOrUpdate`. */
    schemaChanged(schema: GraphQLSchema): void {
      html = render(schema);
    },
  };
}
