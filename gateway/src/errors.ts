import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, type Logger } from '@freightgraph/platform';
import { type GraphQLFormattedError, Kind, parse } from 'graphql';

/** Stable `extensions.code` values for failures of the call to a subgraph (not errors it returned). */
export const SubgraphErrorCode = {
  /** Connection refused or reset, DNS failure, or a 502/503/504 in front of it. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** No complete answer within `SUBGRAPH_TIMEOUT_MS`. */
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  /** It answered, but not with a GraphQL response. */
  SUBGRAPH_BAD_RESPONSE: 'SUBGRAPH_BAD_RESPONSE',
} as const;

/** What became of one subgraph call that threw instead of returning a GraphQL response. */
export type SubgraphFailure =
  | { kind: 'errors'; response: { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] } }
  | { kind: 'failed'; error: GraphQLFormattedError };

interface HttpErrorExtensions {
  response?: { status?: number; body?: unknown };
}

/**
 * Classifies the error `RemoteGraphQLDataSource` threw for a subgraph call. A non-2xx answer that still
 * carries GraphQL errors (e.g. a 400 for a field the subgraph no longer has) keeps those errors and
 * their codes; everything else becomes one error naming the subgraph, with a stable code.
 */
export function classifySubgraphFailure(
  serviceName: string,
  error: unknown,
  timeoutMs: number,
): SubgraphFailure {
  const failed = (code: string, message: string, extra: Record<string, unknown> = {}): SubgraphFailure => ({
    kind: 'failed',
    error: { message, extensions: { code, serviceName, ...extra } },
  });
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return failed(
      SubgraphErrorCode.SUBGRAPH_TIMEOUT,
      `Subgraph "${serviceName}" did not answer within ${timeoutMs} ms`,
    );
  }
  // Duck-typed: the gateway's CommonJS build has its own copy of graphql's GraphQLError class.
  const status = (error as { extensions?: HttpErrorExtensions } | null)?.extensions?.response?.status;
  if (typeof status === 'number') {
    const body = (error as { extensions: HttpErrorExtensions }).extensions.response?.body;
    if (isGraphQLErrorResponse(body)) return { kind: 'errors', response: body };
    if (status === 401 || status === 403) {
      const code = status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      return failed(code, `Subgraph "${serviceName}" refused the request (HTTP ${status})`);
    }
    if (status === 502 || status === 503 || status === 504) {
      return failed(SubgraphErrorCode.SUBGRAPH_UNAVAILABLE, `Subgraph "${serviceName}" is unavailable`, {
        status,
      });
    }
    return failed(
      SubgraphErrorCode.SUBGRAPH_BAD_RESPONSE,
      `Subgraph "${serviceName}" answered with HTTP ${status}`,
      { status },
    );
  }
  // undici reports every transport failure (refused, reset, closed mid-body, DNS) as a TypeError.
  if (error instanceof TypeError) {
    return failed(SubgraphErrorCode.SUBGRAPH_UNAVAILABLE, `Subgraph "${serviceName}" is unavailable`);
  }
  return failed(
    SubgraphErrorCode.SUBGRAPH_BAD_RESPONSE,
    `Subgraph "${serviceName}" sent a response that is not GraphQL`,
  );
}

function isGraphQLErrorResponse(
  body: unknown,
): body is { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] } {
  if (typeof body !== 'object' || body === null) return false;
  const errors = (body as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => typeof e === 'object' && e !== null && typeof e.message === 'string')
  );
}

/**
 * The response paths a failed root fetch leaves empty (its top-level fields), so a client can tell which
 * fields the error is about. Entity fetches (`_entities`) cover many objects: their error has no path.
 */
export function rootFieldPaths(subgraphQuery: string): string[][] | undefined {
  let paths: string[][];
  try {
    const operation = parse(subgraphQuery).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    paths = (operation?.selectionSet.selections ?? []).flatMap((selection) =>
      selection.kind === Kind.FIELD && selection.name.value !== '__typename'
        ? [[(selection.alias ?? selection.name).value]]
        : [],
    );
  } catch {
    return undefined;
  }
  if (paths.length === 0 || paths.some(([name]) => name === '_entities')) return undefined;
  return paths;
}

/** The transport detail worth a log line (`ECONNREFUSED`, `UND_ERR_SOCKET`…), never sent to clients. */
export function failureCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : cause?.message;
  return typeof detail === 'string' ? `${error.message}: ${detail}` : error.message;
}

const INTERNAL_MESSAGE = 'Internal server error';

/**
 * Apollo Server `formatError`. In production, errors without a stable code (bugs, library errors) are
 * reduced to a generic INTERNAL_SERVER_ERROR that still says which subgraph was involved; errors with a
 * code, including every subgraph error and the SUBGRAPH_* failures, pass through without stack traces.
 */
export function createErrorFormatter(production: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const internal = typeof code !== 'string' || code === ErrorCode.INTERNAL_SERVER_ERROR;
    const serviceName = formatted.extensions?.serviceName;
    // A subgraph's own INTERNAL_SERVER_ERROR was logged (and masked) by that subgraph.
    if (internal && serviceName === undefined) {
      logger.error({ err: unwrapResolverError(error) }, 'internal error');
    }
    if (!production) return formatted;
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    if (!internal) return { ...formatted, extensions };
    return {
      message: INTERNAL_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(serviceName !== undefined ? { serviceName } : {}),
      },
    };
  };
}
