/**
 * Reads a data file into a Table: CSV/TSV (header row, RFC 4180 quoting) or JSON Lines (one object
 * per line). Every row remembers the line it started on, so later errors can point at it.
 */
import { readFile } from 'node:fs/promises';
import { DataError } from './dataError';
import { rejectInfiniteCells } from './finiteCells';
import type { Cell, Table } from './types';

export type TableFormat = 'csv' | 'jsonl';

const EXTENSION_FORMATS: Readonly<Record<string, TableFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json-lines': 'jsonl',
};

/** Reads `file`; without `format`, the extension decides (.csv .tsv .jsonl .ndjson .json-lines). */
export async function readTable(file: string, format?: TableFormat): Promise<Table> {
  const layout = tableLayoutOf(file, format);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataError(file, null, `cannot read the file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (layout.format === 'jsonl') return parseJsonLines(text, file);
  return parseCsv(text, file, layout.delimiter);
}

export interface TableLayout {
  readonly format: TableFormat;
  /** For CSV: `\t` for a .tsv file, else `,`. */
  readonly delimiter: string;
}

/** How `file` is read: `format` if given, else by its extension; a DataError when neither tells. */
export function tableLayoutOf(file: string, format?: TableFormat): TableLayout {
  const extension = extensionOf(file);
  const chosen = format ?? EXTENSION_FORMATS[extension];
  if (chosen === undefined) {
    const known = Object.keys(EXTENSION_FORMATS).join(', ');
    const shown = extension === '' ? 'no extension' : `the extension "${extension}"`;
    throw new DataError(file, null, `cannot tell the format from ${shown}; use one of ${known}, or set the format (csv or jsonl)`);
  }
  return { format: chosen, delimiter: extension === '.tsv' ? '\t' : ',' };
}

function extensionOf(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

interface RawRecord {
  readonly cells: string[];
  readonly line: number;
}

/** CSV with a header row; `delimiter` is `\t` for TSV. Quoted fields may hold delimiters, `""` and line breaks. */
export function parseCsv(text: string, file: string, delimiter = ','): Table {
  const records = splitRecords(stripBom(text), file, delimiter);
  const columns = headerColumns(records[0], file);
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for (const record of records.slice(1)) {
    if (record.cells.length !== columns.length) {
      throw new DataError(file, record.line, `found ${record.cells.length} cells, but the header has ${columns.length} columns`);
    }
    rows.push(record.cells.map(toCell));
    lines.push(record.line);
  }
  const table = { file, columns, rows, lines };
  rejectInfiniteCells(table);
  return table;
}

/**
 * The column names from the start of a CSV/TSV file: its first record, which may be all `text` holds
 * (`tuneboard validate` reads only the head of a data file).
 */
export function parseCsvHeader(text: string, file: string, delimiter = ','): string[] {
  return headerColumns(splitRecords(stripBom(text), file, delimiter, 1)[0], file);
}

function headerColumns(header: RawRecord | undefined, file: string): string[] {
  if (header === undefined) throw new DataError(file, 1, 'the file is empty; expected a header row naming the columns');
  const columns = header.cells.map((name, index) => name.trim() || `column${index + 1}`);
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) throw new DataError(file, header.line, `the header names column "${name}" twice`);
    seen.add(name);
  }
  return columns;
}

/** The records of the text that are not blank lines, up to `limit` of them. */
function splitRecords(text: string, file: string, delimiter: string, limit = Infinity): RawRecord[] {
  const records: RawRecord[] = [];
  let pos = 0;
  let line = 1;
  while (pos < text.length && records.length < limit) {
    const startLine = line;
    const cells: string[] = [];
    let quotedAny = false;
    for (;;) {
      if (text[pos] === '"') {
        quotedAny = true;
        const quoteLine = line;
        let value = '';
        let chunkStart = pos + 1;
        for (;;) {
          const close = text.indexOf('"', chunkStart);
          if (close === -1) throw new DataError(file, quoteLine, 'a quoted field is never closed (missing ")');
          line += countLineBreaks(text, chunkStart, close);
          if (text[close + 1] === '"') {
            value += text.slice(chunkStart, close + 1); // `""` is one literal quote
            chunkStart = close + 2;
            continue;
          }
          value += text.slice(chunkStart, close);
          pos = close + 1;
          break;
        }
        const next = text[pos];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
          throw new DataError(file, line, `unexpected ${JSON.stringify(next)} after a closing quote; a quote inside a quoted field is written ""`);
        }
        cells.push(value);
      } else {
        const start = pos;
        while (pos < text.length && text[pos] !== delimiter && text[pos] !== '\n' && text[pos] !== '\r') pos++;
        cells.push(text.slice(start, pos));
      }
      if (text[pos] === delimiter) {
        pos++;
        continue;
      }
      // End of record: \n, \r\n, a lone \r, or the end of the text.
      if (text[pos] === '\r') pos++;
      if (text[pos] === '\n') pos++;
      line++;
      break;
    }
    // Blank lines are skipped; a line holding only `""` is a real (empty) record.
    const blank = !quotedAny && cells.length === 1 && (cells[0] ?? '').trim() === '';
    if (!blank) records.push({ cells, line: startLine });
  }
  return records;
}

/** Line breaks in text[from, to): \n, \r\n and lone \r each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) count++;
  }
  return count;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** What R, pandas and spreadsheets write for a missing value; read as null like an empty cell. */
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']);

function toCell(raw: string): Cell {
  const text = raw.trim();
  if (MISSING.has(text)) return null;
  return NUMBER.test(text) ? Number(text) : text;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One JSON object per line; the columns are every key seen, in first-seen order, missing ones null. */
export function parseJsonLines(text: string, file: string): Table {
  const columnIndex = new Map<string, number>();
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const textLines = stripBom(text).split(/\r\n|\n|\r/);
  for (let i = 0; i < textLines.length; i++) {
    const source = textLines[i] ?? '';
    if (source.trim() === '') continue;
    const lineNumber = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (error) {
      throw new DataError(file, lineNumber, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      const found = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
      throw new DataError(file, lineNumber, `expected a JSON object such as {"x": 1, "label": "a"}, found ${found}`);
    }
    const row: Cell[] = [];
    for (const [key, value] of Object.entries(parsed)) {
      if (value !== null && typeof value === 'object') {
        throw new DataError(file, lineNumber, `"${key}" holds ${Array.isArray(value) ? 'an array' : 'an object'}; a column must be a number, string, boolean or null`);
      }
      let index = columnIndex.get(key);
      if (index === undefined) {
        index = columnIndex.size;
        columnIndex.set(key, index);
      }
      row[index] = value as Cell;
    }
    rows.push(row);
    lines.push(lineNumber);
  }
  // Columns first seen late leave earlier rows short (or with holes): fill them with null.
  const width = columnIndex.size;
  const filled = rows.map((row) => Array.from({ length: width }, (_, column) => row[column] ?? null));
  const table = { file, columns: [...columnIndex.keys()], rows: filled, lines };
  rejectInfiniteCells(table);
  return table;
}
