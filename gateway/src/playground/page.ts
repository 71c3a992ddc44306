import type { PlaygroundAssets } from './assets';
import type { PlaygroundConfig } from './shared';

/**
 * Only same-origin scripts, styles, workers and requests: the page must work on a machine without
 * internet, and the policy turns any off-host request a future bundle might add into a visible console
 * error. GraphiQL sets inline styles and its bundle embeds fonts and icons as data: URLs. Monaco runs
 * its language services in workers served from here. `connect-src 'self'` also admits the page's own
 * ws: origin (CSP level 3), where subscriptions go.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that can sit inside a <script> block: `</script>` and friends cannot close it early. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderPage(assets: PlaygroundAssets, config: PlaygroundConfig): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${escapeHtml(config.title)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${assets.url('playground.css')}" />
  </head>
  <body>
    <div id="graphiql"><p class="playground-fallback">Loading the playground…</p></div>
    <noscript><p class="playground-fallback">The playground needs JavaScript.</p></noscript>
    <script type="application/json" id="playground-config">${scriptSafeJson(config)}</script>
    <script src="${assets.url('playground.js')}"></script>
  </body>
</html>
`;
}
