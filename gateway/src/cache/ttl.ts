import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  type InlineFragmentNode,
  isCompositeType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { FIELD_HINTS, TYPE_HINTS } from './hints';

/**
 * The smallest hint one `... on Type { … }` reaches: its type's, each field's, and each field type's.
 * Walked with type information from the fragment's own type condition (`_entities` itself is not in
 * the API schema); fields the schema does not know (`__typename`) carry no hint.
 */
export function smallestHint(
  schema: GraphQLSchema,
  fragment: InlineFragmentNode | DocumentNode,
  start: number,
): number {
  let seconds = start;
  const typeInfo = new TypeInfo(schema);
  visit(
    fragment,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = parent && FIELD_HINTS[`${parent.name}.${node.name.value}`];
        if (field) seconds = Math.min(seconds, field.maxAge);
        const type = typeInfo.getType();
        const named = type && getNamedType(type);
        const typeHint = named && isCompositeType(named) ? TYPE_HINTS[named.name] : undefined;
        if (typeHint) seconds = Math.min(seconds, typeHint.maxAge);
      },
    }),
  );
  return seconds;
}

/**
 * Seconds an `_entities` fetch's answer may be cached, by the type of each representation, read from
 * the fetch's document: one `... on Type { … }` per type. Undefined for a document that is not a single
 * `_entities` query (root fields are never cached). Memoised per document text.
 */
export function createTtlReader(defaultSeconds: number) {
  let schema: GraphQLSchema | undefined;
  // A document that is not cacheable is remembered as an empty map.
  const memo = new LRUCache<string, Map<string, number>>({ max: 2_000 });
  return {
    schemaChanged(next: GraphQLSchema) {
      schema = next;
      memo.clear();
    },
    ttlByType(query: string): Map<string, number> | undefined {
      if (!schema) return undefined;
      const known = memo.get(query);
      if (known !== undefined) return known.size > 0 ? known : undefined;
      const read = readTtls(schema, query, defaultSeconds);
      memo.set(query, read ?? new Map());
      return read;
    },
  };
}

function readTtls(
  schema: GraphQLSchema,
  query: string,
  defaultSeconds: number,
): Map<string, number> | undefined {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return undefined;
  }
  const [operation, ...others] = document.definitions;
  if (others.length > 0 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query')
    return undefined;
  const [root, ...more] = operation.selectionSet.selections;
  if (more.length > 0 || root?.kind !== Kind.FIELD || root.name.value !== '_entities') return undefined;
  const ttls = new Map<string, number>();
  for (const fragment of root.selectionSet?.selections ?? []) {
    if (fragment.kind !== Kind.INLINE_FRAGMENT || !fragment.typeCondition) return undefined;
    const type = fragment.typeCondition.name.value;
    const start = Math.min(defaultSeconds, TYPE_HINTS[type]?.maxAge ?? defaultSeconds);
    ttls.set(type, smallestHint(schema, fragment, start));
  }
  return ttls;
}
