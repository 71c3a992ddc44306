// Runs in the browser. The page loaded React, ReactDOM, GraphiQL, the Explorer plugin and graphql-ws as UMD globals
// before this file; the endpoint and default query come from the page's JSON config block, so no inline
// script is needed and the Content-Security-Policy can forbid them.
(() => {
  const config = JSON.parse(document.getElementById('playground-config').textContent);
  const explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });
  const url = new URL(config.endpoint, window.location.href).href;
  // Subscriptions run over one graphql-ws socket to the same path. The socket opens with the first
  // subscription and carries the Authorization header of the headers editor as it was then.
  let headers = {};
  const wsClient = graphqlWs.createClient({
    url: url.replace(/^http/, 'ws'),
    lazy: true,
    connectionParams: () => {
      const authorization = headers.authorization || headers.Authorization;
      return authorization ? { authorization } : {};
    },
  });
  const send = GraphiQL.createFetcher({ url, wsClient });
  const fetcher = (params, options) => {
    headers = options?.headers || {};
    return send(params, options);
  };
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(
      GraphiQL,
      {
        fetcher,
        defaultQuery: config.defaultQuery,
        plugins: [explorer],
        visiblePlugin: explorer,
        shouldPersistHeaders: false,
      },
      React.createElement(GraphiQL.Logo, null, config.title),
    ),
  );
})();
