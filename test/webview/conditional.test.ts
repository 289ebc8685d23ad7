// A conditional study in the leaderboard (the fixture journal Python Optuna wrote with a define-by-run
// objective): a param a trial did not take reads as the dimmed inactive mark, sorts last both ways,
// sits at its axis's inactive position in parallel coordinates, and the detail pane lists it apart.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { INACTIVE_MARK, INACTIVE_TITLE } from '../../src/core/studyView/inactiveParams';
import { paramSpace, toTrialRow } from '../../src/extension/leaderboard/trialRows';
import type { HostMessage, StudyHeader } from '../../src/protocol/leaderboard';
import { CONDITIONAL_TRIALS, conditionalTrials } from '../fixtures/conditional';
import { openLeaderboardPage, pollUntil, type LeaderboardPage } from './pageHarness';
import { clickHeader, renderedNumbers, renderedRows } from './tableQueries';

const trials = conditionalTrials();
const rows = trials.map(toTrialRow);
const space = paramSpace(trials);
const header: StudyHeader = {
  key: 'conditional', name: 'conditional', direction: 'minimize', metric: 'loss', state: 'idle', sampler: 'tpe', pruner: null, backend: null,
  budget: 8, counted: rows.length, done: rows.length, startedAt: rows[0]?.start ?? null, configPath: null, journalPath: '/ws/conditional.jsonl', problem: null, canRun: false,
};
const snapshot: HostMessage = { type: 'snapshot', header, space, trials: rows };
const inactiveIn = (number: number): readonly string[] => CONDITIONAL_TRIALS[number]?.inactive ?? [];

interface ParallelOption {
  readonly parallelAxis: { id: string; type: string; min?: number; data?: string[] }[];
  readonly series: { id: string; data: number[][] }[];
}

async function parallelOption(lb: LeaderboardPage): Promise<ParallelOption | null> {
  const json = await lb.page.evaluate(() => {
    const page = globalThis as unknown as { document: { querySelector(s: string): unknown }; tuneboardCharts?: { instanceOf(e: unknown): { getOption(): unknown } | undefined } };
    const option = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="parallel"]'))?.getOption();
    return option ? JSON.stringify(option) : null;
  });
  return json === null ? null : (JSON.parse(json) as ParallelOption);
}

describe('a conditional study in the leaderboard', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('shows a param the trial did not take as the dimmed mark with its tooltip, never blank or 0', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const shown = await renderedRows(lb.page);
    assert.equal(shown.length, rows.length);
    for (const row of shown) {
      for (const spec of space) {
        const text = row.cells[`param:${spec.name}`];
        if (inactiveIn(row.number).includes(spec.name)) assert.equal(text, INACTIVE_MARK, `#${row.number} ${spec.name}`);
        else assert.ok(text !== '' && text !== INACTIVE_MARK, `#${row.number} ${spec.name}: ${text}`);
      }
    }
    const cell = lb.page.locator('.tb-grid-body .tb-row[data-number="1"] [data-column="param:momentum"]');
    assert.equal(await cell.getAttribute('title'), INACTIVE_TITLE);
    assert.ok(await cell.evaluate((element) => element.classList.contains('inactive')));
    const active = lb.page.locator('.tb-grid-body .tb-row[data-number="1"] [data-column="param:beta1"]');
    assert.equal(await active.evaluate((element) => element.classList.contains('inactive')), false);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('sorts inactive cells last in both directions', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const sgd = rows.filter((row) => row.params.momentum !== undefined);
    const adam = rows.filter((row) => row.params.momentum === undefined).map((row) => row.number);
    const best = rows.filter((row) => row.state === 'complete').sort((a, b) => (a.value as number) - (b.value as number))[0]!;
    for (const descending of [false, true]) {
      await clickHeader(lb, 'param:momentum');
      const order: number[] = (await renderedNumbers(lb.page)).filter((number) => number !== best.number); // the best stays pinned first
      const expectedSgd = sgd.filter((row) => row !== best).sort((a, b) => ((a.params.momentum as number) - (b.params.momentum as number)) * (descending ? -1 : 1) || a.number - b.number).map((row) => row.number);
      assert.deepEqual(order, [...expectedSgd, ...adam.filter((number) => number !== best.number)], descending ? 'descending' : 'ascending');
    }
  });

  it('draws every complete trial in parallel coordinates, inactive params at the axis\'s — position', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await lb.page.locator('[data-chart-tab="parallel"]').click();
    const complete = rows.filter((row) => row.state === 'complete');
    const option = await pollUntil(() => parallelOption(lb!), (o) => o?.series.find((s) => s.id === 'trials')?.data.length === complete.length, 'every complete trial as a line');
    const axes = option!.parallelAxis;
    const lines = option!.series.find((s) => s.id === 'trials')!.data;
    const momentum = axes.findIndex((axis) => axis.id === 'param:momentum');
    const nesterov = axes.findIndex((axis) => axis.id === 'param:nesterov');
    // Numeric: below the range, where the axis now starts; categorical: a last category, —.
    assert.ok(axes[momentum]!.min! < 0, `momentum's axis starts below 0 at ${axes[momentum]!.min}`);
    assert.deepEqual(axes[nesterov]!.data, ['true', 'false', INACTIVE_MARK]);
    complete.forEach((row, i) => {
      const inactive = inactiveIn(row.number).includes('momentum');
      assert.equal(lines[i]![momentum], inactive ? axes[momentum]!.min : row.params.momentum, `#${row.number} momentum`);
      assert.equal(lines[i]![nesterov], inactive ? 2 : [true, false].indexOf(row.params.nesterov as boolean), `#${row.number} nesterov`);
    });
    assert.match(await lb.page.locator('.tb-chart-caption').filter({ visible: true }).first().innerText(), /— on an axis: inactive in that trial/);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('lists the params a trial did not take after its own in the detail pane, dimmed', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await lb.page.locator('.tb-grid-body .tb-row[data-number="1"]').click();
    await lb.settle();
    const pairs = await lb.page.locator('.tb-details-section[data-section="params"] dt').evaluateAll((terms) =>
      terms.map((term) => [term.textContent, term.nextElementSibling?.textContent, term.classList.contains('inactive')]));
    const inactive = pairs.filter(([, , dimmed]) => dimmed).map(([name, value]) => [name, value]);
    assert.deepEqual(inactive.map(([name]) => name).sort(), [...inactiveIn(1)].sort());
    assert.ok(inactive.every(([, value]) => value === INACTIVE_MARK));
    assert.deepEqual(pairs.filter(([, , dimmed]) => !dimmed).map(([name]) => name), Object.keys(rows[1]!.params));
  });
});
