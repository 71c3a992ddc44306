import {
  type ConstDirectiveNode,
  type DocumentNode,
  defaultFieldResolver,
  type GraphQLFieldResolver,
  Kind,
  type ValueNode,
} from 'graphql';
import { forbidden, isAnonymous, type Scope, unauthenticated, type Viewer } from './viewer';

/**
 * Federation's `@authenticated` and `@requiresScopes` say who may read a type or field; the Apollo
 * gateway composes them but does not enforce them, so every subgraph does, here: the resolvers of
 * each annotated field (and of every field and `__resolveReference` of an annotated type) are wrapped
 * with the check before the schema is built. A denied field is null with a FORBIDDEN (or
 * UNAUTHENTICATED) error; a subscription field is checked when subscribing and again for every event.
 */

/** What one type or field demands: a viewer, and (when set) all scopes of at least one group. */
export interface Requirement {
  authenticated: boolean;
  /** `@requiresScopes(scopes: [["a", "b"], ["c"]])`: a and b, or c. */
  scopes: Scope[][] | undefined;
}

export interface TypeRequirements {
  type: Requirement | undefined;
  fields: Map<string, Requirement>;
  /** Every field the SDL declares for the type, so type-level rules reach fields without resolvers. */
  fieldNames: Set<string>;
}

function stringLists(value: ValueNode): string[][] {
  if (value.kind !== Kind.LIST) return [];
  return value.values.map((group) =>
    group.kind === Kind.LIST ? group.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : [],
  );
}

function readRequirement(directives: readonly ConstDirectiveNode[] | undefined): Requirement | undefined {
  let requirement: Requirement | undefined;
  for (const directive of directives ?? []) {
    if (directive.name.value === 'authenticated') {
      requirement = { authenticated: true, scopes: requirement?.scopes };
    } else if (directive.name.value === 'requiresScopes') {
      const argument = directive.arguments?.find((a) => a.name.value === 'scopes');
      const scopes = argument ? (stringLists(argument.value) as Scope[][]) : [];
      requirement = { authenticated: true, scopes: [...(requirement?.scopes ?? []), ...scopes] };
    }
  }
  return requirement;
}

/** The requirements an SDL declares, by object type. */
export function readRequirements(typeDefs: DocumentNode): Map<string, TypeRequirements> {
  const types = new Map<string, TypeRequirements>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) {
      continue;
    }
    const name = definition.name.value;
    const entry = types.get(name) ?? { type: undefined, fields: new Map(), fieldNames: new Set<string>() };
    entry.type = readRequirement(definition.directives) ?? entry.type;
    for (const field of definition.fields ?? []) {
      entry.fieldNames.add(field.name.value);
      const requirement = readRequirement(field.directives);
      if (requirement) entry.fields.set(field.name.value, requirement);
    }
    types.set(name, entry);
  }
  return types;
}

/** Throws unless the viewer meets the requirement. */
export function checkRequirement(viewer: Viewer | undefined, requirement: Requirement, what: string): void {
  if (!viewer || isAnonymous(viewer)) throw unauthenticated();
  const groups = requirement.scopes;
  if (!groups || groups.length === 0) return;
  if (groups.some((group) => group.every((scope) => viewer.scopes.includes(scope)))) return;
  throw forbidden(`${what} requires the scope ${groups.map((g) => g.join(' and ')).join(' or ')}`);
}

type Resolver = GraphQLFieldResolver<unknown, { viewer?: Viewer | undefined }>;
type FieldConfig = Resolver | { resolve?: Resolver; subscribe?: Resolver; [key: string]: unknown };
type ResolverMap = Record<string, unknown>;

function guard(resolver: Resolver, checks: Requirement[], what: string): Resolver {
  return (parent, args, context, info) => {
    for (const requirement of checks) checkRequirement(context?.viewer, requirement, what);
    return resolver(parent, args, context, info);
  };
}

/** The resolvers with every annotated field guarded; resolvers of unannotated fields are untouched. */
export function withAuthorization<T extends object>(typeDefs: DocumentNode, resolvers: T): T {
  const requirements = readRequirements(typeDefs);
  const result: ResolverMap = { ...(resolvers as ResolverMap) };
  for (const [typeName, { type, fields, fieldNames }] of requirements) {
    const original = (result[typeName] ?? {}) as Record<string, FieldConfig>;
    const wrapped: Record<string, unknown> = { ...original };
    const targets = type ? fieldNames : new Set(fields.keys());
    for (const fieldName of targets) {
      const checks = [type, fields.get(fieldName)].filter((r): r is Requirement => r !== undefined);
      const what = `${typeName}.${fieldName}`;
      const config = original[fieldName];
      if (typeof config === 'function') {
        wrapped[fieldName] = guard(config, checks, what);
      } else if (config && typeof config === 'object') {
        wrapped[fieldName] = {
          ...config,
          resolve: guard(config.resolve ?? defaultFieldResolver, checks, what),
          ...(config.subscribe ? { subscribe: guard(config.subscribe, checks, what) } : {}),
        };
      } else {
        wrapped[fieldName] = guard(defaultFieldResolver as Resolver, checks, what);
      }
    }
    const resolveReference = original.__resolveReference;
    if (type && typeof resolveReference === 'function') {
      // Called as (reference, context, info): the check reads the context from the second argument.
      const reference = resolveReference as unknown as (
        r: unknown,
        c: { viewer?: Viewer },
        i: unknown,
      ) => unknown;
      wrapped.__resolveReference = (ref: unknown, context: { viewer?: Viewer }, info: unknown) => {
        checkRequirement(context?.viewer, type, typeName);
        return reference(ref, context, info);
      };
    }
    if (Object.keys(wrapped).length > 0) result[typeName] = wrapped;
  }
  return result as T;
}
