import { Button, type GraphiQLPlugin, StarIcon, useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import type { PresetView } from '../shared';

/** The user journeys as a collection: a click opens the preset in a tab of its own, ready to run. */
export function journeysPlugin(presets: PresetView[]): GraphiQLPlugin {
  return { title: 'Journeys', icon: StarIcon, content: () => <JourneysPanel presets={presets} /> };
}

function JourneysPanel({ presets }: { presets: PresetView[] }) {
  const { addTab } = useGraphiQLActions();
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const open = (preset: PresetView) => {
    addTab();
    variableEditor?.setValue(preset.variables);
    queryEditor?.setValue(preset.query);
    // From the top, as a person reads it (setValue leaves the view wherever the last line ended).
    queryEditor?.setPosition({ lineNumber: 1, column: 1 });
    queryEditor?.setScrollPosition({ scrollLeft: 0, scrollTop: 0 });
    queryEditor?.focus();
  };
  return (
    <section className="playground-panel" aria-label="Journeys">
      <div className="graphiql-doc-explorer-title">Journeys</div>
      <ul className="playground-list">
        {presets.map((preset) => (
          <li key={preset.title}>
            <Button type="button" className="playground-choice" onClick={() => open(preset)}>
              <strong>{preset.title}</strong>
              <span className="playground-detail">{preset.description}</span>
              <span className="playground-detail">as {preset.role}</span>
            </Button>
          </li>
        ))}
      </ul>
      {presets.length === 0 ? <p className="playground-note">This schema cannot run the journeys.</p> : null}
    </section>
  );
}
