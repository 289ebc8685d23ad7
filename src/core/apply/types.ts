/**
 * The shapes "Apply best params" works with. A plan is a list of offset edits (UTF-16 indices into
 * the text, as VS Code's document.positionAt expects) plus, for every param that found no place,
 * a sentence saying where it looked, so the editor can build one WorkspaceEdit and explain the rest.
 */
import type { ParamValue } from '../distributions';
import type { StaleTarget } from './inactiveTargets';

export type ApplyLanguage = 'yaml' | 'json' | 'python' | 'javascript' | 'typescript';

export interface TextEditPlan {
  /** Replace text[start, end) by newText. */
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  /** The param (as the study names it) this edit writes. */
  readonly param: string;
  /** 1-based line of `start`. */
  readonly line: number;
  /**
   * The literal already holds this value, so newText equals the current text. Kept in the plan
   * so the param still counts as placed; an editor may leave such edits out of its preview.
   */
  readonly unchanged: boolean;
}

export interface SkippedMatch {
  readonly line: number;
  /** e.g. "found `lr = compute()` at line 12, but its value is not a literal" */
  readonly reason: string;
  /** The reason's parts, for a list that shows the line itself: `lr = compute()` … */
  readonly found: string;
  /** … and "its value is not a literal". */
  readonly why: string;
}

export interface ParamPlacement {
  readonly param: string;
  /** The name looked for in the file (the param after the target's `map:`). */
  readonly name: string;
  readonly edits: TextEditPlan[];
  /** Other places the name appears whose value was left alone (not a literal, a map, …). */
  readonly skipped: SkippedMatch[];
}

export interface MissingParam {
  readonly param: string;
  readonly name: string;
  /** Human text: the patterns tried (explainMissing adds the places skipped). */
  readonly lookedFor: string;
  /** Places the name was found but left alone (not a literal, nested, a function's default, …). */
  readonly skipped: readonly SkippedMatch[];
}

export interface ApplyPlan {
  readonly file: string;
  /** Null for a file type Tuneboard cannot edit (then every param is missing). */
  readonly language: ApplyLanguage | null;
  readonly placed: ParamPlacement[];
  readonly missing: MissingParam[];
  /** Places naming a param the trial does not have (inactive in it), left untouched. */
  readonly stale: StaleTarget[];
}

export interface PinPlan {
  readonly edits: TextEditPlan[];
  readonly missing: MissingParam[];
  /** Things the user should know although every edit is valid, e.g. that nothing is left to tune. */
  readonly warnings: string[];
}

/**
 * A literal value found in a file, as the language wrote it. `value` is what it means (to tell an
 * unchanged value) and `quote` how a string was quoted, so a new string keeps the same style.
 */
export interface ExistingLiteral {
  readonly text: string;
  readonly value: ParamValue;
  /** For strings: the quote character(s) used, or 'plain'/'block' for YAML's unquoted styles. */
  readonly quote: string | null;
}

/** One place a finder located the name: a literal to rewrite, or a value it must leave alone. */
export type NameSite =
  | { readonly kind: 'literal'; readonly start: number; readonly end: number; readonly literal: ExistingLiteral }
  | {
      readonly kind: 'skipped';
      readonly start: number;
      /** The statement as written, shortened to one line, e.g. `lr = compute()`. */
      readonly snippet: string;
      /** Completes "… but ", e.g. "its value is not a literal". */
      readonly why: string;
    };

/** A file's text, read once, answering "where is this name assigned?" for each param. */
export interface NameFinder {
  find(name: string): NameSite[];
  /** The quote the file mostly uses, for a string written where there was none. */
  readonly usualQuote: "'" | '"';
  /** What find() looks for, for a name that is not found: completes "looked for …". */
  describe(name: string): string;
}
