import { readFileSync } from 'node:fs';
import type { BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import { withAuthorization } from '../auth/directives';
import type { SubgraphOptions } from './options';

/** Reads a subgraph's SDL file next to the calling module. */
export function loadSchemaFile(url: URL): DocumentNode {
  return parse(readFileSync(url, 'utf8'));
}

/** The executable subgraph schema; `Subscription` resolvers (`subscribe`) are kept. */
export function subgraphSchema<TContext extends BaseContext>(
  options: Pick<SubgraphOptions<TContext>, 'typeDefs' | 'resolvers'>,
): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: options.typeDefs, // @authenticated / @requiresScopes of the SDL, enforced here (the gateway does not).
      resolvers: withAuthorization(options.typeDefs, options.resolvers) as GraphQLResolverMap<unknown>,
    },
  ]);
}
