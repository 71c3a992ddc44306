import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkPresets, PRESETS, type Preset, presetProblems } from './presets';

const api = buildSchema(readFileSync(new URL('../../../schema/api.graphql', import.meta.url), 'utf8'));

describe('playground presets', () => {
  it('all run on the API schema the gateway serves, variables included', () => {
    for (const preset of PRESETS) expect(presetProblems(api, preset), preset.title).toEqual([]);
    expect(checkPresets(api).valid).toHaveLength(PRESETS.length);
  });

  it('cover the journeys the playground promises', () => {
    const operations = PRESETS.map((preset) => /^(query|mutation|subscription)/.exec(preset.query)?.[1]);
    expect(operations).toEqual(expect.arrayContaining(['query', 'mutation', 'subscription']));
    expect(new Set(PRESETS.map((preset) => preset.title)).size).toBe(PRESETS.length);
  });

  it('are refused, with the reason, when the schema no longer runs them', () => {
    const stale: Preset = { ...PRESETS[0]!, title: 'stale', query: 'query Stale { orders { colour } }' };
    const badVariables: Preset = { ...PRESETS[2]!, title: 'bad variables', variables: { id: 42.5 } };
    const check = checkPresets(api, [PRESETS[0]!, stale, badVariables]);
    expect(check.valid).toEqual([PRESETS[0]]);
    expect(check.broken).toEqual([
      { title: 'stale', problems: [expect.stringContaining('colour')] },
      { title: 'bad variables', problems: [expect.stringContaining('$id')] },
    ]);
  });
});
