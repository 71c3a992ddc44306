import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '@freightgraph/platform';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH, loadConfig } from './config';

describe('gateway config', () => {
  it('defaults to port 4000, the committed supergraph, watching and the playground', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      SUPERGRAPH_PATH: DEFAULT_SUPERGRAPH_PATH,
      SUPERGRAPH_WATCH: true,
      PLAYGROUND: true,
      SUBGRAPH_TIMEOUT_MS: 10_000,
      MAX_BODY_BYTES: 1_000_000,
      SUBSCRIPTION_KEEPALIVE_MS: 12_000,
      SUBSCRIPTION_CLIENT_QUEUE: 100,
      SUBSCRIPTION_UPSTREAM_CONNECTIONS: 4,
      urlOverrides: {},
    });
    expect(DEFAULT_SUPERGRAPH_PATH.endsWith('/schema/supergraph.graphql')).toBe(true);
    expect(existsSync(DEFAULT_SUPERGRAPH_PATH)).toBe(true);
  });

  it('bounds the upstream subscription pool to 1-8 connections per subgraph', () => {
    expect(loadConfig({ SUBSCRIPTION_UPSTREAM_CONNECTIONS: '8' }).SUBSCRIPTION_UPSTREAM_CONNECTIONS).toBe(8);
    expect(() => loadConfig({ SUBSCRIPTION_UPSTREAM_CONNECTIONS: '9' })).toThrow(
      /SUBSCRIPTION_UPSTREAM_CONNECTIONS/,
    );
    expect(() => loadConfig({ SUBSCRIPTION_UPSTREAM_CONNECTIONS: '0' })).toThrow(
      /SUBSCRIPTION_UPSTREAM_CONNECTIONS/,
    );
  });

  it('parses the entity cache and token cache switches, refusing anything but on/off', () => {
    expect(loadConfig({})).toMatchObject({ ENTITY_CACHE: false, TOKEN_CACHE: true, ENTITY_CACHE_MAX_MB: 64 });
    expect(loadConfig({ ENTITY_CACHE: 'on', TOKEN_CACHE: 'false' })).toMatchObject({
      ENTITY_CACHE: true,
      TOKEN_CACHE: false,
    });
    expect(() => loadConfig({ ENTITY_CACHE: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ ENTITY_CACHE_DEFAULT_TTL_S: '0' })).toThrow(ConfigError);
  });

  it('parses the subscription failover window and the instances to fail over to', () => {
    expect(loadConfig({})).toMatchObject({
      SUBSCRIPTION_FAILOVER_WINDOW_MS: 30_000,
      SUBSCRIPTION_FAILOVER_URLS: {},
    });
    const config = loadConfig({
      SUBSCRIPTION_FAILOVER_WINDOW_MS: '0',
      SUBSCRIPTION_FAILOVER_URLS:
        'shipments=http://a:1/graphql, shipments=http://b:2/graphql,orders=https://c/graphql',
    });
    expect(config.SUBSCRIPTION_FAILOVER_WINDOW_MS).toBe(0);
    expect(config.SUBSCRIPTION_FAILOVER_URLS).toEqual({
      shipments: ['http://a:1/graphql', 'http://b:2/graphql'],
      orders: ['https://c/graphql'],
    });
    expect(() => loadConfig({ SUBSCRIPTION_FAILOVER_URLS: 'shipments' })).toThrow(ConfigError);
    expect(() => loadConfig({ SUBSCRIPTION_FAILOVER_WINDOW_MS: '-1' })).toThrow(ConfigError);
  });

  const production = {
    NODE_ENV: 'production',
    AUTH_JWKS_URL: 'https://idp.example.com/jwks.json',
    AUTH_ISSUER: 'https://idp.example.com/',
    AUTH_AUDIENCE: 'freightgraph',
    INTERNAL_SIGNING_KEY_FILE: '/run/secrets/internal.jwk.json',
  };

  it('turns watching, the playground and introspection off in production unless asked for', () => {
    expect(loadConfig(production)).toMatchObject({
      SUPERGRAPH_WATCH: false,
      PLAYGROUND: false,
      INTROSPECTION: false,
    });
    expect(loadConfig({ ...production, SUPERGRAPH_WATCH: 'true' }).SUPERGRAPH_WATCH).toBe(true);
  });

  it('refuses production without an identity provider and signing key: no development fallback', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_JWKS_URL.*AUTH_ISSUER.*AUTH_AUDIENCE.*INTERNAL_SIGNING_KEY_FILE/,
    );
    expect(() => loadConfig({ ...production, AUTH_ALGORITHMS: 'HS256' })).toThrow(/AUTH_ALGORITHMS/);
  });

  it('requires authentication by default and takes optional or off, nothing else', () => {
    expect(loadConfig({}).AUTH_MODE).toBe('required');
    expect(loadConfig({ AUTH_MODE: 'optional' }).AUTH_MODE).toBe('optional');
    expect(() => loadConfig({ AUTH_MODE: 'none' })).toThrow(/AUTH_MODE/);
  });

  it('refuses production with auth off unless ALLOW_UNAUTHENTICATED_PRODUCTION says it is meant', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'off' })).toThrow(
      /AUTH_MODE: off in production also needs ALLOW_UNAUTHENTICATED_PRODUCTION=true/,
    );
    const off = loadConfig({
      NODE_ENV: 'production',
      AUTH_MODE: 'off',
      ALLOW_UNAUTHENTICATED_PRODUCTION: 'true',
    });
    expect(off.AUTH_MODE).toBe('off');
    // Optional still verifies tokens, so it still needs the identity provider.
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'optional' })).toThrow(/AUTH_JWKS_URL/);
  });

  it('sends the internal token to our four subgraphs unless told which (or `*`)', () => {
    expect(loadConfig({}).INTERNAL_TOKEN_SUBGRAPHS).toEqual(['customers', 'orders', 'shipments', 'vehicles']);
    expect(loadConfig({ INTERNAL_TOKEN_SUBGRAPHS: ' a, b ,' }).INTERNAL_TOKEN_SUBGRAPHS).toEqual(['a', 'b']);
    expect(loadConfig({ INTERNAL_TOKEN_SUBGRAPHS: '*' }).INTERNAL_TOKEN_SUBGRAPHS).toBe('*');
  });

  it('collects URL overrides by subgraph name and resolves a relative supergraph path from the cwd', () => {
    const config = loadConfig({
      ORDERS_URL: 'http://10.0.0.2:4002/graphql',
      SUPERGRAPH_PATH: 'x/super.graphql',
    });
    expect(config.urlOverrides).toEqual({ orders: 'http://10.0.0.2:4002/graphql' });
    expect(config.SUPERGRAPH_PATH).toBe(resolve('x/super.graphql'));
  });

  it('reports every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', VEHICLES_URL: 'not a url', SUBGRAPH_TIMEOUT_MS: '0' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ PORT: 'x', VEHICLES_URL: 'not a url', SUBGRAPH_TIMEOUT_MS: '0' })).toThrow(
      /PORT.*VEHICLES_URL.*SUBGRAPH_TIMEOUT_MS/,
    );
  });
});
