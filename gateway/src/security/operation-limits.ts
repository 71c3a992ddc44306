import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  Kind,
  Lexer,
  type SelectionSetNode,
  Source,
  TokenKind,
} from 'graphql';

/** The shape limits every operation must stay within; each has its own error code. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxCost: number;
}

/** What an operation costs, over its fragments expanded (each fragment measured once). */
export interface Measure {
  depth: number;
  aliases: number;
  /** Fields selected at this level, through fragments; at the root, the root field count. */
  fields: number;
  cost: number;
}

/** Page size assumed when a paginated field gets no `first`, and list size for unpaginated lists. */
export const DEFAULT_PAGE_SIZE = 20;
export const ASSUMED_LIST_SIZE = 5;

export const LimitErrorCode = {
  TOKEN_LIMIT_EXCEEDED: 'TOKEN_LIMIT_EXCEEDED',
  DEPTH_LIMIT_EXCEEDED: 'DEPTH_LIMIT_EXCEEDED',
  ALIAS_LIMIT_EXCEEDED: 'ALIAS_LIMIT_EXCEEDED',
  ROOT_FIELD_LIMIT_EXCEEDED: 'ROOT_FIELD_LIMIT_EXCEEDED',
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
} as const;

export function limitExceeded(code: string, what: string, limit: number, actual: number): GraphQLError {
  const shown = Number.isFinite(actual) && actual < 1e15 ? Math.round(actual) : 'more than 10^15';
  return new GraphQLError(`${what} ${shown} exceeds the limit of ${limit}`, {
    extensions: { code, limit, actual: typeof shown === 'number' ? shown : null, http: { status: 400 } },
  });
}

/** Lexes at most `max + 1` tokens: a huge document costs no more than a small one to refuse. */
export function countTokens(source: string, max: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++count > max) break;
    }
  } catch {
    // A syntax error: the parser reports it properly later.
  }
  return count;
}

const ZERO: Measure = { depth: 0, aliases: 0, fields: 0, cost: 0 };

// The gateway's schema is built by its CommonJS copy of graphql, and graphql's `isObjectType` & co.
// refuse objects from another copy; these read the types by shape and tag, which both copies share.
const tag = (type: GraphQLType) => (type as { [Symbol.toStringTag]?: string })[Symbol.toStringTag];
const unwrap = (type: GraphQLType): GraphQLType =>
  tag(type) === 'GraphQLNonNull' ? (type as { ofType: GraphQLType }).ofType : type;
const isList = (type: GraphQLType) => tag(unwrap(type)) === 'GraphQLList';
function namedType(type: GraphQLType): GraphQLNamedType {
  let current = type;
  while ('ofType' in current && current.ofType) current = current.ofType as GraphQLType;
  return current as GraphQLNamedType;
}
function fieldOf(
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  const tagged = parent && tag(parent);
  if (tagged !== 'GraphQLObjectType' && tagged !== 'GraphQLInterfaceType') return undefined;
  return (parent as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[name];
}

/**
 * Measures every operation of a document against the schema, with this request's variables (a
 * `first: $n` costs what $n says). Unknown fields count as leaves and fragment cycles as nothing:
 * validation rejects both right after.
 */
export function measureDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, Measure>();
  const visiting = new Set<string>();

  const pageSize = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    if (!field.args.some((arg) => arg.name === 'first')) return undefined;
    const value = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
    if (value?.kind === Kind.INT) return Number(value.value);
    if (value?.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === 'number' && Number.isFinite(given)) return given;
    }
    return DEFAULT_PAGE_SIZE;
  };

  const multiplier = (parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, node: FieldNode) => {
    const page = pageSize(field, node);
    if (page !== undefined) return Math.max(0, page);
    // A connection's `edges` list is as long as the page its `first` already counted.
    if (!isList(field.type) || parent.name.endsWith('Connection')) return 1;
    return ASSUMED_LIST_SIZE;
  };

  const selections = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): Measure => {
    const total = { ...ZERO };
    const add = (m: Measure) => {
      total.depth = Math.max(total.depth, m.depth);
      total.aliases += m.aliases;
      total.fields += m.fields;
      total.cost += m.cost;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const field = fieldOf(parent, name);
        const child = selection.selectionSet
          ? selections(selection.selectionSet, field ? namedType(field.type) : undefined)
          : ZERO;
        const factor = field && parent ? multiplier(parent, field, selection) : 1;
        add({
          // Introspection is bounded by cost (and off in production), so the standard introspection
          // query, deeper than any application query, fits the depth limit meant for those.
          depth: name.startsWith('__') ? 0 : 1 + child.depth,
          aliases: (selection.alias ? 1 : 0) + child.aliases,
          fields: name === '__typename' ? 0 : 1,
          // __typename is free: no resolver, no subgraph call.
          cost: (name === '__typename' ? 0 : 1) + factor * child.cost,
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(selections(selection.selectionSet, type ?? undefined));
      } else {
        add(fragment(selection.name.value));
      }
    }
    return total;
  };

  const fragment = (name: string): Measure => {
    const known = memo.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || visiting.has(name)) return ZERO;
    visiting.add(name);
    const measured = selections(
      definition.selectionSet,
      schema.getType(definition.typeCondition.name.value) ?? undefined,
    );
    visiting.delete(name);
    memo.set(name, measured);
    return measured;
  };

  const result = { ...ZERO };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(definition.operation) ?? undefined;
    const m = selections(definition.selectionSet, root);
    result.depth = Math.max(result.depth, m.depth);
    result.aliases = Math.max(result.aliases, m.aliases);
    result.fields = Math.max(result.fields, m.fields);
    result.cost = Math.max(result.cost, m.cost);
  }
  return result;
}

/** The first limit a measured document breaks, as the error to send; undefined when within all. */
export function checkLimits(measure: Measure, limits: OperationLimits): GraphQLError | undefined {
  if (measure.depth > limits.maxDepth) {
    return limitExceeded(LimitErrorCode.DEPTH_LIMIT_EXCEEDED, 'Query depth', limits.maxDepth, measure.depth);
  }
  if (measure.fields > limits.maxRootFields) {
    return limitExceeded(
      LimitErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
      'Root field count',
      limits.maxRootFields,
      measure.fields,
    );
  }
  if (measure.aliases > limits.maxAliases) {
    return limitExceeded(
      LimitErrorCode.ALIAS_LIMIT_EXCEEDED,
      'Alias count',
      limits.maxAliases,
      measure.aliases,
    );
  }
  if (measure.cost > limits.maxCost) {
    return limitExceeded(LimitErrorCode.COST_LIMIT_EXCEEDED, 'Query cost', limits.maxCost, measure.cost);
  }
  return undefined;
}
