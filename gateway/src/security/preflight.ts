import type { ParsedRequest } from '@freightgraph/platform';
import { type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import {
  checkLimits,
  countTokens,
  LimitErrorCode,
  limitExceeded,
  measureDocument,
  type OperationLimits,
} from './operation-limits';
import { checkTrustedDocument, type TrustedDocuments } from './persisted-documents';

export interface PreflightOptions extends OperationLimits {
  maxTokens: number;
  /** Trusted-documents mode: only these documents may be sent as text. */
  trusted?: TrustedDocuments | undefined;
}

/** The query text of a request: the JSON body's `query`, or `?query=` on a GET. */
function queryText({ body, search }: ParsedRequest): string | undefined {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const query = (body as { query?: unknown }).query;
    return typeof query === 'string' ? query : undefined;
  }
  return body === undefined ? (new URLSearchParams(search).get('query') ?? undefined) : undefined;
}

function variablesOf({ body }: ParsedRequest): Record<string, unknown> {
  const variables =
    typeof body === 'object' && body !== null ? (body as { variables?: unknown }).variables : undefined;
  return typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {};
}

/**
 * Checks a request's document before Apollo Server parses and validates it: trusted-documents mode,
 * then tokens on the raw text (lexing stops at the limit), then depth, root fields, aliases and cost of
 * the parsed document. This runs in the context function, the one place before validation where a
 * thrown GraphQLError reaches the client with its code and status; validation's overlapping-fields
 * rule, quadratic in same-named fields, is what alias and fragment bombs aim at.
 *
 * A request naming a persisted document by hash carries no text: that document was checked when it was
 * registered, or comes from the trusted manifest.
 */
export function createPreflight(options: PreflightOptions) {
  let schema: GraphQLSchema | undefined;
  return {
    /** Wire to `gateway.onSchemaLoadOrUpdate` (the API schema). */
    schemaChanged(next: GraphQLSchema): void {
      schema = next;
    },
    check(request: ParsedRequest): void {
      const query = queryText(request);
      if (query === undefined) return;
      if (options.trusted) checkTrustedDocument(options.trusted, query);
      const tokens = countTokens(query, options.maxTokens);
      if (tokens > options.maxTokens) {
        throw limitExceeded(LimitErrorCode.TOKEN_LIMIT_EXCEEDED, 'Token count', options.maxTokens, tokens);
      }
      if (!schema) return;
      let document: DocumentNode;
      try {
        document = parse(query, { noLocation: true });
      } catch {
        return; // Apollo Server reports the syntax error with its location.
      }
      const exceeded = checkLimits(measureDocument(schema, document, variablesOf(request)), options);
      if (exceeded) throw exceeded;
    },
  };
}

export type Preflight = ReturnType<typeof createPreflight>;
