// Export: the table as the user sees it (visible rows in order, shown columns) as CSV and JSON, made
// in the page and posted as `saveExport`; parsed back here and compared with the trials.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ExportFormat, HostMessage, TrialRow } from '../../src/protocol/leaderboard';
import { finalSnapshot } from './leaderboardFixtures';
import { openLeaderboardPage, type LeaderboardPage } from './pageHarness';
import { clickHeader, renderedNumbers } from './tableQueries';

/** RFC 4180, strictly: quoted fields may hold commas, doubled quotes and line breaks; lines end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.notEqual(char, '\n', 'a bare LF outside quotes');
      field += char;
    }
  }
  assert.equal(field, '', 'the last line ends with CRLF');
  assert.equal(quoted, false);
  return rows;
}

async function exported(lb: LeaderboardPage, format: ExportFormat): Promise<string> {
  await lb.page.locator(`.tb-tool-button[data-export="${format}"]`).click();
  const message = (await lb.posted()).at(-1);
  assert.equal(message?.type, 'saveExport');
  assert.equal(message.type === 'saveExport' && message.format, format);
  return message.type === 'saveExport' ? message.content : '';
}

describe('leaderboard export', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('writes the visible rows in order and the shown columns, numbers at full precision', async () => {
    const snapshot = finalSnapshot();
    const byNumber = new Map(snapshot.trials.map((row) => [row.number, row]));
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const page = lb.page;
    await clickHeader(lb, 'param:learning_rate');
    await clickHeader(lb, 'param:learning_rate');
    await page.locator('.tb-chip[data-state="pruned"]').click();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.locator('.tb-column-choice[data-column="param:dropout"]').click();
    await page.locator('.tb-column-choice[data-column="start"]').click();
    await page.keyboard.press('Escape');
    await lb.settle();
    const order = await renderedNumbers(page);
    assert.ok(order.length > 3 && order.every((number) => byNumber.get(number)?.state !== 'pruned'));

    const csv = parseCsv(await exported(lb, 'csv'));
    const params = snapshot.space.map((spec) => spec.name).filter((name) => name !== 'dropout').map((name) => `params_${name}`);
    // val_accuracy is the objective: its values are the `value` field, not a metrics_ field too.
    const metrics = ['accuracy', 'loss', 'val_loss'].map((name) => `metrics_${name}`);
    const columns = ['rank', 'number', 'state', 'value', ...params, ...metrics, 'duration_s'];
    assert.deepEqual(csv[0], columns);
    assert.deepEqual(csv.slice(1).map((fields) => Number(fields[1])), order);
    for (const fields of csv.slice(1)) {
      const row = byNumber.get(Number(fields[1]))!;
      const field = (name: string): string => fields[columns.indexOf(name)]!;
      assert.equal(field('state'), row.state);
      assert.equal(field('value'), row.value === null ? '' : String(row.value));
      // Exactly the number the journal holds, not the 6 digits the table shows.
      assert.equal(Number(field('params_learning_rate')), row.params.learning_rate);
      assert.equal(field('params_activation'), row.params.activation);
      assert.equal(field('metrics_val_loss'), row.metrics.val_loss === undefined ? '' : String(row.metrics.val_loss));
      assert.equal(Number(field('duration_s')), ((row.complete as number) - (row.start as number)) / 1000);
    }

    const json = JSON.parse(await exported(lb, 'json')) as Record<string, unknown>[];
    assert.deepEqual(json.map((record) => record.number), order);
    for (const record of json) {
      assert.deepEqual(Object.keys(record), columns);
      const row = byNumber.get(record.number as number)!;
      assert.equal(record.value, row.value);
      assert.equal(record.params_learning_rate, row.params.learning_rate);
      assert.equal(record.params_units, row.params.units);
    }
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('quotes commas, quotes and line breaks, and keeps every digit', async () => {
    const base = finalSnapshot();
    const template = base.trials[0]!;
    const notes = ['plain', 'a,b', 'say "hi"', 'two\nlines'];
    const values = [0.1 + 0.2, Math.PI / 1e7, Math.E * 1e8, -2.5e21];
    const trials: TrialRow[] = notes.map((note, i) => ({
      ...template, number: i, state: 'complete', value: values[i]!, params: { note, lr: values[i]! }, metrics: {}, failReason: null,
    }));
    const snapshot: HostMessage = {
      type: 'snapshot',
      header: { ...base.header, direction: 'minimize', metric: 'loss' },
      space: [
        { name: 'note', type: 'categorical', choices: notes },
        { name: 'lr', type: 'float', low: -1e22, high: 1e22, log: false, step: null },
      ],
      trials,
    };
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await clickHeader(lb, 'number');
    const csv = parseCsv(await exported(lb, 'csv'));
    assert.deepEqual(csv[0], ['rank', 'number', 'state', 'value', 'params_note', 'params_lr', 'duration_s', 'datetime_start']);
    // The best (lowest loss) pinned first, then by number.
    const best = values.indexOf(Math.min(...values));
    const order = [best, ...[0, 1, 2, 3].filter((n) => n !== best)];
    assert.deepEqual(csv.slice(1).map((fields) => fields[4]), order.map((n) => notes[n]));
    assert.deepEqual(csv.slice(1).map((fields) => Number(fields[5])), order.map((n) => values[n]));
    assert.deepEqual(csv.slice(1).map((fields) => fields[0]), order.map((n) => String([...values].sort((a, b) => a - b).indexOf(values[n]!) + 1)));
    const json = JSON.parse(await exported(lb, 'json')) as Record<string, unknown>[];
    assert.deepEqual(json.map((record) => [record.params_note, record.value]), order.map((n) => [notes[n], values[n]]));
    assert.deepEqual(lb.consoleErrors, []);
  });
});
