// The leaderboard page at scale, in headless Chromium (the same page and harness as test/webview):
// the time from posting a 10,000-trial snapshot to its first render being painted, and from posting a
// batch of 100 new trials to that being painted, and from a click on the Curves tab to the learning curves
// of all of them being painted. Timed inside the page with performance.now(); "painted" is a task queued
// from the frame callback after the page's own render, so it runs once the frame is out. Several fresh
// page loads; median and max against the targets.
//
//   npm run build && node bench/webview.mjs [--runs 7]
/* global window, document, requestAnimationFrame, MessageChannel -- timeMessage, timeCurvesTab and post's callback run in the page */
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerModules } from 'tsx/esm/api';

// The harness and the study generator are TypeScript (shared with test/webview): load them through tsx.
registerCommonJs();
registerModules();
/** A CommonJS module's exports: named when Node can tell them from the compiled code, else on `default`. */
const load = async (path) => {
  const module = await import(path);
  return module.default ?? module;
};
const { openLeaderboardPage } = await load('../test/webview/pageHarness.ts');
const { largeStudy, LARGE_TRIALS, BATCH_TRIALS } = await load('../test/fixtures/leaderboard/largeStudy.ts');

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const TARGETS = { snapshot: 500, batch: 50, curves: 1000 };

/** In the page: post `window.__benchMessage` as the host would and resolve with the times once painted. */
function timeMessage() {
  return new Promise((resolve) => {
    const message = window.__benchMessage;
    let handled = 0;
    const start = performance.now();
    // Registered after the app's listener, so it runs once the app has handled the message.
    window.addEventListener('message', () => {
      handled = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ total: performance.now() - start, handled: handled - start });
        channel.port2.postMessage(null);
      });
    }, { once: true });
    window.postMessage(message, '*');
  });
}

/**
 * In the page: click the Curves tab and resolve with the times once its curves are painted. The chart
 * panel writes the caption (`10100 curves of …`) in the task that hands ECharts the option, which
 * draws it synchronously; the caption is checked each frame, and "painted" is as in timeMessage.
 */
function timeCurvesTab() {
  return new Promise((resolve) => {
    const caption = document.getElementById('tb-chart-caption-curves');
    const start = performance.now();
    document.querySelector('[data-chart-tab="curves"]').click();
    const check = () => {
      if (!/^\d+ curves/.test(caption?.textContent ?? '')) return void requestAnimationFrame(check);
      const handled = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ total: performance.now() - start, handled: handled - start });
        channel.port2.postMessage(null);
      });
    };
    check();
  });
}

async function post(lb, message) {
  await lb.page.evaluate((data) => {
    window.__benchMessage = data;
  }, message);
  return lb.page.evaluate(timeMessage);
}

const study = await largeStudy();
const lb = await openLeaderboardPage({ viewport: { width: 1600, height: 1000 } });
const snapshotTimes = [];
const batchTimes = [];
const curvesTimes = [];
try {
  for (let run = 0; run < RUNS; run++) {
    await lb.reload();
    snapshotTimes.push(await post(lb, study.snapshot));
    const count = await lb.page.locator('.tb-row-count').textContent();
    if (count !== `${LARGE_TRIALS.toLocaleString('en-US')} trials`) throw new Error(`after the snapshot the page says "${count}"`);
    // The charts redraw after the table has been painted (throttled; see chartPanel.ts): let them finish
    // drawing the snapshot so the batch is timed on a quiet page, as during a study between trials.
    await lb.page.waitForTimeout(1500);
    await lb.settle();
    batchTimes.push(await post(lb, { type: 'trials', upserts: study.batch }));
    const after = await lb.page.locator('.tb-row-count').textContent();
    if (after !== `${(LARGE_TRIALS + BATCH_TRIALS).toLocaleString('en-US')} trials`) throw new Error(`after the batch the page says "${after}"`);
    await lb.page.waitForTimeout(1500);
    await lb.settle();
    curvesTimes.push(await lb.page.evaluate(timeCurvesTab));
  }
  if (lb.consoleErrors.length > 0) throw new Error(`console errors:\n${lb.consoleErrors.join('\n')}`);
} finally {
  // A page that crashed takes its context with it: the error that says why is the one to show.
  await lb.close().catch(() => {});
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const rows = [
  [`first render of ${LARGE_TRIALS.toLocaleString('en-US')} trials`, snapshotTimes, TARGETS.snapshot],
  [`batch of ${BATCH_TRIALS} new trials`, batchTimes, TARGETS.batch],
  [`Curves tab, ${(LARGE_TRIALS + BATCH_TRIALS).toLocaleString('en-US')} trials`, curvesTimes, TARGETS.curves],
];
const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`leaderboard webview, headless Chromium, ${RUNS} runs (posted → painted; "handled" = until the message handler returned)\n`);
console.log(['', 'median', 'max', 'handled (median)', 'target', 'result'].map((cell, i) => (i === 0 ? cell.padEnd(34) : cell.padStart(i === 3 ? 18 : 10))).join(''));
let failed = false;
for (const [label, times, target] of rows) {
  const totals = times.map((time) => time.total);
  const pass = median(totals) <= target && Math.max(...totals) <= target;
  failed ||= !pass;
  console.log([label.padEnd(34), ms(median(totals)).padStart(10), ms(Math.max(...totals)).padStart(10), ms(median(times.map((t) => t.handled))).padStart(18),
    ms(target).padStart(10), (pass ? 'pass' : 'FAIL').padStart(10)].join(''));
}
if (failed) process.exitCode = 1;
