import {
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  type InlineFragmentNode,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
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

/** How a root query fetch (no `_entities`) may be cached. */
export interface RootPlan {
  ttlSeconds: number;
  /** The response names of its root fields: an answer with one of them null is not cached. */
  fields: readonly string[];
  /**
   * The types whose changes may change which entities a list root field holds (its items' type, and
   * every hinted type its selection reaches): such an entry is evicted by any change to one of them.
   */
  listTypes: readonly string[];
}

/**
 * Seconds an `_entities` fetch's answer may be cached, by the type of each representation, read from
 * the fetch's document: one `... on Type { … }` per type; and how a root query fetch may be cached.
 * Memoised per document text.
 */
export function createTtlReader(defaultSeconds: number) {
  let schema: GraphQLSchema | undefined;
  // A document that is not cacheable is remembered as an empty map, or null.
  const memo = new LRUCache<string, Map<string, number>>({ max: 2_000 });
  const rootMemo = new LRUCache<string, RootPlan | { none: true }>({ max: 2_000 });
  const writtenMemo = new LRUCache<string, readonly string[]>({ max: 500 });
  return {
    schemaChanged(next: GraphQLSchema) {
      schema = next;
      memo.clear();
      rootMemo.clear();
      writtenMemo.clear();
    },
    /** Undefined when the fetch is not a query of root fields alone, or a field is never cached. */
    rootPlan(query: string): RootPlan | undefined {
      if (!schema) return undefined;
      let plan = rootMemo.get(query);
      if (plan === undefined) {
        plan = readRootPlan(schema, query, defaultSeconds) ?? { none: true };
        rootMemo.set(query, plan);
      }
      return 'none' in plan ? undefined : plan;
    },
    /** The types a mutation's root fields return: lists of them may hold what it changed. */
    typesWritten(query: string): readonly string[] {
      if (!schema) return [];
      let types = writtenMemo.get(query);
      if (types === undefined) {
        types = readTypesWritten(schema, query);
        writtenMemo.set(query, types);
      }
      return types;
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
  const operation = singleOperation(query);
  if (operation?.operation !== 'query') return undefined;
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

function singleOperation(query: string): OperationDefinitionNode | undefined {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return undefined;
  }
  const [operation, ...others] = document.definitions;
  return others.length === 0 && operation?.kind === Kind.OPERATION_DEFINITION ? operation : undefined;
}

/** The type a list root field holds: `[Order]`, or the nodes of a connection (`edges { node }`, `nodes`). */
function itemTypeOf(field: GraphQLField<unknown, unknown>): string | undefined {
  const type = getNullableType(field.type);
  if (isListType(type)) return getNamedType(type).name;
  if (!isObjectType(type)) return undefined;
  const fields = type.getFields();
  const nodes = fields.nodes && getNullableType(fields.nodes.type);
  if (nodes && isListType(nodes)) return getNamedType(nodes).name;
  const edge = fields.edges && getNamedType(fields.edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  return node ? getNamedType(node.type).name : undefined;
}

/** Every type with a hint that a selection reaches (the types a list's entries show). */
function hintedTypesIn(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  into: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      if (type) hintedTypesIn(schema, selection.selectionSet, type, into);
    } else if (selection.kind === Kind.FIELD && (isObjectType(parent) || isInterfaceType(parent))) {
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      if (TYPE_HINTS[named.name]) into.add(named.name);
      if (selection.selectionSet) hintedTypesIn(schema, selection.selectionSet, named, into);
    }
  }
}

function readRootPlan(schema: GraphQLSchema, query: string, defaultSeconds: number): RootPlan | undefined {
  const operation = singleOperation(query);
  const queryType = schema.getQueryType();
  if (operation?.operation !== 'query' || !queryType) return undefined;
  const fields: string[] = [];
  const listTypes = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    // Fragments at the root, `_entities` and fields the API schema does not know are not cached.
    if (selection.kind !== Kind.FIELD) return undefined;
    const field = queryType.getFields()[selection.name.value];
    if (!field) return undefined;
    fields.push(selection.alias?.value ?? selection.name.value);
    const item = itemTypeOf(field);
    if (item === undefined) continue;
    listTypes.add(item);
    if (selection.selectionSet)
      hintedTypesIn(schema, selection.selectionSet, getNamedType(field.type), listTypes);
  }
  const ttlSeconds = smallestHint(schema, { kind: Kind.DOCUMENT, definitions: [operation] }, defaultSeconds);
  if (ttlSeconds <= 0 || fields.length === 0) return undefined;
  return { ttlSeconds, fields, listTypes: [...listTypes].sort() };
}

function readTypesWritten(schema: GraphQLSchema, query: string): readonly string[] {
  const operation = singleOperation(query);
  const mutationType = schema.getMutationType();
  if (operation?.operation !== 'mutation' || !mutationType) return [];
  const types = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = mutationType.getFields()[selection.name.value];
    if (field) types.add(getNamedType(field.type).name);
  }
  return [...types];
}
