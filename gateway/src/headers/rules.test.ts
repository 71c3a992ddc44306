import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context';
import { loadHeaderRules } from './load';
import { compileHeaderRules, headerRulesFile } from './rules';
import { createSubgraphHeaders } from './subgraph-headers';

const rules = compileHeaderRules(
  headerRulesFile.parse({
    all: {
      request: [
        { propagate: { named: 'X-Tenant' } },
        { propagate: { named: 'x-user', rename: 'x-user-id' } },
        { propagate: { named: 'x-region', default: 'eu' } },
        { propagate: { matching: '^x-feature-' } },
        { insert: { name: 'x-gateway', value: 'freightgraph' } },
        { remove: { named: 'x-feature-secret' } },
      ],
    },
    subgraphs: {
      billing: {
        request: [{ remove: { matching: '^x-feature-' } }, { insert: { name: 'x-tenant', value: 'b' } }],
      },
    },
  }),
);

const client = {
  'x-tenant': 'acme',
  'X-User': 'u1',
  'x-feature-a': 'on',
  'x-feature-secret': 'hush',
  cookie: 'session=1',
  'content-length': '12',
};

describe('header rules', () => {
  it('keep of a request only the headers some rule propagates', () => {
    expect(rules.pick(client)).toEqual({
      'x-tenant': 'acme',
      'x-user': 'u1',
      'x-feature-a': 'on',
      'x-feature-secret': 'hush',
    });
    expect(compileHeaderRules().pick(client)).toEqual({});
  });

  it('propagate, rename, default, insert and remove in order, all subgraphs then one', () => {
    const picked = rules.pick(client);
    expect(rules.forSubgraph('orders', picked)).toEqual({
      'x-tenant': 'acme',
      'x-user-id': 'u1',
      'x-region': 'eu',
      'x-feature-a': 'on',
      'x-gateway': 'freightgraph',
    });
    expect(rules.forSubgraph('billing', picked)).toEqual({
      'x-tenant': 'b',
      'x-user-id': 'u1',
      'x-region': 'eu',
      'x-gateway': 'freightgraph',
    });
  });

  it('never read or set hop-by-hop and body headers', () => {
    const everything = compileHeaderRules(
      headerRulesFile.parse({ all: { request: [{ propagate: { matching: '.*' } }] } }),
    );
    expect(everything.pick({ host: 'h', connection: 'close', 'content-length': '1', 'x-a': 'a' })).toEqual({
      'x-a': 'a',
    });
    expect(
      headerRulesFile.safeParse({ all: { request: [{ insert: { name: 'host', value: 'x' } }] } }).success,
    ).toBe(false);
  });
});

describe('subgraph headers', () => {
  const context: GatewayContext = {
    requestId: 'r1',
    authorization: 'Bearer internal',
    forwarded: { 'x-tenant': 'acme' },
    traceparent: undefined,
    tracestate: undefined,
  };
  it('send the internal token only to the subgraphs that verify it', () => {
    const headers = createSubgraphHeaders(rules, ['orders']);
    expect(headers.forSubgraph('orders', context)).toMatchObject({
      authorization: 'Bearer internal',
      'x-request-id': 'r1',
      'x-tenant': 'acme',
    });
    expect(headers.forSubgraph('billing', context)).not.toHaveProperty('authorization');
    expect(createSubgraphHeaders(rules, '*').forSubgraph('billing', context)).toHaveProperty('authorization');
  });
});

describe('GATEWAY_HEADERS_FILE', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const file = async (name: string, text: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'gateway-headers-'));
    dirs.push(dir);
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };

  it('reads YAML and JSON', async () => {
    const yaml = await file('h.yaml', 'all:\n  request:\n    - insert: { name: x-a, value: "1" }\n');
    const json = await file(
      'h.json',
      JSON.stringify({ subgraphs: { s: { request: [{ insert: { name: 'x-b', value: '2' } }] } } }),
    );
    expect(loadHeaderRules(yaml).forSubgraph('s', {})).toEqual({ 'x-a': '1' });
    expect(loadHeaderRules(json).forSubgraph('s', {})).toEqual({ 'x-b': '2' });
  });

  it('reports every problem in one line naming the file', async () => {
    const path = await file(
      'bad.yaml',
      'all:\n  request:\n    - propagate: { named: x-a, matching: "^x" }\n    - insert: { name: "bad name", value: v }\n    - remove: { matching: "(" }\n',
    );
    expect(() => loadHeaderRules(path)).toThrow(
      new RegExp(
        `^invalid GATEWAY_HEADERS_FILE ${path}: all\\.request\\.0\\.propagate: give exactly one of named, matching; all\\.request\\.1\\.insert\\.name: not a valid header name; all\\.request\\.2\\.remove\\.matching: not a valid regular expression: \\($`,
      ),
    );
    expect(() => loadHeaderRules(`${path}.missing`)).toThrow(/^invalid GATEWAY_HEADERS_FILE .*ENOENT/);
  });
});
