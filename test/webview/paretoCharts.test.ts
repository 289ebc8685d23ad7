/**
 * The history and parallel-coordinates charts of a multi-objective study in the real leaderboard page
 * (headless Chromium, the built bundle): the history shows one objective at a time, chosen in its
 * toolbar, with the Pareto front drawn apart and no single best claimed; parallel coordinates have one
 * axis per objective, the front emphasised (no best line), and brushing an objective's axis filters the
 * table by that objective. A single-objective study's charts keep their one objective axis and best.
 * What should show is worked out from the rows by the definition of dominance (paretoExpectations.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TrialRow } from '../../src/protocol/leaderboard';
import { paretoSnapshot } from '../fixtures/leaderboard/paretoStudy';
import { finalSnapshot } from './leaderboardFixtures';
import { openLeaderboardPage, pollUntil, type LeaderboardPage } from './pageHarness';
import { expectedClasses } from './paretoExpectations';

interface ChartInstance {
  getOption(): unknown;
  dispatchAction(payload: object): void;
}
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown };
  readonly tuneboardCharts?: { instanceOf(element: unknown): ChartInstance | undefined };
}
interface SeriesOption {
  readonly id: string;
  readonly name: string;
  readonly data: number[][];
  readonly lineStyle?: { width?: number };
}
type Option = { series?: SeriesOption[]; yAxis?: { name?: string }[]; parallelAxis?: { id: string; name: string; type: string }[]; visualMap?: { dimension?: number }[]; legend?: { data?: string[] }[] };

async function option(lb: LeaderboardPage, chart: string): Promise<Option | null> {
  const json = await lb.page.evaluate((kind) => {
    const page = globalThis as unknown as PageGlobals;
    const current = page.tuneboardCharts?.instanceOf(page.document.querySelector(`[data-chart="${kind}"]`))?.getOption();
    return current ? JSON.stringify(current) : null;
  }, chart);
  return json === null ? null : (JSON.parse(json) as Option);
}

function series(opt: Option | null, id: string): SeriesOption {
  const found = opt?.series?.find((entry) => entry.id === id);
  assert.ok(found, `series ${id}`);
  return found;
}

const sorted = (numbers: readonly number[]): number[] => [...numbers].sort((a, b) => a - b);
const caption = (lb: LeaderboardPage, title: string): Promise<string> => lb.page.locator(`section.tb-chart[aria-label="${title}"] .tb-chart-caption`).innerText();

describe('a multi-objective study’s history and parallel coordinates', () => {
  let lb: LeaderboardPage;
  const snapshot = paretoSnapshot(3);
  const expected = expectedClasses(snapshot.trials);
  const rowOf = (number: number): TrialRow | undefined => snapshot.trials.find((row) => row.number === number);

  before(async () => {
    lb = await openLeaderboardPage({ theme: 'dark', viewport: { width: 1400, height: 900 } });
    await lb.send(snapshot);
  });
  after(async () => lb?.close());

  it('history: the first objective at first, the front drawn apart, no single best claimed', async () => {
    await lb.page.locator('[data-chart-tab="history"]').click();
    const opt = (await pollUntil(() => option(lb, 'history'), (o) => (o?.series ?? []).some((s) => s.id === 'front' && s.data.length > 0), 'the history with its front')) as Option;
    assert.deepEqual(sorted(series(opt, 'front').data.map((p) => p[0] as number)), expected.front);
    assert.deepEqual(sorted(series(opt, 'complete').data.map((p) => p[0] as number)), sorted([...expected.dominated, ...expected.infeasible]));
    for (const [number, value] of series(opt, 'front').data) assert.equal(value, rowOf(number as number)?.values?.[0]);
    const text = await caption(lb, 'Optimisation history');
    assert.match(text, new RegExp(`^${expected.front.length} on the Pareto front · val_accuracy, objective 1 of 3`));
    assert.doesNotMatch(text, /best \S+ at #/, 'no single best');
    assert.equal(series(opt, 'best').name, 'Best val_accuracy so far');
    const select = lb.page.locator('vscode-single-select[data-objective="history"]');
    assert.equal(await select.isVisible(), true, 'an objective selector in the toolbar');
  });

  it('history: the objective chosen in the toolbar, in its own direction', async () => {
    await lb.page.evaluate(() => {
      const select = (globalThis as unknown as { document: { querySelector(s: string): { value: string; dispatchEvent(e: unknown): void } } }).document.querySelector('vscode-single-select[data-objective="history"]');
      select.value = '2';
      select.dispatchEvent(new Event('change'));
    });
    const opt = (await pollUntil(() => option(lb, 'history'), (o) => /latency_ms/.test(o?.yAxis?.[0]?.name ?? ''), 'latency shown')) as Option;
    for (const [number, value] of series(opt, 'front').data) assert.equal(value, rowOf(number as number)?.values?.[2]);
    const best = series(opt, 'best').data.map((p) => p[1] as number);
    assert.deepEqual(best, [...best].sort((a, b) => b - a), 'latency is minimised: the best so far never rises');
    const lowest = Math.min(...snapshot.trials.filter((r) => r.state === 'complete').map((r) => r.values?.[2] ?? Infinity));
    assert.equal(best.at(-1), lowest);
    assert.match(await caption(lb, 'Optimisation history'), /latency_ms, objective 3 of 3 .*\(minimize latency_ms\)/);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('parallel coordinates: one axis per objective, lines coloured by the first, the front emphasised instead of a best', async () => {
    await lb.page.locator('[data-chart-tab="parallel"]').click();
    const opt = (await pollUntil(() => option(lb, 'parallel'), (o) => (o?.series ?? []).some((s) => s.id === 'trials' && s.data.length > 0), 'the parallel lines')) as Option;
    const axes = opt.parallelAxis ?? [];
    const objectiveAxes = axes.filter((axis) => axis.id.startsWith('objective'));
    assert.deepEqual(objectiveAxes.map((axis) => [axis.id, axis.name.replaceAll('\n', '')]), [['objective', '↑ val_accuracy'], ['objective:1', '↓ parameter_count'], ['objective:2', '↓ latency_ms']]);
    assert.deepEqual(axes.slice(-3), objectiveAxes, 'the objectives last');
    const paramAxes = axes.length - 3;
    assert.equal(opt.visualMap?.[0]?.dimension, paramAxes, 'coloured by the first objective');
    const front = series(opt, 'front').data;
    const complete = snapshot.trials.filter((row) => row.state === 'complete');
    assert.equal(series(opt, 'trials').data.length, complete.length);
    assert.equal(front.length, expected.front.length);
    // Each front line ends in its trial's three values: the front's trials, by their values.
    const frontValues = front.map((line) => JSON.stringify(line.slice(paramAxes)));
    assert.deepEqual(new Set(frontValues), new Set(expected.front.map((n) => JSON.stringify(rowOf(n)?.values))));
    assert.deepEqual(series(opt, 'best').data, [], 'no single best');
    assert.ok((series(opt, 'front').lineStyle?.width ?? 0) > (series(opt, 'trials').lineStyle?.width ?? 0));
    assert.match(await caption(lb, 'Parallel coordinates'), new RegExp(`the ${expected.front.length} on the Pareto front in bold`));
  });

  it('parallel coordinates: brushing an objective’s axis filters the table by that objective', async () => {
    const costs = snapshot.trials.map((row) => row.values?.[1]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    const cut = costs[Math.floor(costs.length / 3)] as number;
    await lb.page.evaluate((high) => {
      const page = globalThis as unknown as PageGlobals;
      page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="parallel"]'))?.dispatchAction({ type: 'axisAreaSelect', parallelAxisId: 'objective:1', intervals: [[0, high]] });
    }, cut);
    await lb.settle();
    const kept = snapshot.trials.filter((row) => typeof row.values?.[1] === 'number' && (row.values[1] as number) <= cut).length;
    const tableRows = async (): Promise<number> => Number(await lb.page.getByRole('grid', { name: 'Trials' }).getAttribute('aria-rowcount')) - 1;
    await pollUntil(tableRows, (rows) => rows === kept, `the table to keep the ${kept} trials of parameter_count ≤ ${cut}`);
    assert.match(await lb.page.locator('.tb-filter-chip').first().innerText(), /^parameter_count /, 'the chip names the objective');
    await lb.page.locator('.tb-chart-status vscode-toolbar-button').click();
    await pollUntil(tableRows, (rows) => rows === snapshot.trials.length, 'every trial back');
    assert.deepEqual(lb.consoleErrors, []);
  });
});

describe('a single-objective study’s history and parallel coordinates', () => {
  it('keep one objective axis, the best and no objective selector', async () => {
    const lb = await openLeaderboardPage({ theme: 'light' });
    try {
      await lb.send(finalSnapshot());
      const history = (await pollUntil(() => option(lb, 'history'), (o) => (o?.series ?? []).some((s) => s.id === 'complete' && s.data.length > 0), 'the history')) as Option;
      assert.deepEqual(series(history, 'front').data, []);
      assert.equal(series(history, 'best').name, 'Best so far');
      assert.match(await caption(lb, 'Optimisation history'), /^best \S+ at #\d+/);
      assert.equal(await lb.page.locator('vscode-single-select[data-objective="history"]').isHidden(), true);
      await lb.page.locator('[data-chart-tab="parallel"]').click();
      const parallel = (await pollUntil(() => option(lb, 'parallel'), (o) => (o?.series ?? []).some((s) => s.id === 'trials' && s.data.length > 0), 'the parallel lines')) as Option;
      assert.deepEqual((parallel.parallelAxis ?? []).filter((axis) => axis.id.startsWith('objective')).map((axis) => axis.id), ['objective']);
      assert.equal(series(parallel, 'best').data.length, 1);
      assert.deepEqual(series(parallel, 'front').data, []);
      assert.deepEqual(lb.consoleErrors, []);
    } finally {
      await lb.close();
    }
  });
});

