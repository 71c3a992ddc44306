// Runs in the browser. The page loaded React, ReactDOM, GraphiQL and the Explorer plugin as UMD globals
// before this file; the endpoint and default query come from the page's JSON config block, so no inline
// script is needed and the Content-Security-Policy can forbid them.
(() => {
  const config = JSON.parse(document.getElementById('playground-config').textContent);
  const explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });
  const fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).href });
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
