/**
 * Composes the four subgraph SDLs into schema/supergraph.graphql (what the gateway serves) and
 * schema/api.graphql (the client-facing schema codegen types the tests against).
 * `--check` fails instead of writing when the committed files are stale, for CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

const ports = { customers: 4001, orders: 4002, shipments: 4003, vehicles: 4004 } as const;
const root = new URL('../', import.meta.url);

const services = Object.entries(ports).map(([name, port]) => ({
  name,
  url: `http://127.0.0.1:${port}/graphql`,
  typeDefs: parse(readFileSync(new URL(`subgraphs/${name}/src/schema.graphql`, root), 'utf8')),
}));

const result = composeServices(services);
if (result.errors) {
  for (const error of result.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints) console.warn(`hint: ${hint.definition.code}: ${hint.message}`);

const outputs = {
  'schema/supergraph.graphql': result.supergraphSdl,
  'schema/api.graphql': `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema())}\n`,
};

const check = process.argv.includes('--check');
let stale = false;
for (const [file, content] of Object.entries(outputs)) {
  const url = new URL(file, root);
  if (check) {
    let current = '';
    try {
      current = readFileSync(url, 'utf8');
    } catch {}
    if (current !== content) {
      console.error(`${file} is stale: run npm run compose and commit it`);
      stale = true;
    }
  } else {
    writeFileSync(url, content);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
