// Entry of the Monaco editor's base worker (bundled on its own, served from the gateway).
import 'monaco-editor/esm/vs/editor/editor.worker.js';
