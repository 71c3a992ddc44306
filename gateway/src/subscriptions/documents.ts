import { ApolloServerErrorCode } from '@apollo/server/errors';
import { withCode } from '@freightgraph/platform';
import { type DocumentNode, GraphQLError, type GraphQLSchema, parse, print, validate } from 'graphql';
import { LRUCache } from 'lru-cache';

/** A subscription's operation, parsed and validated once for every socket that sends the same text. */
export interface PreparedDocument {
  document: DocumentNode;
  /** The printed operation: part of the key identical subscriptions share. */
  source: string;
}

interface Entry {
  document: DocumentNode;
  /** The schema `prepared` was validated against. */
  schema: GraphQLSchema;
  prepared: PreparedDocument | GraphQLError[];
}

/**
 * Parsed documents by operation text, per schema. Thousands of clients send the same subscription: one
 * parsed AST (with its tokens and locations, ~20 KB for a federated query) is then shared by all of
 * them instead of one per socket, and parsing, validation and printing run once. Bounded (LRU), and an
 * entry validated against a previous schema is validated again.
 */
export function createDocumentCache(max = 1_000) {
  const cache = new LRUCache<string, Entry>({ max });
  return {
    prepare(schema: GraphQLSchema, query: string): PreparedDocument | GraphQLError[] {
      const hit = cache.get(query);
      if (hit?.schema === schema) return hit.prepared;
      let document = hit?.document;
      try {
        document ??= parse(query);
      } catch (error) {
        // Not cached: a parse error costs no more than the lookup, and bad texts would evict good ones.
        if (!(error instanceof GraphQLError)) {
          return [new GraphQLError('Invalid query', { extensions: { code: 'BAD_REQUEST' } })];
        }
        return withCode([error], ApolloServerErrorCode.GRAPHQL_PARSE_FAILED);
      }
      const errors = validate(schema, document);
      const prepared =
        errors.length > 0
          ? withCode(errors, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED)
          : { document, source: print(document) };
      cache.set(query, { document, schema, prepared });
      return prepared;
    },
  };
}

export type DocumentCache = ReturnType<typeof createDocumentCache>;
