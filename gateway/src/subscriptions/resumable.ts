import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type VariableDefinitionNode,
  type VariableNode,
  visit,
} from 'graphql';

/** The alias the gateway reads each event's cursor under, whatever the client selected. */
export const CURSOR_ALIAS = 'fgCursor_';
/** The variable the gateway passes the resume point in. */
export const AFTER_VARIABLE = 'fgAfter_';

/**
 * How the gateway resumes one upstream stream: the primary fetch rewritten to also select the event's
 * `cursor` (under CURSOR_ALIAS) and to take `after` from AFTER_VARIABLE.
 */
export interface ResumableOperation {
  query: string;
  /** The root field's response key in the event's data. */
  rootKey: string;
  /** Where the client asked to start: its own `after` (a literal or one of its variables), or null. */
  initialAfter(variables: Record<string, unknown>): string | null;
}

/**
 * A resumable version of a subscription's primary fetch, when its root field is one (an `after: String`
 * argument, and a `cursor` field on what it returns); otherwise undefined, and the stream is not resumed.
 */
export function resumableOperation(
  operation: string,
  supergraphSchema: GraphQLSchema,
): ResumableOperation | undefined {
  const document = parse(operation);
  const definition = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const root = definition?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  const field = root && supergraphSchema.getSubscriptionType()?.getFields()[root.name.value];
  if (!definition || !root || !field) return undefined;
  const payload = getNamedType(field.type);
  if (
    !field.args.some((arg) => arg.name === 'after') ||
    !isObjectType(payload) ||
    !payload.getFields().cursor
  ) {
    return undefined;
  }
  const clientAfter = root.arguments?.find((arg) => arg.name.value === 'after');
  const after: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'after' },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } },
  };
  const cursor: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: CURSOR_ALIAS },
    name: { kind: Kind.NAME, value: 'cursor' },
  };
  const rewritten = visit(document, {
    [Kind.OPERATION_DEFINITION]: (node: OperationDefinitionNode) => ({
      ...node,
      variableDefinitions: [
        ...(node.variableDefinitions ?? []),
        {
          kind: Kind.VARIABLE_DEFINITION,
          variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } },
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
        },
      ],
    }),
    [Kind.FIELD]: (node: FieldNode) => {
      if (node !== root) return undefined;
      return {
        ...node,
        arguments: [...(node.arguments ?? []).filter((arg) => arg.name.value !== 'after'), after],
        selectionSet: node.selectionSet && {
          ...node.selectionSet,
          selections: [...node.selectionSet.selections, cursor],
        },
      };
    },
  });
  return {
    query: print(withoutUnusedVariables(rewritten)),
    rootKey: root.alias?.value ?? root.name.value,
    initialAfter(variables) {
      const value = clientAfter?.value;
      if (value?.kind === Kind.STRING) return value.value;
      if (value?.kind === Kind.VARIABLE) {
        const given = variables[value.name.value];
        return typeof given === 'string' ? given : null;
      }
      return null;
    },
  };
}

// The client's `$after` may now be unused, which the subgraph would refuse (NoUnusedVariables).
function withoutUnusedVariables(document: DocumentNode): DocumentNode {
  const used = new Set<string>();
  visit(document, {
    [Kind.VARIABLE_DEFINITION]: () => false,
    [Kind.VARIABLE]: (node: VariableNode) => {
      used.add(node.name.value);
    },
  });
  return visit(document, {
    [Kind.VARIABLE_DEFINITION]: (node: VariableDefinitionNode) =>
      used.has(node.variable.name.value) ? undefined : null,
  });
}

/** The event's cursor, and its data without the gateway's own field. */
export function takeCursor(
  resumable: ResumableOperation,
  data: Record<string, unknown> | null | undefined,
): { cursor: string | undefined; data: Record<string, unknown> | null | undefined } {
  const root = data?.[resumable.rootKey];
  if (!root || typeof root !== 'object' || !(CURSOR_ALIAS in root)) return { cursor: undefined, data };
  const { [CURSOR_ALIAS]: cursor, ...rest } = root as Record<string, unknown>;
  return {
    cursor: typeof cursor === 'string' ? cursor : undefined,
    data: { ...data, [resumable.rootKey]: rest },
  };
}
