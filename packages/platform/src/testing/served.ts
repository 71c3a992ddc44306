import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Role } from '../auth/viewer';
import { type SubgraphOptions, startSubgraph } from '../subgraph';
import { testTokens } from './tokens';

export interface ServedSubgraph {
  /** `http://127.0.0.1:<port>/graphql`; the WebSocket endpoint is the same path. */
  graphql: string;
  /** `Bearer <internal token>` for a role, as the gateway would send it (HTTP header or connection_init). */
  internal(role: Role): Promise<string>;
  /** POSTs an operation as `admin`, through the real HTTP server and its token check. */
  post<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: TData | null; errors?: GraphQLFormattedError[] }>;
  close(): Promise<void>;
}

/**
 * A subgraph on a real HTTP + WebSocket server on a free port, as the gateway sees it: zero trust
 * included, with throwaway keys that `internal()` signs with.
 */
export async function serveSubgraphForTest<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
): Promise<ServedSubgraph> {
  const keysDir = await mkdtemp(join(tmpdir(), 'freightgraph-keys-'));
  const tokens = testTokens(keysDir);
  const service = await startSubgraph(options, {
    port: 0,
    host: '127.0.0.1',
    verifyInternalToken: await tokens.verifier(),
  });
  const graphql = `${service.url}/graphql`;
  return {
    graphql,
    internal: (role) => tokens.internal(role),
    async post<TData>(query: string, variables: Record<string, unknown> = {}) {
      const response = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await tokens.internal('admin') },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: TData | null; errors?: GraphQLFormattedError[] };
    },
    async close() {
      await service.close();
      await rm(keysDir, { recursive: true, force: true });
    },
  };
}
