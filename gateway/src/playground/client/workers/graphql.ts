// Entry of monaco-graphql's worker: validation and completion in the operation editor.
import 'monaco-graphql/esm/graphql.worker.js';
