/**
 * A multi-objective study in the real leaderboard page (headless Chromium, the built bundle): the
 * table's one column per objective and its Pareto ranking (the front first, ★), and the Pareto chart:
 * points drawn per class (front, dominated, infeasible), the front joined, axes and colour chosen in
 * its toolbar, a click selecting the trial, whose "Apply this trade-off" asks the host to apply it;
 * and the hypervolume over trials.
 * What the page should show is worked out here from the rows alone, by the definition of dominance.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { frontHypervolume } from '../../src/core/multiObjective';
import { LATENCY_BUDGET, PARETO_OBJECTIVES, paretoSnapshot, paretoTrials } from '../fixtures/leaderboard/paretoStudy';
import { finalSnapshot } from './leaderboardFixtures';
import { expectedClasses } from './paretoExpectations';
import { openLeaderboardPage, pollUntil, type LeaderboardPage } from './pageHarness';
import { headerLabels, renderedRows } from './tableQueries';

interface ChartInstance {
  getOption(): unknown;
  convertToPixel(finder: object, value: number[]): number[];
  getZr(): { animation: { isFinished(): boolean } };
}
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown };
  readonly tuneboardCharts?: { instanceOf(element: unknown): ChartInstance | undefined };
}
interface SeriesOption {
  readonly id: string;
  readonly type: string;
  readonly data: number[][];
}
type Option = { series?: SeriesOption[]; xAxis?: { name?: string }[]; yAxis?: { name?: string }[]; visualMap?: { dimension?: number }[] };

async function option(lb: LeaderboardPage): Promise<Option | null> {
  const json = await lb.page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const current = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="pareto"]'))?.getOption();
    return current ? JSON.stringify(current) : null;
  });
  return json === null ? null : (JSON.parse(json) as Option);
}

function series(opt: Option | null, id: string): SeriesOption {
  const found = opt?.series?.find((entry) => entry.id === id);
  assert.ok(found, `series ${id}`);
  return found;
}

const numbersOf = (opt: Option | null, id: string): number[] => series(opt, id).data.map((point) => point[3] as number).sort((a, b) => a - b);

async function showPareto(lb: LeaderboardPage): Promise<Option> {
  await lb.page.locator('[data-chart-tab="pareto"]').click();
  return (await pollUntil(() => option(lb), (opt) => opt?.series?.some((s) => s.id === 'front') === true, 'the Pareto chart')) as Option;
}

describe('a multi-objective study in the leaderboard page', () => {
  let lb: LeaderboardPage;
  const snapshot = paretoSnapshot(3);
  const expected = expectedClasses(snapshot.trials);

  before(async () => {
    lb = await openLeaderboardPage({ theme: 'dark', viewport: { width: 1400, height: 900 } });
    await lb.send(snapshot);
  });
  after(async () => lb?.close());

  it('has a fixture with a front, dominated and infeasible trials', () => {
    assert.ok(expected.front.length >= 3 && expected.dominated.length >= 5 && expected.infeasible.length >= 3, JSON.stringify(expected));
    assert.ok(snapshot.trials.some((row) => (row.values?.[2] ?? 0) > LATENCY_BUDGET));
  });

  it('shows one value column per objective, named by its metric, and ranks the front first with ★', async () => {
    const labels = await headerLabels(lb.page);
    for (const objective of PARETO_OBJECTIVES) assert.ok(labels.some((label) => label.includes(objective.metric)), `${objective.metric} in ${JSON.stringify(labels)}`);
    const rows = await renderedRows(lb.page);
    const top = rows.slice(0, expected.front.length);
    assert.deepEqual(top.map((row) => row.number).sort((a, b) => a - b), expected.front, 'the front is pinned at the top');
    assert.ok(top.every((row) => row.cells.rank?.startsWith('★') && row.best), 'front rows are starred');
    assert.ok(rows.slice(expected.front.length).every((row) => !row.cells.rank?.startsWith('★')));
    const first = snapshot.trials.find((row) => row.number === top[0]?.number);
    assert.equal(top[0]?.cells['objective:1']?.replace(/[^\d]/g, ''), String(first?.values?.[1]));
    assert.match(await lb.page.locator('.tb-header').innerText(), new RegExp(`Pareto front: ${expected.front.length} trials`));
  });

  it('draws the front, dominated and infeasible trials as distinct series, the front joined by a line', async () => {
    const opt = await showPareto(lb);
    assert.deepEqual(numbersOf(opt, 'front'), expected.front);
    assert.deepEqual(numbersOf(opt, 'dominated'), expected.dominated);
    assert.deepEqual(numbersOf(opt, 'infeasible'), expected.infeasible);
    assert.equal(series(opt, 'frontLine').type, 'line');
    assert.equal(series(opt, 'frontLine').data.length, expected.front.length);
    const xs = series(opt, 'frontLine').data.map((point) => point[0] as number);
    assert.deepEqual(xs, [...xs].sort((a, b) => a - b), 'joined in order of the x objective');
    assert.match(opt.xAxis?.[0]?.name ?? '', /val_accuracy/);
    assert.match(opt.yAxis?.[0]?.name ?? '', /parameter_count/);
    assert.equal(opt.visualMap?.[0]?.dimension, 2, 'the third objective as colour');
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('puts the objectives the user picks on the axes', async () => {
    await lb.page.evaluate(() => {
      const select = (globalThis as unknown as { document: { querySelector(s: string): { value: string; dispatchEvent(e: unknown): void } } }).document.querySelector('vscode-single-select[data-axis="y"]');
      select.value = '2';
      select.dispatchEvent(new Event('change'));
    });
    const opt = (await pollUntil(() => option(lb), (o) => /latency_ms/.test(o?.yAxis?.[0]?.name ?? ''), 'latency on the y axis')) as Option;
    assert.equal(opt.visualMap?.[0]?.dimension, 2);
    assert.match(await lb.page.locator('section.tb-chart[aria-label="Pareto chart"] .tb-chart-caption').innerText(), /coloured by parameter_count/, 'the colour moves to the objective on neither axis');
    const point = series(opt, 'front').data[0] as number[];
    const row = snapshot.trials.find((r) => r.number === point[3]);
    assert.deepEqual(point.slice(0, 2), [row?.values?.[0], row?.values?.[2]]);
  });

  it('selects the trial whose point is clicked, and its "Apply this trade-off" asks the host to apply it', async () => {
    const opt = await showPareto(lb);
    const [x, y, , number] = series(opt, 'front').data[1] as [number, number, number, number];
    await pollUntil(() => lb.page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      return page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="pareto"]'))?.getZr().animation.isFinished() ?? false;
    }), Boolean, 'the chart to settle');
    const box = await lb.page.locator('[data-chart="pareto"]').boundingBox();
    assert.ok(box);
    const [px, py] = await lb.page.evaluate(([vx, vy]) => {
      const page = globalThis as unknown as PageGlobals;
      const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="pareto"]'));
      return chart ? chart.convertToPixel({ seriesId: 'front' }, [vx, vy]) : [NaN, NaN];
    }, [x, y] as [number, number]);
    await lb.page.mouse.click(box.x + (px as number), box.y + (py as number));
    const selected = (await pollUntil(() => option(lb), (o) => (o?.series?.find((s) => s.id === 'selected')?.data.length ?? 0) === 1, 'the selected ring')) as Option;
    assert.equal(series(selected, 'selected').data[0]?.[3], number);
    const apply = lb.page.locator('.tb-details-actions vscode-button[data-action="applyParams"]');
    assert.equal((await apply.innerText()).trim(), 'Apply this trade-off');
    assert.match(await lb.page.locator('.tb-details-facts').innerText(), /★ on the Pareto front/);
    await apply.click();
    await pollUntil(() => lb.posted(), (posted) => posted.some((m) => m.type === 'applyParams' && m.number === number), 'the apply request');
  });

  it('draws the hypervolume over trials against the worst value seen plus 10% of the range', async () => {
    await lb.page.locator('[data-chart-tab="hypervolume"]').click();
    const read = async (): Promise<Option | null> => {
      const json = await lb.page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        const current = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="hypervolume"]'))?.getOption();
        return current ? JSON.stringify(current) : null;
      });
      return json === null ? null : (JSON.parse(json) as Option);
    };
    const opt = (await pollUntil(read, (o) => o?.series?.some((s) => s.id === 'hypervolume') === true, 'the hypervolume chart')) as Option;
    const line = series(opt, 'hypervolume').data;
    const feasible = [...expected.front, ...expected.dominated].sort((a, b) => a - b);
    assert.deepEqual(line.map((point) => point[0]), feasible, 'one point per feasible complete trial');
    const volumes = line.map((point) => point[1] as number);
    assert.deepEqual(volumes, [...volumes].sort((a, b) => a - b), 'it never falls');
    const counted = paretoTrials().filter((t) => feasible.includes(t.number));
    const reference = PARETO_OBJECTIVES.map((o, k) => {
      const column = counted.map((t) => t.values?.[k] as number);
      const low = Math.min(...column);
      const high = Math.max(...column);
      return o.direction === 'maximize' ? low - 0.1 * (high - low) : high + 0.1 * (high - low);
    });
    const expectedLast = frontHypervolume(paretoTrials(), PARETO_OBJECTIVES.map((o) => o.direction), reference, { feasibleOnly: true });
    assert.ok(Math.abs((volumes.at(-1) as number) - expectedLast) <= 1e-9 * expectedLast, `${volumes.at(-1)} vs ${expectedLast}`);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('with two objectives has no colour choice and no colour map', async () => {
    const two = paretoSnapshot(2);
    await lb.send(two);
    await lb.page.locator('[data-chart-tab="pareto"]').click();
    const opt = (await pollUntil(() => option(lb), (o) => o !== null && (o.visualMap ?? []).length === 0, 'no colour map')) as Option;
    assert.deepEqual(numbersOf(opt, 'front'), expectedClasses(two.trials, 2).front);
    assert.equal(await lb.page.locator('vscode-single-select[data-axis="colour"]').isHidden(), true);
  });
});

describe('a single-objective study in the leaderboard page', () => {
  it('has no Pareto tab and keeps its value column and best', async () => {
    const lb = await openLeaderboardPage({ theme: 'light' });
    try {
      await lb.send(finalSnapshot());
      assert.equal(await lb.page.locator('[data-chart-tab="pareto"]').isHidden(), true);
      assert.equal(await lb.page.locator('[data-chart-tab="hypervolume"]').isHidden(), true);
      const rows = await renderedRows(lb.page);
      assert.equal(rows[0]?.cells.rank, '★ 1');
      assert.deepEqual(lb.consoleErrors, []);
    } finally {
      await lb.close();
    }
  });
});
