/**
 * Which languages Insert Best Params writes, keyed by VS Code's `languageId` (a notebook cell has its
 * own language, so a Python cell of an .ipynb is `python` here), and which names each language
 * accepts bare: a param named `model.lr` cannot be a Python keyword argument or a `const`.
 */

export type InsertLanguage = 'python' | 'javascript' | 'typescript' | 'json' | 'yaml' | 'shell' | 'makefile' | 'markdown';

const LANGUAGE_BY_ID: Readonly<Record<string, InsertLanguage>> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  json: 'json',
  // JSON with comments reads the same for an insertion: comments are skipped like whitespace.
  jsonc: 'json',
  yaml: 'yaml',
  shellscript: 'shell',
  makefile: 'makefile',
  markdown: 'markdown',
};

/** The `languageId`s Insert Best Params supports, in the order a message lists them. */
export const SUPPORTED_LANGUAGE_IDS: readonly string[] = Object.keys(LANGUAGE_BY_ID);

/** The insert language for a document's `languageId`, or null when Tuneboard cannot write it. */
export function insertLanguageOf(languageId: string): InsertLanguage | null {
  return Object.hasOwn(LANGUAGE_BY_ID, languageId) ? (LANGUAGE_BY_ID[languageId] ?? null) : null;
}

export function unsupportedLanguageMessage(languageId: string): string {
  return `Tuneboard cannot insert params into a ${JSON.stringify(languageId)} document; it writes ${SUPPORTED_LANGUAGE_IDS.join(', ')}.`;
}

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]);

/** Words a `const` cannot be named in a module (ES2015+ reserved words, strict mode's included). */
const SCRIPT_RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package',
  'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while',
  'with', 'yield', 'arguments', 'eval',
]);

/** The same classes as the Python tokenizer's names (PEP 3131, without NFKC normalisation). */
const PYTHON_IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const SCRIPT_IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** Whether `name` can be a Python keyword argument or assignment target as written. */
export function isPythonName(name: string): boolean {
  return PYTHON_IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

/** Whether `name` can be declared with `const`. */
export function isScriptBindingName(name: string): boolean {
  return SCRIPT_IDENTIFIER.test(name) && !SCRIPT_RESERVED.has(name);
}

/** Whether `name` can be an object key without quotes (reserved words can: `{ default: 1 }`). */
export function isScriptPropertyName(name: string): boolean {
  return SCRIPT_IDENTIFIER.test(name);
}
