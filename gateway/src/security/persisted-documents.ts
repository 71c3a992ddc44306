import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ApolloServerPlugin, BaseContext, PersistedQueryOptions } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** A trusted-documents manifest: SHA-256 of each document → the document, as codegen writes it. */
export type TrustedDocuments = ReadonlyMap<string, string>;

/**
 * Loads the manifest codegen's client preset writes (`persistedDocuments` with sha256 hashes) and
 * checks every entry hashes to its key, so the allowlist cannot say one thing and run another.
 */
export async function loadTrustedDocuments(path: string): Promise<TrustedDocuments> {
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') throw new Error(`${path}: entry ${hash} is not a document`);
    const actual = createHash('sha256').update(document).digest('hex');
    if (actual !== hash) throw new Error(`${path}: entry ${hash} hashes to ${actual}`);
    documents.set(hash, document);
  }
  return documents;
}

/**
 * The manifest as Apollo Server's persisted-query cache: a request naming a listed hash runs that
 * document; registrations are ignored, so nothing outside the manifest is ever stored.
 */
export function trustedDocumentCache(
  documents: TrustedDocuments,
): NonNullable<PersistedQueryOptions['cache']> {
  return {
    // Apollo Server prefixes the keys it asks for ("apq:<sha256>").
    get: async (key) => documents.get(key.slice(key.lastIndexOf(':') + 1)),
    set: async () => undefined,
    delete: async () => false,
  };
}

/** Trusted-documents mode: a query sent as text runs only if it is, byte for byte, a listed document. */
export function trustedDocumentsPlugin<TContext extends BaseContext>(
  documents: TrustedDocuments,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ queryHash }) {
          if (documents.has(queryHash)) return;
          throw new GraphQLError(
            'Only trusted documents may run on this gateway; send a listed document id',
            {
              extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
            },
          );
        },
      };
    },
  };
}
