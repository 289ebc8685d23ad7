/**
 * The learning curves told apart (issue 14) in the built page (headless Chromium): complete curves
 * coloured by rank bucket of their final objective (better = stronger colour, drawn higher), pruned
 * ones muted, hovering a curve names its trial and draws it on top, clicking selects it and the
 * selected curve stays above all others. Screenshots of 20 and 2,000 trials in the light and dark
 * themes go to test-results/webview/curves-<trials>-<theme>.png for a person to look at.
 *
 * Run: npm run build && node scripts/run-tests.mjs test/webview/curves.test.ts
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HostMessage, TrialRow } from '../../src/protocol/leaderboard';
import type { ThemeKind } from '../../src/protocol/leaderboard';
import { seededRandom } from './leaderboardFixtures';
import { openLeaderboardPage, repoRoot, type LeaderboardPage, pollUntil } from './pageHarness';

const SHOTS = join(repoRoot, 'test-results', 'webview');
const BUCKETS = [['rank-10', 0.1], ['rank-25', 0.25], ['rank-50', 0.5], ['rank-100', 1]] as const;

/** What the test reads in the page (this file is typed without the DOM). */
interface ChartInstance {
  getOption(): { series?: SeriesOption[] };
  convertToPixel(finder: object, value: number[]): number[];
  getZr(): { animation: { isFinished(): boolean }; storage: { getDisplayList(update?: boolean): { name?: string; ignore?: boolean; z?: number }[] } };
}
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown };
  readonly tuneboardCharts?: { instanceOf(element: unknown): ChartInstance | undefined };
}
interface SeriesOption {
  readonly id: string;
  readonly name: string;
  readonly z: number;
  readonly data: unknown;
  readonly lineStyle: { color: string; width: number; opacity: number };
}

/** A minimised loss per epoch; every 6th trial pruned after 4 epochs, the last one running. */
function study(trials: number, seed = 5): HostMessage {
  const rand = seededRandom(seed);
  const rows: TrialRow[] = [];
  for (let number = 0; number < trials; number++) {
    const state = number === trials - 1 ? 'running' : number % 6 === 5 ? 'pruned' : 'complete';
    const floor = 0.1 + 0.8 * rand();
    const steps = state === 'complete' ? 20 : state === 'pruned' ? 4 : 9;
    const curve: [number, number][] = [];
    for (let step = 1; step <= steps; step++) curve.push([step, floor + 1.2 * Math.exp(-step / 4) + 0.01 * rand()]);
    const value = state === 'running' ? null : (curve.at(-1)?.[1] ?? null);
    rows.push({ number, state, value, params: { lr: rand() }, metrics: {}, curve, start: Date.UTC(2025, 0, 1) + number * 1000, complete: state === 'running' ? null : Date.UTC(2025, 0, 1) + number * 1000 + 500, failReason: null, foldValues: null, backend: 'cpu', host: null, gpu: null });
  }
  return {
    type: 'snapshot',
    header: { key: 'k', name: 'curves', direction: 'minimize', metric: 'val_loss', state: 'running', sampler: 'tpe', pruner: 'median', backend: 'cpu', budget: trials, counted: trials, done: trials - 1, startedAt: Date.UTC(2025, 0, 1), configPath: '/ws/c.tune.yaml', journalPath: '/ws/.tuneboard/c.jsonl', problem: null, canRun: true },
    space: [{ name: 'lr', type: 'float', low: 0, high: 1, log: false, step: null }],
    trials: rows,
  };
}

const until = <T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 6000): Promise<T> => pollUntil(read, check, what, timeoutMs);

/** The curves chart's series (data as the number of curves) once drawn and still. */
async function curveSeries(lb: LeaderboardPage): Promise<SeriesOption[]> {
  const read = (): Promise<string | null> => lb.page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="curves"]'));
    if (!chart || !chart.getZr().animation.isFinished()) return null;
    // Flat typed arrays ([n, x1, y1, …] per curve) as their curve counts.
    return JSON.stringify(chart.getOption().series, (key, value: unknown) => {
      if (key !== 'data' || !ArrayBuffer.isView(value)) return value;
      const flat = value as Float64Array;
      let curves = 0;
      for (let at = 0; at < flat.length; at += 1 + 2 * (flat[at] as number)) curves++;
      return curves;
    });
  });
  return JSON.parse((await until(read, (json) => json !== null, 'the curves chart')) ?? '[]') as SeriesOption[];
}

function byId(series: readonly SeriesOption[], id: string): SeriesOption {
  // Each render makes new series (`<group>@<render>`): see curvesChart.ts.
  const found = series.find((entry) => entry.id.replace(/@\d+$/, '') === id);
  assert.ok(found, `series ${id} in ${series.map((entry) => entry.id).join(', ')}`);
  return found;
}

/** sRGB relative luminance of `#rrggbb` or `rgba(r,g,b,a)`. */
function luminance(colour: string): number {
  const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})/i.exec(colour);
  const parts = hex ? hex.slice(1, 4).map((part) => Number.parseInt(part, 16)) : (/rgba?\(([^)]+)\)/.exec(colour)?.[1] ?? '').split(',').slice(0, 3).map(Number);
  const [r = 0, g = 0, b = 0] = parts.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function openCurves(trials: number, theme: ThemeKind, width = 1280): Promise<{ lb: LeaderboardPage; message: HostMessage }> {
  const lb = await openLeaderboardPage({ theme, viewport: { width, height: 900 } });
  const message = study(trials);
  await lb.page.evaluate((json) => (globalThis as unknown as { __harness: { deliver(m: unknown[]): Promise<void> } }).__harness.deliver(JSON.parse(json) as unknown[]), JSON.stringify([message]));
  await lb.page.locator('[data-chart-tab="curves"]').click();
  await curveSeries(lb);
  await new Promise((resolve) => setTimeout(resolve, 400));
  return { lb, message };
}

describe('learning curves told apart', () => {
  before(() => mkdirSync(SHOTS, { recursive: true }));

  describe('20 trials, dark', () => {
    let lb: LeaderboardPage;
    let rows: TrialRow[];
    before(async () => {
      const opened = await openCurves(20, 'dark');
      lb = opened.lb;
      rows = opened.message.type === 'snapshot' ? [...opened.message.trials] : [];
    });
    after(async () => {
      await lb.close();
    });
    const complete = (): TrialRow[] => rows.filter((row) => row.state === 'complete').sort((a, b) => (a.value as number) - (b.value as number));

    /** Moves the pointer onto a curve's last point and returns the tooltip's text. */
    async function hover(row: TrialRow): Promise<string> {
      const [step, value] = row.curve.at(-1) as [number, number];
      const [x = 0, y = 0] = await lb.page.evaluate(([s, v]) => {
        const page = globalThis as unknown as PageGlobals;
        return page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="curves"]'))?.convertToPixel({ gridIndex: 0 }, [s, v]) ?? [];
      }, [step, value] as const);
      const box = await lb.page.locator('[data-chart="curves"]').boundingBox();
      assert.ok(box);
      // Just inside the plot (the last step is its right edge), on the curve's nearly flat end.
      await lb.page.mouse.move(box.x + x - 2, box.y + y);
      return until(() => lb.page.locator('.tb-curve-tip').innerText(), (text) => text.includes(`Trial #${row.number}\n`), `the tooltip of trial ${row.number}`);
    }

    it('colours complete curves by rank bucket: better buckets stronger and higher, pruned muted', async () => {
      const series = await curveSeries(lb);
      const ranked = complete().length;
      let previousEnd = 0;
      for (const [id, share] of BUCKETS) {
        const end = Math.ceil(share * ranked);
        assert.equal(byId(series, id).data, end - previousEnd, `${id} holds ranks ${previousEnd + 1}–${end}`);
        previousEnd = end;
      }
      const background = luminance('#1e1e1e');
      const contrast = BUCKETS.map(([id]) => Math.abs(luminance(byId(series, id).lineStyle.color) - background));
      assert.equal(new Set(BUCKETS.map(([id]) => byId(series, id).lineStyle.color)).size, BUCKETS.length, 'four bucket colours');
      for (let i = 1; i < contrast.length; i++) assert.ok((contrast[i - 1] as number) > (contrast[i] as number), `bucket ${i - 1} stands out more than bucket ${i}: ${contrast.join(', ')}`);
      for (let i = 1; i < BUCKETS.length; i++) assert.ok(byId(series, BUCKETS[i - 1]![0]).z > byId(series, BUCKETS[i]![0]).z, 'better buckets are drawn above worse ones');
      assert.equal(byId(series, 'stopped').data, rows.filter((row) => row.state === 'pruned').length);
      assert.ok(byId(series, 'stopped').lineStyle.opacity < byId(series, 'rank-100').lineStyle.opacity, 'pruned curves are the faintest');
      assert.equal(series.length, BUCKETS.length + 3, 'a fixed handful of batched series');
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('names the trial of a hovered curve and draws it on top; curves of different values differ in colour', async () => {
      const best = complete()[0] as TrialRow;
      const worst = complete().at(-1) as TrialRow;
      const bestTip = await hover(best);
      assert.match(bestTip, /complete, rank 1 · best 10%/);
      assert.match(bestTip, new RegExp(`val_loss ${String(best.value).slice(0, 4)}`));
      const emphasis = await lb.page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="curves"]'));
        const line = chart?.getZr().storage.getDisplayList(true).find((element) => element.name === 'tb-hovered-curve');
        return line ? { z: line.z } : null;
      });
      assert.ok(emphasis, 'the hovered curve is drawn on its own');
      const series = await curveSeries(lb);
      assert.ok((emphasis.z ?? 0) > Math.max(...BUCKETS.map(([id]) => byId(series, id).z)), 'above every complete curve');
      await lb.page.screenshot({ path: join(SHOTS, 'curves-20-dark-hover.png') });

      const worstTip = await hover(worst);
      assert.match(worstTip, new RegExp(`rank ${complete().length} · lower 50%`));
      assert.notEqual(byId(series, 'rank-10').lineStyle.color, byId(series, 'rank-100').lineStyle.color, 'the best and the worst curve differ in colour');
      await lb.page.mouse.move(2, 2);
      await until(() => lb.page.locator('.tb-curve-tip').isVisible(), (visible) => !visible, 'the tooltip to go');
      assert.deepEqual(lb.consoleErrors, []);
    });

    it('selects the clicked curve’s trial and keeps the selected curve on top while others are hovered', async () => {
      const worst = complete().at(-1) as TrialRow;
      await hover(worst);
      await lb.page.mouse.down();
      await lb.page.mouse.up();
      await until(() => lb.page.locator(`.tb-grid-body .tb-row[data-number="${worst.number}"]`).getAttribute('aria-selected'), (value) => value === 'true', 'the row to be selected');
      const series = await until(() => curveSeries(lb), (list) => list.some((entry) => entry.id.startsWith('selected@') && entry.data === 1), 'the selected curve');
      const selected = byId(series, 'selected');
      assert.ok(series.every((entry) => entry === selected || entry.z < selected.z), 'the selected curve is above every batch');
      assert.ok(selected.lineStyle.width > byId(series, 'rank-10').lineStyle.width);
      assert.ok(!BUCKETS.some(([id]) => byId(series, id).lineStyle.color === selected.lineStyle.color) && byId(series, 'stopped').lineStyle.color !== selected.lineStyle.color, 'in a colour of its own');
      const best = complete()[0] as TrialRow;
      await hover(best);
      const hoverZ = await lb.page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="curves"]'));
        return chart?.getZr().storage.getDisplayList(true).find((element) => element.name === 'tb-hovered-curve')?.z ?? Infinity;
      });
      assert.ok(hoverZ < selected.z, 'a hovered curve stays below the selected one');
      await lb.page.mouse.move(2, 2);
      await lb.page.screenshot({ path: join(SHOTS, 'curves-20-dark.png') });
      assert.deepEqual(lb.consoleErrors, []);
    });
  });

  for (const [trials, theme] of [[20, 'light'], [2000, 'dark'], [2000, 'light']] as const) {
    it(`draws ${trials} trials in the ${theme} theme in the same handful of series (screenshot)`, async () => {
      const { lb } = await openCurves(trials, theme);
      try {
        const series = await curveSeries(lb);
        assert.equal(series.length, BUCKETS.length + 3);
        const drawn = series.reduce((sum, entry) => sum + (entry.data as number), 0);
        assert.equal(drawn, trials);
        // The table beside it: a float param over [0, 1] fits its default width at every magnitude (0.03123).
        const cut = await lb.page.locator('.tb-grid-body .tb-row:not([hidden]) .tb-cell').evaluateAll((cells) =>
          (cells as unknown as { scrollWidth: number; clientWidth: number; textContent: string | null }[]).filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent));
        assert.deepEqual(cut, [], 'table values cut short');
        await lb.page.screenshot({ path: join(SHOTS, `curves-${trials}-${theme}.png`) });
        assert.deepEqual(lb.consoleErrors, []);
      } finally {
        await lb.close();
      }
    });
  }
});
