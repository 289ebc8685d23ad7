/**
 * What the cursor stands in, decided from the document's language and the text around it: the
 * shape the params take there (keyword arguments, dict entries, `name = value` lines, a YAML mapping,
 * flags, a table …) and where exactly they go (a Placement). Pure and editor-free: the editor passes
 * the document's text and the cursor's offset.
 */
import { usualQuote } from '../apply/sites';
import { tokenizePython, splitPythonString } from '../apply/pythonTokens';
import { tokenizeScript } from '../apply/scriptTokens';
import type { QuoteChar } from './literals';
import type { InsertLanguage } from './insertLanguage';
import { lineInsertContext } from './lineContexts';
import type { Placement } from './placement';
import { pythonContext } from './pythonContext';
import { jsonContext, scriptContext } from './scriptContext';
import { detectLayout, type TextLayout } from './textLayout';

/** Each kind names the form the params take; `placement` says where and between what. */
export type InsertContext =
  /** `f(x, |)` → `lr=0.0031, units=64` */
  | { readonly kind: 'python-keyword-arguments'; readonly placement: Placement }
  /** `{'a': 1, |}` → `'lr': 0.0031, 'units': 64` */
  | { readonly kind: 'python-dict-entries'; readonly placement: Placement }
  /** `['--epochs', '3', |]` → `'--lr', '0.0031', '--units', '64'` */
  | { readonly kind: 'python-argv'; readonly placement: Placement }
  /** a blank line → `lr = 0.0031` lines at the cursor's indentation */
  | { readonly kind: 'python-assignments'; readonly placement: Placement }
  /** `x = |` (`multiline`), `f(cfg=|)`, `[|]` → `{'lr': 0.0031, 'units': 64}` */
  | { readonly kind: 'python-dict'; readonly placement: Placement; readonly multiline: boolean }
  /** `{ a: 1, | }` → `lr: 0.0031, units: 64` */
  | { readonly kind: 'script-object-properties'; readonly placement: Placement }
  /** `x = |` (`multiline`), `f(|)`, `[|]` → `{ lr: 0.0031, units: 64 }` */
  | { readonly kind: 'script-object'; readonly placement: Placement; readonly multiline: boolean }
  /** a blank line → `const lr = 0.0031;` lines */
  | { readonly kind: 'script-constants'; readonly placement: Placement; readonly semicolons: boolean }
  /** a blank line in a class body → `lr = 0.0031;` field lines */
  | { readonly kind: 'script-class-fields'; readonly placement: Placement; readonly semicolons: boolean }
  /** inside an object → `"lr": 0.0031` members, commas where needed */
  | { readonly kind: 'json-members'; readonly placement: Placement }
  /** an empty file, `"key": |`, an array element → a whole object */
  | { readonly kind: 'json-object'; readonly placement: Placement; readonly multiline: boolean }
  /** `lr: 0.0031` lines; `parentKey` when they nest under a `key:` */
  | { readonly kind: 'yaml-mapping'; readonly placement: Placement; readonly parentKey: string | null }
  /** `--lr 0.0031 --units 64` (one per line after a `\` continuation) */
  | { readonly kind: 'shell-flags'; readonly placement: Placement; readonly makefile: boolean }
  /** a caption line naming study, trial and value, then `| param | value |` rows */
  | { readonly kind: 'markdown-table'; readonly placement: Placement };

export type InsertContextKind = InsertContext['kind'];

/** What a context needs to know of the file besides the cursor: its layout and its quote style. */
export interface DocumentStyle extends TextLayout {
  /** The quote the file mostly uses for strings (Python, JS/TS). */
  readonly quote: QuoteChar;
}

export type ContextResult = { readonly context: InsertContext; readonly style: DocumentStyle } | { readonly error: string };

/** The languages' own indent when the file shows none and the editor gave none. */
const DEFAULT_INDENT: Readonly<Record<InsertLanguage, string>> = {
  python: '    ',
  javascript: '  ',
  typescript: '  ',
  json: '  ',
  yaml: '  ',
  shell: '  ',
  makefile: '\t',
  markdown: '  ',
};

/**
 * The context at `offset` in `text`. `editorIndent` is the editor's indent unit (from its tab size
 * and insert-spaces options), used when no indented line in the file shows the file's own.
 */
export function cursorContext(language: InsertLanguage, text: string, offset: number, editorIndent?: string): ContextResult {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return { error: `The cursor offset ${offset} is outside the document (length ${text.length}).` };
  const layout = detectLayout(text, editorIndent ?? DEFAULT_INDENT[language], language !== 'yaml');
  switch (language) {
    case 'python': {
      const tokens = tokenizePython(text).filter((token) => token.type !== 'newline');
      const style = { ...layout, quote: usualQuote(tokens.filter((t) => t.type === 'string').map((t) => splitPythonString(t.text).quote), "'") };
      return withStyle(pythonContext(text, offset, tokens, style), style);
    }
    case 'javascript':
    case 'typescript': {
      const tokens = tokenizeScript(text);
      const style = { ...layout, quote: usualQuote(tokens.filter((t) => t.type === 'string').map((t) => t.text), "'") };
      return withStyle(scriptContext(text, offset, tokens, style), style);
    }
    case 'json':
      return withStyle(jsonContext(text, offset, tokenizeScript(text), layout), { ...layout, quote: '"' });
    case 'yaml':
    case 'shell':
    case 'makefile':
    case 'markdown':
      return withStyle(lineInsertContext(language, text, offset, layout), { ...layout, quote: '"' });
  }
}

function withStyle(found: InsertContext | { readonly error: string }, style: DocumentStyle): ContextResult {
  return 'error' in found ? found : { context: found, style };
}
