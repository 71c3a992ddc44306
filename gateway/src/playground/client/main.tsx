// The playground page's script, bundled by the gateway (see ../bundle.ts) with GraphiQL, the Explorer
// plugin, graphql-ws and the Monaco editor. Its settings come from the page's JSON config block, so the
// Content-Security-Policy can forbid inline scripts.
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './playground.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { type MonacoEditor, useGraphiQL } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import type { PlaygroundConfig } from '../shared';
import { createPlaygroundFetcher } from './fetcher';
import { journeysPlugin } from './journeys';
import { createSession } from './session';
import { signInPlugin } from './sign-in';
import { setupWorkers } from './workers';

const config = JSON.parse(document.getElementById('playground-config')!.textContent!) as PlaygroundConfig;
setupWorkers(config.workers);

// The fetcher runs outside React; this keeps it the operation editor, for the cursor position.
let queryEditor: MonacoEditor | undefined;
function QueryEditorBridge() {
  queryEditor = useGraphiQL((state) => state.queryEditor);
  return null;
}
const cursorOffset = () => {
  const model = queryEditor?.getModel();
  const position = queryEditor?.getPosition();
  return model && position ? model.getOffsetAt(position) : undefined;
};

const session = createSession();
const fetcher = createPlaygroundFetcher({
  url: new URL(config.endpoint, window.location.href).href,
  session,
  cursorOffset,
});
const explorer = explorerPlugin({ showAttribution: false });
const plugins = [
  ...(config.signIn ? [signInPlugin({ session, ...config.signIn })] : []),
  journeysPlugin(config.presets),
  explorer,
];

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={config.defaultQuery}
    plugins={plugins}
    visiblePlugin={plugins[0]}
    shouldPersistHeaders={false}
  >
    <GraphiQL.Logo>
      <QueryEditorBridge />
      {config.title}
    </GraphiQL.Logo>
  </GraphiQL>,
);
