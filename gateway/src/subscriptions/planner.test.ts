import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { SubgraphDataSource } from '../datasource';
import { composeSupergraph } from '../testing/stand-in';
import { loadSupergraph, planSubscription } from './planner';

const ticks = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id") { id: ID! }
  type Tick { n: Int! cursor: String! item: Item! }
  type Query { ping: Boolean }
  type Subscription { ticks(topic: String!, after: String): Tick! }
`);
const items = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id") { id: ID! name: String! }
  type Query { item(id: ID!): Item }
`);
const sdl = composeSupergraph([
  { name: 'ticks', url: 'http://127.0.0.1:1/graphql', typeDefs: ticks },
  { name: 'items', url: 'http://127.0.0.1:2/graphql', typeDefs: items },
]);
const load = (generation: number) =>
  loadSupergraph(sdl, generation, ({ url }) => ({ url }) as unknown as SubgraphDataSource);
const SOURCE = 'subscription Watch($t: String!) { ticks(topic: $t) { n item { name } } }';

describe('planSubscription', () => {
  it('plans a document once per supergraph, whoever subscribes with it and with whatever variables', () => {
    const state = load(1);
    const document = parse(SOURCE);
    const first = planSubscription(state, { document, operationName: 'Watch', source: SOURCE });
    const again = planSubscription(state, { document, operationName: 'Watch', source: SOURCE });
    expect(again).toBe(first);
    expect(first.primary.serviceName).toBe('ticks');
    expect(first.rest).toBeDefined();
    // Resumable: the primary fetch rewritten to take the gateway's cursor variable.
    expect(first.resumable?.query).toContain('fgAfter_');

    // Another document (even of the same text) or another supergraph is planned on its own.
    const other = planSubscription(state, {
      document: parse(SOURCE),
      operationName: 'Watch',
      source: SOURCE,
    });
    expect(other).not.toBe(first);
    const reloaded = planSubscription(load(2), { document, operationName: 'Watch', source: SOURCE });
    expect(reloaded).not.toBe(first);
    expect(reloaded.generation).toBe(2);
  });
});
