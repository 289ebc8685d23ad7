/**
 * The leaderboard's layout (issue 14) in the built page (headless Chromium), at 1280 and 1920 px wide
 * in the light and dark themes, with the recorded iris study: the table uses the width (four param
 * columns in view at 1280 px and six at 1920 with the default split, header text never cut though it
 * may wrap, no value cut, the objective once), columns resize by drag and by keyboard and keep their
 * width through a reload, the table/charts split and the details pane resize with keyboard-operable
 * splitters; the curves' legends clear the y axis's title and the plot, pruned and selected curves
 * differ in colour, parallel axis titles are whole and
 * a constant param has no axis, and no caption is cut. Screenshots go to
 * test-results/webview/layout-<width>-<theme>-<view>.png for a person to look at.
 *
 * Run: npm run build && node scripts/run-tests.mjs test/webview/layout.test.ts
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ThemeKind } from '../../src/protocol/leaderboard';
import { detailOf, finalSnapshot } from './leaderboardFixtures';
import { openLeaderboardPage, repoRoot, type LeaderboardPage, pollUntil } from './pageHarness';

const SHOTS = join(repoRoot, 'test-results', 'webview');
const snapshot = finalSnapshot();
const metric = snapshot.header.metric;
/** The fixture's one-choice param (`epochs: [40]`): the same in every trial. */
const constantParam = 'epochs';

/**
 * What the test reads in the page (this file is typed without the DOM). Callbacks passed to
 * `page.evaluate` declare no named inner functions: tsx would wrap those in a helper the page lacks.
 */
interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
interface ZrElement {
  readonly style?: { readonly text?: unknown };
  readonly transform?: unknown;
  getBoundingRect(): Rect & { clone(): Rect & { applyTransform(m: unknown): void } };
}
interface ChartInstance {
  getOption(): Record<string, unknown>;
  getZr(): { storage: { getDisplayList(update?: boolean): ZrElement[] }; animation: { isFinished(): boolean } };
}
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown };
  readonly tuneboardCharts?: { instanceOf(element: unknown): ChartInstance | undefined };
}
interface DomElement {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly textContent: string | null;
  readonly dataset: Record<string, string | undefined>;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number; height: number };
  closest(selector: string): DomElement | null;
}
interface TextBox extends Rect {
  readonly text: string;
}


function chartOption(lb: LeaderboardPage, kind: string): Promise<Record<string, unknown> | null> {
  return lb.page.evaluate((chart) => {
    const page = globalThis as unknown as PageGlobals;
    return page.tuneboardCharts?.instanceOf(page.document.querySelector(`[data-chart="${chart}"]`))?.getOption() ?? null;
  }, kind) as Promise<Record<string, unknown> | null>;
}

/** Every text the chart drew, with its box in the chart's pixels (transforms applied: rotated titles too). */
function chartTexts(lb: LeaderboardPage, kind: string): Promise<TextBox[]> {
  return lb.page.evaluate((chart) => {
    const page = globalThis as unknown as PageGlobals;
    const instance = page.tuneboardCharts?.instanceOf(page.document.querySelector(`[data-chart="${chart}"]`));
    if (!instance) return [];
    return instance.getZr().storage.getDisplayList(true)
      .filter((element) => typeof element.style?.text === 'string' && element.style.text !== '')
      .map((element) => {
        const rect = element.getBoundingRect().clone();
        if (element.transform) rect.applyTransform(element.transform);
        return { text: String(element.style?.text), x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      });
  }, kind);
}

async function showChart(lb: LeaderboardPage, kind: string): Promise<void> {
  await lb.page.locator(`[data-chart-tab="${kind}"]`).click();
  await pollUntil(() => chartOption(lb, kind), (opt) => opt !== null, `the ${kind} chart`);
  // Let the redraw after the first layout (and its short animation) finish before measuring.
  await pollUntil(() => lb.page.evaluate((chart) => {
    const page = globalThis as unknown as PageGlobals;
    return page.tuneboardCharts?.instanceOf(page.document.querySelector(`[data-chart="${chart}"]`))?.getZr().animation.isFinished() ?? false;
  }, kind), Boolean, `the ${kind} chart to settle`);
  await new Promise((resolve) => setTimeout(resolve, 400));
  await lb.settle();
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function union(rects: readonly Rect[]): Rect {
  const left = Math.min(...rects.map((rect) => rect.x));
  const top = Math.min(...rects.map((rect) => rect.y));
  const right = Math.max(...rects.map((rect) => rect.x + rect.width));
  const bottom = Math.max(...rects.map((rect) => rect.y + rect.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The width of a column as its header cell shows it. */
function columnWidth(lb: LeaderboardPage, column: string): Promise<number> {
  return lb.page.locator(`.tb-head-cell[data-column="${column}"]`).evaluate((cell) => (cell as unknown as DomElement).getBoundingClientRect().width);
}

function detailsHeight(lb: LeaderboardPage): Promise<number> {
  return lb.page.locator('.tb-details-scroll').evaluate((pane) => (pane as unknown as DomElement).getBoundingClientRect().height);
}

/** Captions that do not show all their text (cut or hidden), with their text. */
function cutCaptions(lb: LeaderboardPage): Promise<string[]> {
  return lb.page.locator('.tb-chart-caption').evaluateAll((captions) =>
    (captions as unknown as DomElement[])
      .filter((caption) => caption.clientWidth > 0 && (caption.scrollWidth > caption.clientWidth || caption.scrollHeight > caption.clientHeight))
      .map((caption) => caption.textContent ?? ''));
}

/** The legend's box (its labels and the swatches before them) does not meet the y axis's title. */
async function assertLegendClearOfTitle(lb: LeaderboardPage, kind: string, entries: readonly string[]): Promise<void> {
  const texts = await chartTexts(lb, kind);
  const title = texts.find((text) => text.text === metric);
  assert.ok(title, `the ${kind} y-axis title ${metric} is drawn: ${texts.map((text) => text.text).join(' | ')}`);
  const items = texts.filter((text) => entries.includes(text.text));
  assert.equal(items.length, entries.length, `the ${kind} legend's entries`);
  const legend = union(items.map((item) => ({ ...item, x: item.x - 30, width: item.width + 30 })));
  assert.ok(!intersects(legend, title), `the ${kind} legend ${JSON.stringify(legend)} overlaps the axis title ${JSON.stringify(title)}`);
}

const WIDTHS = [1280, 1920] as const;
const THEMES: readonly ThemeKind[] = ['light', 'dark'];

describe('leaderboard layout', () => {
  before(() => mkdirSync(SHOTS, { recursive: true }));

  for (const width of WIDTHS) {
    for (const theme of THEMES) {
      describe(`${width} px, ${theme}`, () => {
        let lb: LeaderboardPage;
        const shot = (view: string): Promise<Buffer> => lb.page.screenshot({ path: join(SHOTS, `layout-${width}-${theme}-${view}.png`) });
        before(async () => {
          lb = await openLeaderboardPage({ theme, viewport: { width, height: 1000 } });
          await lb.send(snapshot);
        });
        after(async () => {
          await lb.close();
        });

        it('fits the headers whole, shows the objective once, cuts no value and shows four param columns at 1280 px, six at 1920', async () => {
          const page = lb.page;
          const headers = await page.locator('.tb-head-cell').evaluateAll((cells) =>
            (cells as unknown as DomElement[]).map((cell) => {
              const label = (cell as unknown as { querySelector(selector: string): DomElement }).querySelector('.tb-head-label');
              const box = cell.getBoundingClientRect();
              return {
                column: cell.dataset.column ?? '', text: label.textContent ?? '', scrollWidth: label.scrollWidth, clientWidth: label.clientWidth,
                scrollHeight: label.scrollHeight, clientHeight: label.clientHeight, left: box.left, right: box.right,
              };
            }));
          // A long name may wrap onto two lines (at _ and the like), but no line is cut.
          const cut = headers.filter((header) => header.scrollWidth > header.clientWidth || header.scrollHeight > header.clientHeight + 1);
          assert.deepEqual(cut, [], 'header labels cut short');
          assert.deepEqual(headers.filter((header) => header.text === metric).map((header) => header.column), ['value'], `one column titled ${metric}, the objective's`);
          const cutCells = await page.locator('.tb-grid-body .tb-row:not([hidden]) .tb-cell').evaluateAll((cells) =>
            (cells as unknown as DomElement[]).filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => `${cell.dataset.column}: ${cell.textContent}`));
          assert.deepEqual(cutCells, [], 'values cut short in their default widths');

          const grid = await page.locator('.tb-grid').evaluate((element) => {
            const box = (element as unknown as DomElement).getBoundingClientRect();
            return { left: box.left, right: box.left + (element as unknown as DomElement).clientWidth };
          });
          // Fully visible without scrolling sideways: the whole header inside the grid's viewport.
          const paramsInView = headers.filter((header) => header.column.startsWith('param:') && header.left >= grid.left - 0.5 && header.right <= grid.right + 0.5);
          for (const fixed of ['rank', 'number', 'state', 'value']) {
            assert.ok(headers.some((header) => header.column === fixed && header.right <= grid.right + 0.5), `${fixed} in view`);
          }
          // With the default split the table's 55% holds rank, #, state, the objective and four of the
          // six params at 1280 px (compact values, names on two lines); all six at 1920 px.
          const wanted = width === 1920 ? 6 : 4;
          assert.ok(paramsInView.length >= wanted, `${paramsInView.length} param columns in view at ${width} px, wanted ${wanted}: ${paramsInView.map((header) => header.column).join(', ')}`);
          await shot('table');
          assert.deepEqual(lb.consoleErrors, []);
        });

        it('resizes a column by dragging its header edge and with Alt+Arrow, and keeps the widths through a reload', async () => {
          const page = lb.page;
          const before = await columnWidth(lb, 'param:learning_rate');
          const handle = await page.locator('.tb-col-resizer[data-column="param:learning_rate"]').boundingBox();
          assert.ok(handle, 'the learning_rate column has a resize handle');
          assert.equal(await page.locator('.tb-col-resizer[data-column="param:learning_rate"]').getAttribute('aria-orientation'), 'vertical');
          const x = handle.x + handle.width / 2;
          const y = handle.y + handle.height / 2;
          await page.mouse.move(x, y);
          await page.mouse.down();
          await page.mouse.move(x + 30, y, { steps: 3 });
          await page.mouse.move(x + 60, y, { steps: 3 });
          await page.mouse.up();
          await lb.settle();
          const dragged = await columnWidth(lb, 'param:learning_rate');
          assert.ok(Math.abs(dragged - (before + 60)) <= 2, `dragged from ${before} to ${dragged}, wanted ${before + 60}`);
          // Its cells follow the header: one grid template for all rows.
          const cell = await page.locator('.tb-grid-body .tb-row:not([hidden]) [data-column="param:learning_rate"]').first().evaluate((element) => (element as unknown as DomElement).getBoundingClientRect().width);
          assert.equal(Math.round(cell), Math.round(dragged));
          // The drag did not sort by the column.
          assert.equal(await page.locator('.tb-head-cell[data-column="param:learning_rate"]').getAttribute('aria-sort'), 'none');

          const unitsBefore = await columnWidth(lb, 'param:units');
          await page.locator('.tb-sort-button[data-column="param:units"]').focus();
          await page.keyboard.press('Alt+ArrowRight');
          await page.keyboard.press('Alt+ArrowRight');
          await lb.settle();
          const unitsWider = await columnWidth(lb, 'param:units');
          assert.equal(Math.round(unitsWider), Math.round(unitsBefore + 32), 'Alt+Right widens the focused header’s column by 16 px');
          await page.keyboard.press('Alt+ArrowLeft');
          await lb.settle();
          const unitsAfter = await columnWidth(lb, 'param:units');
          assert.equal(Math.round(unitsAfter), Math.round(unitsBefore + 16));

          const saved = await pollUntil(() => lb.savedState() as Promise<{ widths?: Record<string, number> } | null>,
            (state) => state?.widths?.['param:units'] !== undefined && state.widths['param:learning_rate'] !== undefined, 'the widths in the saved view');
          assert.equal(Math.round(saved?.widths?.['param:learning_rate'] ?? 0), Math.round(dragged));
          await lb.reload();
          await lb.send(snapshot);
          assert.equal(Math.round(await columnWidth(lb, 'param:learning_rate')), Math.round(dragged), 'the dragged width after a reload');
          assert.equal(Math.round(await columnWidth(lb, 'param:units')), Math.round(unitsAfter), 'the keyboard width after a reload');
          // A double click on the edge gives the default back.
          await page.locator('.tb-col-resizer[data-column="param:learning_rate"]').dblclick();
          await lb.settle();
          assert.equal(Math.round(await columnWidth(lb, 'param:learning_rate')), Math.round(before));
          assert.deepEqual(lb.consoleErrors, []);
        });

        it('moves the table/charts split from the keyboard, within limits, and keeps it through a reload', async () => {
          const page = lb.page;
          const splitter = page.getByRole('separator', { name: 'Resize trial table' });
          const tableWidth = (): Promise<number> => page.locator('.tb-table-pane').evaluate((pane) => (pane as unknown as DomElement).getBoundingClientRect().width);
          const value = async (name: string): Promise<number> => Number(await splitter.getAttribute(`aria-${name}`));
          assert.equal(await splitter.getAttribute('aria-orientation'), 'vertical');
          assert.equal(await splitter.getAttribute('tabindex'), '0', 'a tab stop');
          assert.equal(await value('valuenow'), 55, 'the table’s share by default');
          assert.ok(await value('valuemin') > 0 && await value('valuemax') < 100, 'both panes have a minimum');
          const start = await tableWidth();

          await splitter.focus();
          await page.keyboard.press('ArrowRight');
          await lb.settle();
          assert.ok(await tableWidth() > start + 10, 'ArrowRight widens the table');
          assert.equal(await value('valuenow'), 57);
          await page.keyboard.press('ArrowLeft');
          await page.keyboard.press('ArrowLeft');
          await lb.settle();
          assert.ok(await tableWidth() < start - 10, 'ArrowLeft narrows it');
          await page.keyboard.press('Home');
          await lb.settle();
          assert.equal(await value('valuenow'), await value('valuemin'));
          assert.ok(Math.abs(await tableWidth() - 240) <= 2, 'Home: the table at its minimum');
          await page.keyboard.press('End');
          await lb.settle();
          assert.equal(await value('valuenow'), await value('valuemax'));
          const side = await page.locator('.tb-side-pane').evaluate((pane) => (pane as unknown as DomElement).getBoundingClientRect().width);
          assert.ok(side >= 199, `End: the charts keep their minimum (${side} px)`);

          await page.keyboard.press('Enter');
          await page.keyboard.press('Shift+ArrowRight');
          await lb.settle();
          assert.equal(await value('valuenow'), 65, 'Shift: ten points at a time');
          const moved = await tableWidth();
          const saved = await pollUntil(() => lb.savedState() as Promise<{ splits?: Record<string, string> } | null>, (state) => state?.splits?.main === '65.0%', 'the main split in the saved view');
          assert.equal(saved?.splits?.main, '65.0%');
          await lb.reload();
          await lb.send(snapshot);
          assert.ok(Math.abs(await tableWidth() - moved) <= 1, 'the split through a reload');
          await page.getByRole('separator', { name: 'Resize trial table' }).focus();
          await page.keyboard.press('Enter'); // back to the default for the checks below
          await lb.settle();
          assert.ok(Math.abs(await tableWidth() - start) <= 1);
          assert.deepEqual(lb.consoleErrors, []);
        });

        it('resizes the details pane with its splitter, by pointer and keyboard, within limits, and keeps it', async () => {
          const page = lb.page;
          const first = snapshot.trials.find((row) => row.state === 'complete')!;
          await page.locator(`.tb-grid-body .tb-row[data-number="${first.number}"]`).click();
          await lb.send({ type: 'detail', detail: detailOf(first.number) });
          const splitter = page.getByRole('separator', { name: 'Resize trial details' });
          assert.equal(await splitter.getAttribute('aria-orientation'), 'horizontal');
          assert.ok(Number(await splitter.getAttribute('aria-valuemin')) > 0, 'the details have a minimum');
          assert.ok(Number(await splitter.getAttribute('aria-valuemax')) < 100, 'and a maximum');
          const start = await detailsHeight(lb);

          const box = await splitter.boundingBox();
          assert.ok(box);
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          await page.mouse.down();
          await page.mouse.move(box.x + box.width / 2, box.y - 120, { steps: 4 });
          await page.mouse.up();
          await lb.settle();
          const dragged = await detailsHeight(lb);
          assert.ok(Math.abs(dragged - (start + 120)) <= 3, `the details went from ${start} to ${dragged} px, wanted ${start + 120}`);

          await splitter.focus();
          const value = Number(await splitter.getAttribute('aria-valuenow'));
          await page.keyboard.press('ArrowUp');
          await lb.settle();
          assert.ok(await detailsHeight(lb) > dragged, 'ArrowUp grows the details');
          assert.equal(Number(await splitter.getAttribute('aria-valuenow')), value + 2);
          await page.keyboard.press('End');
          await lb.settle();
          const largest = await detailsHeight(lb);
          assert.equal(await splitter.getAttribute('aria-valuenow'), await splitter.getAttribute('aria-valuemax'));
          const charts = await page.locator('.tb-charts-pane').evaluate((pane) => (pane as unknown as DomElement).getBoundingClientRect().height);
          assert.ok(charts >= 239, `the charts keep their minimum (${charts} px)`);
          await page.keyboard.press('Home');
          await lb.settle();
          assert.ok(await detailsHeight(lb) >= 95, 'the details keep their minimum');
          assert.equal(await splitter.getAttribute('aria-valuenow'), await splitter.getAttribute('aria-valuemin'));
          await page.keyboard.press('End');
          await lb.settle();
          await shot('details');

          const saved = await pollUntil(() => lb.savedState() as Promise<{ splits?: Record<string, string> } | null>, (state) => Number.parseFloat(state?.splits?.side ?? '100') < 40, 'the split in the saved view');
          assert.match(saved?.splits?.side ?? '', /^\d+(\.\d)?%$/);
          await lb.reload();
          await lb.send(snapshot);
          assert.ok(Math.abs(await detailsHeight(lb) - largest) <= 2, 'the details keep their size through a reload');
          // Back to the default for the chart checks below.
          await page.getByRole('separator', { name: 'Resize trial details' }).focus();
          await page.keyboard.press('Enter');
          await lb.settle();
          assert.deepEqual(lb.consoleErrors, []);
        });

        it('draws the curves with the legends clear of the y-axis title and the plot, and selected apart from pruned', async () => {
          const selected = snapshot.trials.find((row) => row.state === 'complete')!;
          await lb.page.locator(`.tb-grid-body .tb-row[data-number="${selected.number}"]`).click();
          await showChart(lb, 'curves');
          const option = (await chartOption(lb, 'curves'))!;
          const series = option.series as { id: string; lineStyle: { color: string } }[];
          // Series ids are `<group>@<render>` (curvesChart.ts makes new series each render).
          const colour = (id: string): string => series.find((entry) => entry.id.startsWith(`${id}@`))?.lineStyle.color ?? '';
          assert.notEqual(colour('stopped'), colour('selected'), 'pruned/failed and selected curves differ');
          for (const bucket of ['rank-10', 'rank-25', 'rank-50', 'rank-100']) assert.notEqual(colour(bucket), colour('selected'));
          assert.notEqual(colour('running'), colour('selected'));

          await assertLegendClearOfTitle(lb, 'curves', ['Pruned / failed', 'Selected']);
          // The rank buckets' legend, right of the plot: none of its lines meets another text (axis labels).
          const texts = await chartTexts(lb, 'curves');
          const ranks = texts.filter((text) => /^(Best 10%|Top \d+–\d+%|Lower 50%)/.test(text.text));
          assert.ok(ranks.length >= 2, `the rank legend is drawn: ${texts.map((text) => text.text).join(' | ')}`);
          for (const rank of ranks) {
            const hit = texts.find((other) => !ranks.includes(other) && intersects(rank, other));
            assert.equal(hit, undefined, `the rank legend's "${rank.text}" overlaps "${hit?.text}"`);
          }
          assert.deepEqual(await cutCaptions(lb), []);
          await shot('curves');
          assert.deepEqual(lb.consoleErrors, []);
        });

        it('titles every parallel axis in full, leaves out the constant param and cuts no caption', async () => {
          await showChart(lb, 'parallel');
          const option = (await chartOption(lb, 'parallel'))!;
          const axes = option.parallelAxis as { name: string }[];
          const names = axes.map((axis) => axis.name);
          assert.deepEqual(names.map((name) => name.replaceAll('\n', '')), [...snapshot.space.map((spec) => spec.name).filter((name) => name !== constantParam), metric]);
          const drawn = new Set((await chartTexts(lb, 'parallel')).map((text) => text.text));
          for (const name of names) {
            for (const line of name.split('\n')) assert.ok(drawn.has(line), `axis title line "${line}" drawn whole (drawn: ${[...drawn].join(' | ')})`);
          }
          assert.ok(![...drawn].some((text) => text.includes('…') || text.endsWith('...')), 'no drawn text is truncated');
          assert.ok(!drawn.has(constantParam), `${constantParam} has no axis`);
          const caption = await lb.page.locator('.tb-chart-caption').filter({ visible: true }).first().innerText();
          assert.match(caption, new RegExp(`${constantParam} = 40`), 'the caption names the constant param');
          assert.deepEqual(await cutCaptions(lb), []);
          await shot('parallel');

          // The history chart has a legend and a y title too.
          await showChart(lb, 'history');
          await assertLegendClearOfTitle(lb, 'history', ['Complete', 'Pruned', 'Best so far']);
          for (const kind of ['history', 'importance', 'slice']) {
            await lb.page.locator(`[data-chart-tab="${kind}"]`).click();
            await lb.settle();
            assert.deepEqual(await cutCaptions(lb), [], `${kind} caption`);
          }
          assert.deepEqual(lb.consoleErrors, []);
        });
      });
    }
  }
});
