import {
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  type OperationTypeNode,
  parse,
} from 'graphql';

export interface SelectedOperation {
  /** Undefined for an anonymous operation, or when the document does not parse (the server says why). */
  operationName?: string | undefined;
  type?: OperationTypeNode | undefined;
  document?: DocumentNode | undefined;
}

/**
 * The operation to run, derived from the text being sent, never from editor state: GraphiQL updates its
 * operation name a debounce after an edit (and not at all when the new operation is anonymous), so a
 * query pasted and run at once went out with the previous query's name. With several operations, the one
 * under the cursor runs (offset into `query`); with the cursor outside all of them, the first.
 */
export function selectOperation(query: string, cursorOffset?: number): SelectedOperation {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return {};
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const underCursor =
    cursorOffset === undefined
      ? undefined
      : operations.find((op) => op.loc && op.loc.start <= cursorOffset && cursorOffset <= op.loc.end);
  const selected = operations.length === 1 ? operations[0] : (underCursor ?? operations[0]);
  // A lone operation needs no name on the wire; sending it keeps the server's error messages exact.
  return { operationName: selected?.name?.value, type: selected?.operation, document };
}
