import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError, parseCsv, parseJsonLines, readTable } from '../../../src/runner/data';

/** Asserts `run` throws a DataError at `line` whose message matches `pattern`. */
function assertDataError(run: () => unknown, line: number | null, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
    assert.equal(error.line, line);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('parseCsv', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes, CRLF', () => {
    const text = 'name,note,score\r\n"Smith, J","said ""hi""",3\r\n"two\r\nlines",x,4\r\nlast,"",\r\n';
    const table = parseCsv(text, 'people.csv');
    assert.deepEqual(table.columns, ['name', 'note', 'score']);
    assert.deepEqual(table.rows, [
      ['Smith, J', 'said "hi"', 3],
      ['two\r\nlines', 'x', 4],
      ['last', null, null],
    ]);
    // The third record starts on line 5 because the quoted field before it spans two lines.
    assert.deepEqual(table.lines, [2, 3, 5]);
    assert.equal(table.file, 'people.csv');
  });

  it('drops a BOM, skips blank and whitespace-only lines, keeps the real line numbers', () => {
    const table = parseCsv('\uFEFFa,b\n\n1,2\n   \n3,4\n\n', 'x.csv');
    assert.deepEqual(table.columns, ['a', 'b']);
    assert.deepEqual(table.rows, [
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(table.lines, [3, 5]);
  });

  it('accepts old Mac line endings (a lone CR) and a last line without a newline', () => {
    const table = parseCsv('a,b\r1,2\r3,4', 'mac.csv');
    assert.deepEqual(table.rows, [
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(table.lines, [2, 3]);
  });

  it('turns numeric-looking cells into numbers, empty and NA-like cells into null, and trims', () => {
    const table = parseCsv('v\n-1.5e3\n.5\n+2\n007\n" 42 "\n1.2.3\n0x10\nInf\n\nNA\nnan\n  red  \n', 'cells.csv');
    // The blank line between Inf and NA is skipped as a blank line, not read as a missing value.
    assert.deepEqual(
      table.rows.map((row) => row[0]),
      [-1500, 0.5, 2, 7, 42, '1.2.3', '0x10', 'Inf', null, null, 'red'],
    );
  });

  it('keeps a row of empty cells (it has delimiters) and a line holding only ""', () => {
    const table = parseCsv('a,b\n,\n', 'e.csv');
    assert.deepEqual(table.rows, [[null, null]]);
    assert.deepEqual(parseCsv('a\n""\n1\n', 'q.csv').rows, [[null], [1]]);
  });

  it('names a row with the wrong number of cells by file and line, counting lines inside quotes', () => {
    assertDataError(() => parseCsv('a,b,c\n1,2,3\n4,5\n', 'data/short.csv'), 3, /^data\/short\.csv:3: found 2 cells, but the header has 3 columns$/);
    assertDataError(() => parseCsv('a,b\n"x\ny",1\n1,2,3\n', 'long.csv'), 4, /^long\.csv:4: found 3 cells/);
  });

  it('reports a quote that is never closed at the line it opened on, and junk after a closing quote', () => {
    assertDataError(() => parseCsv('a,b\n1,2\n3,"open\n4,5\n', 'open.csv'), 3, /open\.csv:3: a quoted field is never closed/);
    assertDataError(() => parseCsv('a,b\n"x"y,1\n', 'junk.csv'), 2, /unexpected "y" after a closing quote/);
  });

  it('needs a header, refuses duplicate column names and names empty ones', () => {
    assertDataError(() => parseCsv('', 'empty.csv'), 1, /the file is empty; expected a header row/);
    assertDataError(() => parseCsv('\n\n', 'blank.csv'), 1, /the file is empty/);
    assertDataError(() => parseCsv('\na,b,a\n', 'dup.csv'), 2, /dup\.csv:2: the header names column "a" twice/);
    const table = parseCsv(',x\n0,1\n', 'pandas-index.csv');
    assert.deepEqual(table.columns, ['column1', 'x']);
    assert.deepEqual(parseCsv('a,b\n', 'header-only.csv').rows, []);
  });

  it('refuses an infinite value when the file is read, naming the line and the column', () => {
    assertDataError(() => parseCsv('x,lr,y\n1,2,a\n3,1e999,b\n', 'data/big.csv'), 3, /^data\/big\.csv:3: column "lr" holds a number too large to hold \(infinity\); training needs finite numbers/);
    assertDataError(() => parseCsv('x,y\n1,a\n-1e400,b\n', 'neg.csv'), 3, /^neg\.csv:3: column "x" holds a number too large to hold \(-infinity\)/);
    // The first infinite cell by line, whichever column it is in; pandas writes inf and -inf.
    assertDataError(() => parseCsv('a,b\n1,2\n2,-inf\n1e999,3\n', 'pd.csv'), 3, /^pd\.csv:3: column "b" holds "-inf"/);
    assertDataError(() => parseCsv('a,b\n1,Infinity\n', 'js.csv'), 2, /column "b" holds "Infinity"/);
    // In a text column "inf" may be a category: it stays text.
    assert.deepEqual(parseCsv('colour,n\ninf,1\nred,2\n', 'c.csv').rows, [['inf', 1], ['red', 2]]);
  });

  it('splits on tabs when asked (TSV)', () => {
    assert.deepEqual(parseCsv('a\tb\n"x,y"\t2\n', 't.tsv', '\t').rows, [['x,y', 2]]);
  });
});

describe('parseJsonLines', () => {
  it('takes the union of keys in first-seen order, fills missing ones with null and keeps types', () => {
    const text = '{"x": 1, "label": "a"}\n\n{"label": "b", "extra": true}\r\n{"x": "2"}\n';
    const table = parseJsonLines(text, 'rows.jsonl');
    assert.deepEqual(table.columns, ['x', 'label', 'extra']);
    assert.deepEqual(table.rows, [
      [1, 'a', null],
      [null, 'b', true],
      ['2', null, null],
    ]);
    assert.deepEqual(table.lines, [1, 3, 4]);
  });

  it('reports a broken line with file:line and the JSON error', () => {
    assertDataError(() => parseJsonLines('{"x": 1}\n{"x": 2,}\n', 'bad.jsonl'), 2, /^bad\.jsonl:2: not valid JSON: .*(JSON|property|token)/i);
  });

  it('refuses an infinite number (1e999 parses as Infinity) at its line', () => {
    assertDataError(() => parseJsonLines('{"x": 1, "y": 0}\n\n{"x": 1e999, "y": 1}\n', 'big.jsonl'), 3, /^big\.jsonl:3: column "x" holds a number too large to hold \(infinity\)/);
  });

  it('wants one object per line with flat values', () => {
    assertDataError(() => parseJsonLines('{"x": 1}\n[1, 2]\n', 'arr.jsonl'), 2, /expected a JSON object .* found an array/);
    assertDataError(() => parseJsonLines('42\n', 'num.jsonl'), 1, /found a number/);
    assertDataError(() => parseJsonLines('null\n', 'null.jsonl'), 1, /found null/);
    assertDataError(() => parseJsonLines('\n{"x": {"y": 1}}\n', 'nested.jsonl'), 2, /"x" holds an object; a column must be a number, string, boolean or null/);
  });

  it('reads an empty file as a table without rows', () => {
    assert.deepEqual(parseJsonLines('\uFEFF\n', 'e.jsonl'), { file: 'e.jsonl', columns: [], rows: [], lines: [] });
  });
});

describe('readTable', () => {
  it('reads the iris example with its line numbers', async () => {
    const table = await readTable('examples/iris/data/iris.csv');
    assert.deepEqual(table.columns, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    assert.equal(table.rows.length, 150);
    assert.deepEqual(table.rows[0], [5.1, 3.5, 1.4, 0.2, 'setosa']);
    assert.equal(table.lines[0], 2);
    assert.equal(table.lines[149], 151);
  });

  it('infers TSV and JSON Lines from the extension', async () => {
    const pets = await readTable('test/fixtures/data/pets.tsv');
    assert.deepEqual(pets.columns, ['name', 'species', 'weight', 'note']);
    assert.deepEqual(pets.rows, [
      ['Rex', 'dog', 30.5, 'likes\tsticks'],
      ['Tom', 'cat', 4, null],
      ['Nemo', 'fish', null, 'small'],
    ]);
    const events = await readTable('test/fixtures/data/events.ndjson');
    assert.deepEqual(events.columns, ['id', 'colour', 'size', 'label']);
    assert.deepEqual(events.lines, [1, 2, 4]);
    assert.deepEqual(events.rows[2], [3, null, 1, true]);
  });

  it('lets an explicit format win over the extension', async () => {
    const asCsv = await readTable('test/fixtures/data/events.ndjson', 'csv').catch((error: unknown) => error);
    // Read as CSV, the JSON commas make rows of different widths: proof the extension was ignored.
    assert.ok(asCsv instanceof DataError && /cells, but the header has/.test(asCsv.message), String(asCsv));
  });

  it('refuses an unknown extension and a missing file with clear errors', async () => {
    await assert.rejects(readTable('data/train.parquet'), (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.line, null);
      assert.match(error.message, /^data\/train\.parquet: cannot tell the format from the extension "\.parquet"; use one of \.csv, \.tsv, \.jsonl/);
      return true;
    });
    await assert.rejects(readTable('data/README'), /cannot tell the format from no extension/);
    await assert.rejects(readTable('test/fixtures/data/missing.csv'), /missing\.csv: cannot read the file \(ENOENT/);
  });
});
