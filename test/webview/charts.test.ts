/**
 * The leaderboard's charts in the built page (headless Chromium): what they draw from the host's
 * messages, how they follow live updates, brushing, clicks, the theme, and saving images. Chart state
 * is read through ECharts' own instances (window.tuneboardCharts.instanceOf → getOption()).
 *
 * Run: npm run build && node scripts/run-tests.mjs test/webview/charts.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TrialState } from '../../src/core/trial';
import { parseWebviewMessage } from '../../src/protocol/leaderboard';
import type { HostMessage, ImportanceResult, ParamSpec, StudyHeader, TrialRow, WebviewMessage } from '../../src/protocol/leaderboard';
import { bestOf, finalSnapshot, iris, rowsAfter, seededRandom } from './leaderboardFixtures';
import { openLeaderboardPage, pollUntil } from './pageHarness';
import type { LeaderboardPage } from './pageHarness';

type ChartKind = 'history' | 'curves' | 'parallel' | 'importance' | 'slice';

/**
 * What the test reads in the page (this file is typed without the DOM): the chart elements and the
 * read-only hook that hands out their ECharts instances. Callbacks passed to `page.evaluate` declare no
 * named inner functions: tsx would wrap those in a helper that does not exist in the page.
 */
interface ChartInstance {
  readonly id: string;
  getOption(): unknown;
  setOption(...args: unknown[]): unknown;
  dispatchAction(payload: object): void;
  convertToPixel(finder: object, value: number[]): number[];
  getZr(): { animation: { isFinished(): boolean } };
}
/** The page harness's delivery function (vscodeWebviewStub.js), for a message too big for lb.send. */
interface HarnessPage {
  readonly __harness: { deliver(messages: unknown[]): Promise<void> };
}
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown };
  readonly tuneboardCharts?: { instanceOf(element: unknown): ChartInstance | undefined };
  redraws: number;
  chartId: string;
}

// ---------------------------------------------------------------------------------------------------
// A small, realistic study: an MLP's validation loss over a log learning rate, log units, dropout and
// an activation; most trials complete, some are pruned mid-curve, a few fail, the last ones run.

const SPACE: readonly ParamSpec[] = [
  { name: 'learning_rate', type: 'float', low: 1e-4, high: 1e-1, log: true, step: null },
  { name: 'units', type: 'int', low: 8, high: 256, log: true, step: null },
  { name: 'dropout', type: 'float', low: 0, high: 0.5, log: false, step: 0.05 },
  { name: 'activation', type: 'categorical', choices: ['relu', 'tanh', 'elu'] },
];

function header(overrides: Partial<StudyHeader> = {}): StudyHeader {
  return {
    key: 'study-key',
    name: 'iris-mlp',
    direction: 'minimize',
    metric: 'val_loss',
    state: 'running',
    sampler: 'tpe',
    pruner: 'asha',
    backend: 'wasm',
    budget: 200,
    counted: 0,
    done: 0,
    startedAt: Date.UTC(2025, 0, 1),
    configPath: '/ws/iris.tune.yaml',
    journalPath: '/ws/.tuneboard/iris-mlp.jsonl',
    problem: null,
    canRun: true,
    ...overrides,
  };
}

interface StudyOptions {
  readonly trials: number;
  readonly steps?: number;
  readonly seed?: number;
  readonly first?: number;
  /** Trial states by number; default: every 7th pruned, every 13th failed, the last two running. */
  readonly stateOf?: (number: number, total: number) => TrialState;
}

function defaultState(number: number, total: number): TrialState {
  if (number >= total - 2) return 'running';
  if (number % 13 === 12) return 'fail';
  if (number % 7 === 6) return 'pruned';
  return 'complete';
}

function makeTrials({ trials, steps = 12, seed = 1, first = 0, stateOf = defaultState }: StudyOptions): TrialRow[] {
  const rand = seededRandom(seed);
  const rows: TrialRow[] = [];
  for (let number = first; number < first + trials; number++) {
    const lr = 10 ** (-4 + 3 * rand());
    const units = Math.round(2 ** (3 + 5 * rand()));
    const dropout = Math.round(rand() * 10) * 0.05;
    const activation = (['relu', 'tanh', 'elu'] as const)[Math.floor(rand() * 3)] as string;
    const state = stateOf(number, first + trials);
    // A loss that is best near lr = 3e-3, falling per step towards it.
    const floor = 0.05 + 0.4 * Math.abs(Math.log10(lr) + 2.5) + 0.1 * dropout + (activation === 'tanh' ? 0.05 : 0);
    const reported = state === 'complete' ? steps : state === 'fail' ? 0 : state === 'pruned' ? Math.max(2, Math.floor(steps / 3)) : Math.floor(steps / 2);
    const curve: [number, number][] = [];
    for (let step = 0; step < reported; step++) curve.push([step, floor + 1.5 * Math.exp(-step / 3) + 0.01 * rand()]);
    const value = state === 'complete' || state === 'pruned' ? (curve.at(-1)?.[1] ?? null) : null;
    const start = Date.UTC(2025, 0, 1) + number * 60_000;
    rows.push({
      number,
      state,
      value,
      params: { learning_rate: lr, units, dropout, activation },
      metrics: state === 'complete' ? { val_accuracy: 1 - (value ?? 0) / 3 } : {},
      curve,
      start,
      complete: state === 'running' ? null : start + 30_000,
      failReason: state === 'fail' ? 'Error: NaN loss' : null,
      foldValues: null,
      backend: 'wasm',
      host: null,
      gpu: null,
    });
  }
  return rows;
}

function snapshot(trials: readonly TrialRow[], overrides: Partial<StudyHeader> = {}): HostMessage {
  return { type: 'snapshot', header: header({ counted: trials.length, done: trials.length, ...overrides }), space: SPACE, trials };
}

const finite = (row: TrialRow): boolean => row.value !== null && Number.isFinite(row.value);

// ---------------------------------------------------------------------------------------------------
// Reading the page

/** The chart's current option, as plain JSON (formatter functions dropped). */
type Option = Record<string, unknown> & { series?: SeriesOption[] };
interface SeriesOption {
  readonly id: string;
  readonly type: string;
  readonly data: unknown[];
  readonly lineStyle?: { color?: string; width?: number; opacity?: number };
  readonly itemStyle?: { color?: string; opacity?: number };
}

/** The learning curves' complete curves: one series per rank bucket of the final objective. */
const RANK_BUCKETS = ['rank-10', 'rank-25', 'rank-50', 'rank-100'] as const;
const completeCurves = (opt: Option | null): number => RANK_BUCKETS.reduce((sum, id) => sum + series(opt, id).data.length, 0);
/** The curves chart's series: the rank buckets, then pruned/failed, running and selected. */
const CURVE_SERIES = RANK_BUCKETS.length + 3;

async function option(lb: LeaderboardPage, kind: ChartKind): Promise<Option | null> {
  const json = await lb.page.evaluate((chart) => {
    const page = globalThis as unknown as PageGlobals;
    const instance = page.tuneboardCharts?.instanceOf(page.document.querySelector(`[data-chart="${chart}"]`));
    const current = instance?.getOption(); // undefined until the chart's first draw
    // Typed arrays (the learning curves' data: one entry per curve) as plain arrays.
    return current ? JSON.stringify(current, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value)) : null;
  }, kind);
  return json === null ? null : (JSON.parse(json) as Option);
}

function series(opt: Option | null, id: string): SeriesOption {
  // The learning curves' series are new each render (`<group>@<render>`, see curvesChart.ts).
  const found = opt?.series?.find((entry) => entry.id === id || entry.id.startsWith(`${id}@`));
  assert.ok(found, `series ${id} in ${JSON.stringify(opt?.series?.map((entry) => entry.id))}`);
  return found;
}


/** Polls until the chart exists and `check` passes on its option (a missing series counts as not yet). */
async function untilOption(lb: LeaderboardPage, kind: ChartKind, check: (opt: Option) => boolean, what: string, timeoutMs?: number): Promise<Option> {
  const passes = (opt: Option | null): boolean => {
    try {
      return opt !== null && check(opt);
    } catch {
      return false;
    }
  };
  return (await pollUntil(() => option(lb, kind), passes, what, timeoutMs)) as Option;
}

/** Waits until the chart's animations have finished, so that points are where a click expects them. */
async function stillChart(lb: LeaderboardPage, kind: ChartKind): Promise<void> {
  const moving = (): Promise<boolean> =>
    lb.page.evaluate((chart) => {
      const page = globalThis as unknown as PageGlobals;
      const instance = page.tuneboardCharts?.instanceOf(page.document.querySelector(`[data-chart="${chart}"]`));
      return instance ? !instance.getZr().animation.isFinished() : true;
    }, kind);
  await pollUntil(moving, (busy) => !busy, `the ${kind} chart to stop animating`);
}

async function showTab(lb: LeaderboardPage, kind: ChartKind): Promise<void> {
  await lb.page.locator(`[data-chart-tab="${kind}"]`).click();
  await pollUntil(() => option(lb, kind), (opt) => opt !== null, `the ${kind} chart to exist`);
}

async function visibleText(lb: LeaderboardPage, selector: string): Promise<string> {
  return lb.page.locator(selector).filter({ visible: true }).first().innerText();
}

async function saved(lb: LeaderboardPage): Promise<Extract<WebviewMessage, { type: 'saveImage' }>[]> {
  return (await lb.posted()).filter((message): message is Extract<WebviewMessage, { type: 'saveImage' }> => message.type === 'saveImage');
}

// ---------------------------------------------------------------------------------------------------

describe('leaderboard charts', () => {
  describe('history, curves, live updates and selection', () => {
    let lb: LeaderboardPage;
    const trials = makeTrials({ trials: 60 });
    before(async () => {
      lb = await openLeaderboardPage({ theme: 'dark' });
    });
    after(async () => {
      await lb.close();
    });

    it('says there is nothing to draw before the first trial finishes', async () => {
      await lb.send(snapshot([]));
      await pollUntil(() => visibleText(lb, '.tb-chart-empty'), (text) => /No finished trials yet/.test(text), 'the empty note');
      assert.equal(await lb.page.locator('.tb-chart-save').filter({ visible: true }).count(), 0, 'nothing to save yet');
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('plots complete and pruned trials, leaves out failed ones, and steps down the best so far', async () => {
      await lb.send(snapshot(trials));
      const complete = trials.filter((row) => row.state === 'complete');
      const pruned = trials.filter((row) => row.state === 'pruned');
      const opt = await untilOption(lb, 'history', (o) => series(o, 'complete').data.length === complete.length, 'complete points');
      assert.deepEqual(series(opt, 'complete').data, complete.map((row) => [row.number, row.value]));
      assert.deepEqual(series(opt, 'pruned').data, pruned.map((row) => [row.number, row.value]));
      const plotted = new Set([...series(opt, 'complete').data, ...series(opt, 'pruned').data].map((point) => (point as number[])[0]));
      for (const row of trials.filter((r) => r.state === 'fail' || r.state === 'running')) assert.ok(!plotted.has(row.number), `trial ${row.number} (${row.state}) is not plotted`);

      const best = (series(opt, 'best').data as [number, number][]).map(([, value]) => value);
      for (let i = 1; i < best.length; i++) assert.ok((best[i] as number) <= (best[i - 1] as number), 'minimize: the best so far never rises');
      assert.equal(best.at(-1), Math.min(...complete.map((row) => row.value as number)));
      assert.notEqual(series(opt, 'pruned').itemStyle?.color, series(opt, 'complete').itemStyle?.color, 'pruned points are muted');
      const bestTrial = complete.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
      assert.match(await visibleText(lb, '.tb-chart-caption'), new RegExp(`^best [\\d.]+ at #${bestTrial.number} · ${complete.length} complete · ${pruned.length} pruned \\(minimize val_loss\\)$`));
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('adds streamed trials live, a few redraws a second on the same chart instance', async () => {
      // Count redraws of the existing instance while 40 trials arrive one message at a time.
      await lb.page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="history"]'));
        if (!chart) throw new Error('no history chart');
        page.redraws = 0;
        page.chartId = chart.id;
        const setOption = chart.setOption.bind(chart);
        chart.setOption = (...args: unknown[]) => {
          page.redraws++;
          return setOption(...args);
        };
      });
      const streamed = makeTrials({ trials: 40, first: 60, seed: 9, stateOf: () => 'complete' });
      const started = Date.now();
      for (const row of streamed) {
        await lb.send({ type: 'trials', upserts: [row] });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const complete = trials.filter((row) => row.state === 'complete').length + streamed.length;
      await untilOption(lb, 'history', (o) => series(o, 'complete').data.length === complete, 'all streamed points');
      const seconds = (Date.now() - started) / 1000;
      const { redraws, sameChart } = await lb.page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="history"]'));
        return { redraws: page.redraws, sameChart: chart?.id === page.chartId };
      });
      assert.ok(sameChart, 'the chart instance is reused');
      assert.ok(redraws >= 2, `redrawn while streaming (${redraws})`);
      assert.ok(redraws <= Math.ceil(seconds * 4) + 2, `${redraws} redraws in ${seconds.toFixed(1)} s is at most ~4 per second`);
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('selects the trial whose point is clicked and rings it', async () => {
      const target = trials.find((row) => row.state === 'complete' && row.number > 20) as TrialRow;
      await stillChart(lb, 'history');
      const box = await lb.page.locator('[data-chart="history"]').boundingBox();
      assert.ok(box);
      const [x, y] = await lb.page.evaluate(([number, value]) => {
        const page = globalThis as unknown as PageGlobals;
        const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="history"]'));
        return chart ? chart.convertToPixel({ seriesId: 'complete' }, [number, value]) : [NaN, NaN];
      }, [target.number, target.value as number] as [number, number]);
      await lb.page.mouse.click(box.x + (x as number), box.y + (y as number));
      const opt = await untilOption(lb, 'history', (o) => series(o, 'selected').data.length === 1, 'the selected ring');
      assert.deepEqual(series(opt, 'selected').data, [[target.number, target.value]]);
      // The rest of the page follows the selection: the detail pane asks the host for the trial.
      await pollUntil(() => lb.posted(), (posted) => posted.some((message) => message.type === 'requestDetail' && message.number === target.number), 'the detail request');

      // The learning curves draw the selected trial's curve on top of the others, out of the complete ones.
      await showTab(lb, 'curves');
      const curves = await untilOption(lb, 'curves', (o) => series(o, 'selected').data.length === 1, 'the selected curve');
      const complete = [...trials, ...makeTrials({ trials: 40, first: 60, seed: 9, stateOf: () => 'complete' })].filter((row) => row.state === 'complete').length;
      assert.equal(completeCurves(curves), complete - 1);
      for (const id of RANK_BUCKETS) assert.ok((series(curves, 'selected').lineStyle?.width ?? 0) > (series(curves, id).lineStyle?.width ?? 0), 'the selected curve is drawn wider');
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('draws learning curves batched by state and rank: pruned muted, running emphasised', async () => {
      const all = [...trials, ...makeTrials({ trials: 40, first: 60, seed: 9, stateOf: () => 'complete' })];
      const opt = await untilOption(lb, 'curves', (o) => (o.series ?? []).length === CURVE_SERIES, 'the curve series');
      const count = (states: TrialState[]): number => all.filter((row) => states.includes(row.state) && row.curve.length > 0).length;
      const selected = series(opt, 'selected').data.length;
      assert.equal(completeCurves(opt) + series(opt, 'stopped').data.length + series(opt, 'running').data.length + selected, count(['complete', 'pruned', 'fail', 'running']));
      assert.equal(series(opt, 'stopped').data.length, count(['pruned', 'fail']));
      assert.equal(series(opt, 'running').data.length, count(['running']));
      assert.ok(opt.series?.every((entry) => entry.type === 'lines'), 'one lines series per group, not one per trial');
      const stopped = series(opt, 'stopped').lineStyle;
      // The lower half of the complete curves: the faintest of them.
      const complete = series(opt, 'rank-100').lineStyle;
      const running = series(opt, 'running').lineStyle;
      assert.equal(stopped?.color?.toLowerCase(), '#ccccccb3', 'pruned curves use the muted description colour');
      assert.ok((stopped?.opacity ?? 1) < (complete?.opacity ?? 0), 'pruned curves are fainter than complete ones');
      assert.ok((running?.width ?? 0) > (complete?.width ?? 0) && (running?.opacity ?? 0) >= (complete?.opacity ?? 1), 'running curves stand out');
      assert.deepEqual(lb.consoleErrors, []);
    });
  });

  it('replays a recorded live study (iris, maximize) into history, curves and parallel coordinates', async () => {
    const lb = await openLeaderboardPage({ theme: 'dark' });
    try {
      await lb.send(iris.messages);
      const rows = rowsAfter();
      const complete = rows.filter((row) => row.state === 'complete' && finite(row));
      const history = await untilOption(lb, 'history', (o) => series(o, 'complete').data.length === complete.length, 'the recorded trials');
      const best = (series(history, 'best').data as [number, number][]).map(([, value]) => value);
      for (let i = 1; i < best.length; i++) assert.ok((best[i] as number) >= (best[i - 1] as number), 'maximize: the best so far never falls');
      assert.equal(best.at(-1), bestOf(rows, 'maximize').value);

      await showTab(lb, 'curves');
      const curves = await untilOption(lb, 'curves', (o) => (o.series ?? []).length === CURVE_SERIES, 'the curves');
      const drawn = (curves.series ?? []).reduce((sum, entry) => sum + entry.data.length, 0);
      assert.equal(drawn, rows.filter((row) => row.curve.length > 0).length);

      await showTab(lb, 'parallel');
      const parallel = await untilOption(lb, 'parallel', (o) => series(o, 'trials').data.length === complete.length, 'the parallel lines');
      const { space, header } = finalSnapshot();
      const axes = parallel.parallelAxis as { name: string; type: string; data?: string[] }[];
      // Names may be wrapped onto lines to fit between the axes; epochs (one choice, 40) is no axis.
      assert.deepEqual(axes.map((axis) => axis.name.replaceAll('\n', '')), [...space.filter((spec) => spec.name !== 'epochs').map((spec) => spec.name), header.metric]);
      assert.match(await visibleText(lb, '.tb-chart-caption'), /not drawn, the same in every trial: epochs = 40/);
      assert.deepEqual(lb.consoleErrors, []);
    } finally {
      await lb.close();
    }
  });

  describe('parallel coordinates and brushing', () => {
    let lb: LeaderboardPage;
    const trials = makeTrials({ trials: 80, seed: 3 });
    before(async () => {
      lb = await openLeaderboardPage({ theme: 'light' });
      await lb.send(snapshot(trials));
      await showTab(lb, 'parallel');
    });
    after(async () => {
      await lb.close();
    });

    async function brush(axisId: string, intervals: number[][]): Promise<void> {
      await lb.page.evaluate(
        ([id, ranges]) => {
          const page = globalThis as unknown as PageGlobals;
          const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="parallel"]'));
          chart?.dispatchAction({ type: 'axisAreaSelect', parallelAxisId: id, intervals: ranges });
        },
        [axisId, intervals] as const,
      );
      await lb.settle();
    }

    const status = (): Promise<string> => lb.page.locator('.tb-chart-status').innerText();
    /** The trial table's row count as it tells assistive technology (aria-rowcount less the header row). */
    const tableRows = async (): Promise<number> => Number(await lb.page.getByRole('grid', { name: 'Trials' }).getAttribute('aria-rowcount')) - 1;

    it('has an axis per parameter (log and categorical where the space says) and the objective last', async () => {
      const opt = await untilOption(lb, 'parallel', (o) => series(o, 'trials').data.length > 0, 'parallel lines');
      const axes = opt.parallelAxis as { id: string; name: string; type: string; data?: string[] }[];
      assert.deepEqual(axes.map((axis) => [axis.name.replaceAll('\n', ''), axis.type]), [['learning_rate', 'log'], ['units', 'log'], ['dropout', 'value'], ['activation', 'category'], ['val_loss', 'value']]);
      assert.deepEqual(axes[3]?.data, ['relu', 'tanh', 'elu']);
      const complete = trials.filter((row) => row.state === 'complete');
      assert.equal(series(opt, 'trials').data.length, complete.length);
      const best = complete.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
      const { learning_rate, units, dropout, activation } = best.params;
      assert.deepEqual(series(opt, 'best').data, [[learning_rate, units, dropout, ['relu', 'tanh', 'elu'].indexOf(activation as string), best.value]]);
      assert.ok((series(opt, 'best').lineStyle?.width ?? 0) > (series(opt, 'trials').lineStyle?.width ?? 0), 'the best trial is emphasised');
      assert.ok((opt.visualMap as unknown[]).length === 1, 'lines are coloured by the objective');
    });

    it('filters the table to the trials inside a brushed range, and clearing the brush clears the filter', async () => {
      await brush('param:learning_rate', [[1e-3, 1e-2]]);
      const inRange = trials.filter((row) => (row.params.learning_rate as number) >= 1e-3 && (row.params.learning_rate as number) <= 1e-2).length;
      await pollUntil(status, (text) => text.includes(`Brushed: ${inRange} of ${trials.length} trials`), 'the brush status');
      await pollUntil(tableRows, (rows) => rows === inRange, 'the table to show only the brushed trials');

      // A second brush, on a categorical axis, narrows it further: choices by index.
      await brush('param:activation', [[1, 2]]);
      const both = trials.filter((row) => (row.params.learning_rate as number) >= 1e-3 && (row.params.learning_rate as number) <= 1e-2 && row.params.activation !== 'relu').length;
      await pollUntil(status, (text) => text.includes(`Brushed: ${both} of ${trials.length}`), 'both brushes');
      await pollUntil(tableRows, (rows) => rows === both, 'the table to follow both brushes');

      await brush('param:learning_rate', []);
      await brush('param:activation', []);
      assert.equal(await lb.page.locator('.tb-chart-status').isVisible(), false, 'no brush, no filter');
      await pollUntil(tableRows, (rows) => rows === trials.length, 'every trial back in the table');
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('brushes the objective axis as a value filter, and "Clear brushes" removes it', async () => {
      const values = trials.filter(finite).map((row) => row.value as number).sort((a, b) => a - b);
      const cut = values[Math.floor(values.length / 4)] as number;
      await brush('objective', [[0, cut]]);
      const kept = trials.filter((row) => finite(row) && (row.value as number) <= cut).length;
      await pollUntil(status, (text) => text.includes(`Brushed: ${kept} of ${trials.length}`), 'the objective brush');
      await pollUntil(tableRows, (rows) => rows === kept, 'the table to show only trials in the objective range');
      await lb.page.locator('.tb-chart-status vscode-toolbar-button').click();
      await pollUntil(() => lb.page.locator('.tb-chart-status').isVisible(), (visible) => !visible, 'the status to go');
      await pollUntil(tableRows, (rows) => rows === trials.length, 'every trial back in the table');
      assert.deepEqual(lb.consoleErrors, []);
    });
  });

  describe('importance and slice', () => {
    let lb: LeaderboardPage;
    const trials = makeTrials({ trials: 50, seed: 5 });
    const importance: ImportanceResult = {
      method: 'fANOVA (random forest, 64 trees)',
      trials: 38,
      importances: [
        { param: 'learning_rate', importance: 0.71 },
        { param: 'dropout', importance: 0.17 },
        { param: 'activation', importance: 0.08 },
        { param: 'units', importance: 0.04 },
      ],
    };
    before(async () => {
      lb = await openLeaderboardPage({ theme: 'dark' });
      await lb.send(snapshot(trials));
    });
    after(async () => {
      await lb.close();
    });

    it('shows why there is no importance yet, then the bars with their method and trial count', async () => {
      await lb.send({ type: 'importance', result: null, reason: 'needs at least 10 complete trials' });
      await lb.page.locator('[data-chart-tab="importance"]').click();
      await pollUntil(() => visibleText(lb, '.tb-chart-empty'), (text) => text.includes('needs at least 10 complete trials'), 'the reason');

      await lb.send({ type: 'importance', result: importance });
      const opt = await untilOption(lb, 'importance', (o) => (o.series?.[0]?.data.length ?? 0) === 4, 'the bars');
      assert.deepEqual((opt.yAxis as { data: string[] }[])[0]?.data, ['learning_rate', 'dropout', 'activation', 'units']);
      assert.deepEqual(series(opt, 'importance').data, [0.71, 0.17, 0.08, 0.04]);
      assert.equal(await visibleText(lb, '.tb-chart-caption'), 'fANOVA (random forest, 64 trees) · from 38 complete trials');
      const label = await lb.page.locator('[data-chart="importance"]').getAttribute('aria-label');
      assert.match(label ?? '', /learning_rate 71%/);
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('slices by the most important parameter on a log axis, and selects the trial whose point is clicked', async () => {
      await showTab(lb, 'slice');
      const complete = trials.filter((row) => row.state === 'complete');
      const opt = await untilOption(lb, 'slice', (o) => series(o, 'trials').data.length === complete.length, 'slice points');
      const xAxis = (opt.xAxis as { type: string; name: string }[])[0];
      assert.deepEqual([xAxis?.name, xAxis?.type], ['learning_rate', 'log']);
      const points = series(opt, 'trials').data as [number, number, number][];
      assert.deepEqual(points, complete.map((row) => [row.params.learning_rate, row.value, row.number]));

      // Click the point farthest from its neighbours on screen, so no other point is under the pointer.
      await stillChart(lb, 'slice');
      const pixels = await lb.page.evaluate((values) => {
        const page = globalThis as unknown as PageGlobals;
        const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="slice"]'));
        return values.map(([x, y]) => (chart ? chart.convertToPixel({ seriesId: 'trials' }, [x, y]) : [NaN, NaN]));
      }, points);
      const isolation = pixels.map(([x = 0, y = 0], i) => Math.min(...pixels.filter((_, j) => j !== i).map(([u = 0, v = 0]) => Math.hypot(u - x, v - y))));
      const loneliest = isolation.indexOf(Math.max(...isolation));
      const [px = NaN, py = NaN] = pixels[loneliest] ?? [];
      const box = await lb.page.locator('[data-chart="slice"]').boundingBox();
      assert.ok(box);
      await lb.page.mouse.click(box.x + px, box.y + py);
      const selected = await untilOption(lb, 'slice', (o) => series(o, 'selected').data.length === 1, 'the selected point');
      assert.equal((series(selected, 'selected').data[0] as number[])[2], points[loneliest]?.[2]);
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('slices by a categorical parameter on request, with its choices in order', async () => {
      // The select's dropdown is VS Code Elements' own; the test sets its value as a pick would.
      await lb.page.locator('.tb-chart-select').evaluate((select) => {
        (select as unknown as { value: string }).value = 'activation';
        select.dispatchEvent(new Event('change'));
      });
      const opt = await untilOption(lb, 'slice', (o) => (o.xAxis as { name: string }[])[0]?.name === 'activation', 'the activation slice');
      const xAxis = (opt.xAxis as { type: string; data?: string[] }[])[0];
      assert.deepEqual([xAxis?.type, xAxis?.data], ['category', ['relu', 'tanh', 'elu']]);
      const complete = trials.filter((row) => row.state === 'complete');
      assert.deepEqual(series(opt, 'trials').data.map((point) => (point as number[])[0]), complete.map((row) => ['relu', 'tanh', 'elu'].indexOf(row.params.activation as string)));
      assert.deepEqual(lb.consoleErrors, []);
    });
  });

  describe('saving images and following the theme', () => {
    let lb: LeaderboardPage;
    const trials = makeTrials({ trials: 30, seed: 7 });
    before(async () => {
      lb = await openLeaderboardPage({ theme: 'dark', viewport: { width: 1000, height: 760 } });
      await lb.send(snapshot(trials, { name: 'iris/mlp: v2 ✓' }));
      await untilOption(lb, 'history', (o) => (o.series?.length ?? 0) > 0, 'the history chart');
    });
    after(async () => {
      await lb.close();
    });

    it('posts the history as a PNG (twice the pixels, on the editor background) and as an SVG document', async () => {
      const panel = lb.page.locator('.tb-chart').filter({ has: lb.page.locator('[data-chart="history"]') });
      await panel.locator('vscode-toolbar-button[data-format="png"]').click();
      await panel.locator('vscode-toolbar-button[data-format="svg"]').click();
      const images = await pollUntil(() => saved(lb), (list) => list.length === 2, 'two saved images');
      for (const image of images) {
        assert.deepEqual(parseWebviewMessage(image), image, 'the host accepts the message');
        assert.equal(image.name, 'iris-mlp-v2-history');
      }
      const [png, svg] = images as [WebviewMessage & { content: string }, WebviewMessage & { content: string }];
      const bytes = Buffer.from(png.content.slice('data:image/png;base64,'.length), 'base64');
      const box = await lb.page.locator('[data-chart="history"]').boundingBox();
      assert.ok(box);
      assert.equal(bytes.readUInt32BE(16), Math.round(box.width) * 2, 'PNG width is twice the chart');
      assert.equal(bytes.readUInt32BE(20), Math.round(box.height) * 2, 'PNG height is twice the chart');
      assert.match(svg.content, /^<svg[\s>]/);
      assert.match(svg.content, /#1e1e1e/i, 'the SVG has the editor background');
      assert.match(svg.content, /val_loss/, 'the SVG has the axis name');
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('saves the learning curves as an SVG with every curve in it', async () => {
      await showTab(lb, 'curves');
      const panel = lb.page.locator('.tb-chart').filter({ has: lb.page.locator('[data-chart="curves"]') });
      await panel.locator('vscode-toolbar-button[data-format="svg"]').click();
      const images = await pollUntil(() => saved(lb), (list) => list.length === 3, 'the curves SVG');
      const svg = images[2] as Extract<WebviewMessage, { type: 'saveImage' }>;
      assert.equal(svg.name, 'iris-mlp-v2-curves');
      assert.deepEqual(parseWebviewMessage(svg), svg);
      const complete = trials.filter((row) => row.state === 'complete').length;
      // The complete curves: in blues from the theme's, one shade per rank bucket (the other groups are grey, orange, purple).
      const strokes = [...svg.content.matchAll(/<polyline [^>]*stroke="([^"]+)"/g)].map((match) => match[1]);
      const blueCurves = strokes.filter((stroke) => /^rgb\(/.test(stroke ?? ''));
      assert.equal(blueCurves.length, complete, 'one polyline per complete trial, in the theme’s blue');
      assert.equal(new Set(blueCurves).size, 4, 'four shades, one per rank bucket');
      assert.equal(blueCurves.at(-1), 'rgb(55,148,255)', 'the best drawn last, in the theme’s blue itself (#3794ff)');
      assert.doesNotMatch(svg.content, /style="[^"]*"[^\s>/]/, 'attribute values are well quoted');
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('re-colours text from the theme when it switches to light and high contrast', async () => {
      await showTab(lb, 'history'); // hidden charts catch up when shown
      const textColor = async (): Promise<string | undefined> => ((await option(lb, 'history'))?.textStyle as { color?: string } | undefined)?.color;
      assert.equal(await textColor(), '#cccccc');
      await lb.setTheme('light');
      await pollUntil(textColor, (color) => color === '#616161', 'light theme text');
      const axisLabel = (await option(lb, 'history'))?.yAxis as { axisLabel: { color: string } }[];
      assert.equal(axisLabel[0]?.axisLabel.color, '#616161');
      await lb.setTheme('high-contrast');
      await pollUntil(textColor, (color) => color === '#ffffff', 'high contrast text');

      // VS Code marks "reduce motion" with a body class: the charts stop animating.
      await lb.page.locator('body').evaluate((body) => body.classList.add('vscode-reduce-motion'));
      await untilOption(lb, 'history', (o) => o.animation === false, 'no animation');
      assert.deepEqual(lb.consoleErrors, []);
    });
  });

  it('draws the curve of a trial that reported once, running or failed, as the others', async () => {
    const lb = await openLeaderboardPage({ theme: 'dark' });
    try {
      const trials = makeTrials({ trials: 30, seed: 5 }).map((row) =>
        row.number === 28 ? { ...row, curve: row.curve.slice(0, 1) } : row.number === 12 ? { ...row, curve: [[0, 1.2] as const] } : row);
      assert.equal(trials[28]?.state, 'running');
      assert.equal(trials[12]?.state, 'fail');
      await lb.send(snapshot(trials));
      await lb.page.locator('[data-chart-tab="curves"]').click();
      const opt = await untilOption(lb, 'curves', (o) => series(o, 'running').data.length > 0 && series(o, 'stopped').data.length > 0, 'one-point curves');
      await lb.settle();
      const withCurves = trials.filter((row) => row.curve.length > 0).length;
      assert.ok((await visibleText(lb, '#tb-chart-caption-curves')).startsWith(`${withCurves} curves`));
      assert.equal(opt.series?.length, CURVE_SERIES);
      assert.deepEqual(lb.consoleErrors, []);
    } finally {
      await lb.close();
    }
  });

  it('draws 10,000 trials × 20 steps of learning curves in a few batched series', async () => {
    const lb = await openLeaderboardPage({ theme: 'dark' });
    try {
      const trials = makeTrials({ trials: 10_000, steps: 20, seed: 11, stateOf: (number) => (number % 5 === 4 ? 'pruned' : 'complete') });
      // As JSON text: Playwright's own argument encoding takes ~10 s for 200,000 curve points.
      await lb.page.evaluate((json) => (globalThis as unknown as HarnessPage).__harness.deliver(JSON.parse(json) as unknown[]), JSON.stringify([snapshot(trials)]));
      // How fast is bench:webview's (the Curves tab row), not a timed test's.
      await lb.page.locator('[data-chart-tab="curves"]').click();
      const opt = await untilOption(lb, 'curves', (o) => completeCurves(o) === 8000, '10k curves', 30_000);
      await lb.settle();
      assert.equal(series(opt, 'stopped').data.length, 2000);
      assert.equal(opt.series?.length, CURVE_SERIES, 'a fixed handful of series, whatever the number of trials');
      assert.deepEqual(lb.consoleErrors, []);
    } finally {
      await lb.close();
    }
  });
});