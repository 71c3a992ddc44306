import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Stable `extensions.code` values clients may switch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** Invalid input, naming the offending field (e.g. `input.location.lat`) in `extensions.field`. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} not found`, { extensions: { code: ErrorCode.NOT_FOUND, id } });
}

/**
 * The same errors with `extensions.code` set: over WebSocket nothing adds the codes Apollo gives parse
 * and validation errors over HTTP (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED).
 */
export function withCode(errors: readonly GraphQLError[], code: string): GraphQLError[] {
  return errors.map(
    (error) =>
      new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        extensions: { ...error.extensions, code },
      }),
  );
}

/** An invariant of our own code; a failure is a bug, reported as an internal error. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

const INTERNAL_MESSAGE = 'Internal server error';

/**
 * Apollo Server `formatError`: errors we raised on purpose (a GraphQLError with a code, or graphql's own
 * validation errors) pass through; anything else (driver errors carrying SQL, bugs) is reduced to a
 * generic INTERNAL_SERVER_ERROR so no SQL, stack or internal message leaves the service.
 */
export function createErrorFormatter(onInternal: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    onInternal(original);
    return {
      message: INTERNAL_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
