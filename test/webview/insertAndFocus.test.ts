/**
 * The leaderboard's side of the editor features (issue 13), in the built page (headless Chromium):
 * the detail pane's "Insert params" posts the shown trial's number, and a code hover's "Open
 * Leaderboard at <param>" (the host's `showParam`) brings the Slice tab to the front with that param
 * on the x axis, each time it is asked, whatever the user picked in between.
 *
 * Run: npm run build && node scripts/run-tests.mjs test/webview/insertAndFocus.test.ts
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { detailOf, finalSnapshot } from './leaderboardFixtures';
import { openLeaderboardPage, type LeaderboardPage, pollUntil } from './pageHarness';

const snapshot = finalSnapshot();
const complete = snapshot.trials.find((row) => row.state === 'complete' && row.number !== 0)!;
const params = snapshot.space.map((spec) => spec.name);

/** What the test reads in the page (this file is typed without the DOM). */
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown; querySelectorAll(selector: string): ArrayLike<{ dataset: Record<string, string> }> };
  readonly tuneboardCharts?: { instanceOf(element: unknown): { getOption(): { xAxis?: { name?: string }[] } } | undefined };
}

interface SliceState {
  /** The chart tab in front, by its data-chart-tab. */
  readonly tab: string | undefined;
  /** The slice plot's parameter select. */
  readonly selected: string | undefined;
  /** The parameter on the drawn slice plot's x axis (null before its first draw). */
  readonly axis: string | null;
  readonly sliceVisible: boolean;
}

async function sliceState(lb: LeaderboardPage): Promise<SliceState> {
  const state = await lb.page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const tabs = page.document.querySelector('.tb-chart-tabs') as { selectedIndex: number } | null;
    const headers = page.document.querySelectorAll('[data-chart-tab]');
    const select = page.document.querySelector('section.tb-chart[aria-label="Slice plot"] .tb-chart-select') as { value: string } | null;
    const chart = page.tuneboardCharts?.instanceOf(page.document.querySelector('[data-chart="slice"]'));
    return { tab: tabs ? headers[tabs.selectedIndex]?.dataset.chartTab : undefined, selected: select?.value, axis: chart?.getOption().xAxis?.[0]?.name ?? null };
  });
  return { ...state, sliceVisible: await lb.page.locator('[data-chart="slice"]').isVisible() };
}

/** Polls until the slice state passes `check` (charts redraw on a timer, after the next frame). */
function untilSlice(lb: LeaderboardPage, check: (state: SliceState) => boolean, what: string, timeoutMs = 4000): Promise<SliceState> {
  return pollUntil(() => sliceState(lb), check, what, timeoutMs);
}

const showing = (param: string) => (state: SliceState): boolean => state.tab === 'slice' && state.sliceVisible && state.selected === param && state.axis === param;

/** The user picks a param in the slice plot's select (its dropdown is VS Code Elements' own; set as a pick would). */
async function pickInSelect(lb: LeaderboardPage, param: string): Promise<void> {
  await lb.page.locator('section.tb-chart[aria-label="Slice plot"] .tb-chart-select').evaluate((select, value) => {
    (select as unknown as { value: string }).value = value;
    select.dispatchEvent(new Event('change'));
  }, param);
}

describe('leaderboard: Insert params and Open Leaderboard at a param', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('posts insertParams with the shown trial’s number when "Insert params" is clicked', async () => {
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${complete.number}"]`).click();
    await lb.send({ type: 'detail', detail: detailOf(complete.number) });
    const button = lb.page.locator('.tb-details-actions vscode-button[data-action="insertParams"]');
    assert.equal((await button.textContent())?.trim(), 'Insert params');
    await button.click();
    await lb.settle();
    const posted = (await lb.posted()).filter((message) => message.type !== 'ready' && message.type !== 'requestDetail');
    assert.deepEqual(posted, [{ type: 'insertParams', number: complete.number }]);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('brings the Slice tab to the front with the asked param chosen, and does so again for the next ask', async () => {
    assert.ok(params.length >= 3, `the fixture's space: ${params.join(', ')}`);
    const [first, picked, second] = [params[2], params[1], params[3] ?? params[0]] as [string, string, string];
    lb = await openLeaderboardPage();
    await lb.send(snapshot);
    const start = await sliceState(lb);
    assert.equal(start.tab, 'history', 'the page opens on the History tab');
    assert.equal(start.sliceVisible, false);

    await lb.send({ type: 'showParam', param: first });
    await untilSlice(lb, showing(first), `the slice of ${first}`);

    // The user picks another param and goes back to History; the host's next ask wins again.
    await pickInSelect(lb, picked);
    await untilSlice(lb, showing(picked), `the slice of ${picked}, picked by the user`);
    await lb.page.locator('[data-chart-tab="history"]').click();
    await untilSlice(lb, (state) => state.tab === 'history' && !state.sliceVisible, 'the History tab');

    await lb.send({ type: 'showParam', param: second });
    await untilSlice(lb, showing(second), `the slice of ${second}`);

    // Asked for the same param again after the user moved away from it: it is chosen again.
    await pickInSelect(lb, picked);
    await untilSlice(lb, showing(picked), `the slice of ${picked}, picked again`);
    await lb.send({ type: 'showParam', param: second });
    await untilSlice(lb, showing(second), `the slice of ${second}, asked again`);
    assert.deepEqual(lb.consoleErrors, []);
  });
});
