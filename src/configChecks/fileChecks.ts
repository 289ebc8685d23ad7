/**
 * What a config says about other files, which the pure parser cannot check: the data file exists,
 * can be read as a table and has the target column (or the IDX images and labels are sound and a
 * pair: idxChecks.ts); each `apply:` file exists. `tuneboard validate`
 * runs these after parseConfig, and the editor's diagnostics can too (nothing here needs vscode).
 * `run` would find the data problems as well, but only once the study has started.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ConfigFileReferences, isIdxData, type KeyPath, locateProblems, type Problem, suggestName } from '../core';
import { DataError } from '../runner/data/dataError';
import { parseCsvHeader, tableLayoutOf } from '../runner/data/readTable';
import { checkIdxFiles } from './idxChecks';

/** Enough for any real header; a first record longer than this is not checked. */
export const HEAD_BYTES = 1 << 20;
/** Columns listed in a message before it says "…". */
const SHOWN_COLUMNS = 20;

/**
 * Problems with the files a config (read from `configPath`, whose text is `text`) names, positioned in
 * the config. A whole StudyConfig will do, or a broken config's `files` from parseConfig.
 */
export function checkConfigFiles(config: ConfigFileReferences, configPath: string, text: string): Problem[] {
  const folder = dirname(configPath);
  const found: Problem[] = [];
  const add = (severity: Problem['severity'], path: KeyPath, message: string): void => void found.push({ severity, path, message });
  const data = config.trial?.kind === 'model' ? config.trial.data : undefined;
  if (data !== undefined && isIdxData(data)) checkIdxFiles(data, folder, add);
  else if (data !== undefined) {
    const { path, target, format } = data;
    const columns = dataColumns(resolve(folder, path), path, format, (message) => add('error', ['trial', 'data', 'path'], message));
    if (columns !== null && !columns.includes(target)) add('error', ['trial', 'data', 'target'], missingColumnMessage(target, columns));
  }
  config.apply.forEach((target, i) => {
    const kind = kindOf(resolve(folder, target.file));
    if (kind === 'file') return;
    const what = kind === 'missing' ? 'does not exist' : 'is a folder';
    add('warning', ['apply', i, 'file'], `${target.file} ${what} (paths are relative to the config's folder): applying the best params will have nowhere to write`);
  });
  return locateProblems(text, configPath, found);
}

type Kind = 'file' | 'folder' | 'missing';

function kindOf(path: string): Kind {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/**
 * The columns of the data file from its head, or null after reporting why there are none (no such
 * file, unknown format, unreadable header) or when the first record is longer than the head read.
 */
function dataColumns(file: string, written: string, format: 'csv' | 'jsonl' | undefined, report: (message: string) => void): string[] | null {
  const kind = kindOf(file);
  if (kind !== 'file') {
    report(kind === 'missing' ? `data file ${written} does not exist (looked for ${file}: paths are relative to the config's folder)` : `${written} is a folder, not a data file`);
    return null;
  }
  try {
    return columnsOfHead(readHead(file), written, format);
  } catch (error) {
    if (error instanceof DataError) report(error.message);
    else report(`cannot read ${written} (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/**
 * The columns a file's head shows (CSV/TSV header, or a JSON Lines file's first object), parsed as the
 * trainer parses them; null when the first record is longer than the head. Throws a DataError (file:line).
 */
export function columnsOfHead({ head, complete }: { readonly head: string; readonly complete: boolean }, written: string, format: 'csv' | 'jsonl' | undefined): string[] | null {
  const layout = tableLayoutOf(written, format);
  // A cut-off head ends at its last line break, so no record is read half.
  const text = complete ? head : head.slice(0, Math.max(0, head.lastIndexOf('\n')));
  if (text.trim() === '' && !complete) return null;
  return layout.format === 'jsonl' ? jsonLinesColumns(text, written) : parseCsvHeader(text, written, layout.delimiter);
}

/** The keys of the first object: a target missing there leaves that row without a target anyway. */
function jsonLinesColumns(text: string, file: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const index = lines.findIndex((line) => line.trim() !== '');
  if (index < 0) throw new DataError(file, 1, 'the file is empty; expected one JSON object per line');
  let parsed: unknown;
  try {
    parsed = JSON.parse(lines[index] ?? '');
  } catch {
    // The parser's message would quote the line: say only where and what was expected.
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DataError(file, index + 1, 'expected a JSON object such as {"x": 1, "label": "a"}');
  }
  return Object.keys(parsed);
}

function readHead(file: string): { head: string; complete: boolean } {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES + 1);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    const complete = bytes <= HEAD_BYTES;
    return { head: buffer.subarray(0, Math.min(bytes, HEAD_BYTES)).toString('utf8'), complete };
  } finally {
    closeSync(fd);
  }
}

function missingColumnMessage(target: string, columns: readonly string[]): string {
  const hint = suggestName(target, columns);
  const shown = columns.slice(0, SHOWN_COLUMNS).join(', ') + (columns.length > SHOWN_COLUMNS ? ', …' : '');
  const available = columns.length === 0 ? 'the file has no columns' : `columns: ${shown}`;
  return `the data file has no column "${target}"${hint === null ? '' : `; did you mean "${hint}"?`} (${available})`;
}
