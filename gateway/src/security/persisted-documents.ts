import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PersistedQueryOptions } from '@apollo/server';
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
  for (const [key, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') throw new Error(`${path}: entry ${key} is not a document`);
    // Codegen names the algorithm ("sha256:<hex>"); clients send the bare hex, as APQ does.
    const hash = key.startsWith('sha256:') ? key.slice('sha256:'.length) : key;
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
export function checkTrustedDocument(documents: TrustedDocuments, query: string): void {
  if (documents.has(createHash('sha256').update(query).digest('hex'))) return;
  throw new GraphQLError('Only trusted documents may run on this gateway; send a listed document id', {
    extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
  });
}
