/**
 * The harness for Insert Best Params' tables: a document with `‸` at the cursor, the insertion
 * applied as the editor applies it (one replacement), and the whole document compared exactly.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ParamValue } from '../../../src/core/distributions';
import { type InsertContextKind, paramsInsertion } from '../../../src/core/insert';

const CURSOR = '‸';
export const SOURCE = { study: 'iris', trial: 5, objectives: [{ metric: 'val_accuracy', value: 0.95 }] };
export const BEST: Record<string, ParamValue> = { lr: 0.0031, units: 64 };

export interface InsertCase {
  readonly name: string;
  readonly languageId: string;
  /** The document's lines, one holding the cursor. */
  readonly document: readonly string[];
  readonly expected: readonly string[];
  readonly kind: InsertContextKind;
  readonly params?: Record<string, ParamValue>;
  readonly floatParams?: readonly string[];
  readonly eol?: '\n' | '\r\n';
  /** Part of the description the editor shows, where it says something the kind does not. */
  readonly description?: string;
}

export interface Inserted {
  readonly document: string;
  readonly kind: InsertContextKind;
  readonly description: string;
}

/** The document with the insertion applied as the editor applies it: one replacement. */
export function insert(languageId: string, withCursor: string, params: Record<string, ParamValue> = BEST, floatParams: readonly string[] = []): Inserted | { readonly error: string } {
  const offset = withCursor.indexOf(CURSOR);
  assert.ok(offset >= 0, 'the document marks the cursor');
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + CURSOR.length);
  const result = paramsInsertion({ languageId, text, offset, params, source: SOURCE, floatParams });
  if ('error' in result) return result;
  return { document: text.slice(0, result.start) + result.text + text.slice(result.end), kind: result.context.kind, description: result.description };
}

export function runCases(cases: readonly InsertCase[]): void {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const eol = testCase.eol ?? '\n';
      const result = insert(testCase.languageId, testCase.document.join(eol), testCase.params, testCase.floatParams);
      if ('error' in result) assert.fail(result.error);
      assert.equal(result.document, testCase.expected.join(eol));
      assert.equal(result.kind, testCase.kind);
      if (testCase.description !== undefined) assert.match(result.description, new RegExp(escapeRegExp(testCase.description)));
    });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
