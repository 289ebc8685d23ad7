// Where each trial ran (its host and GPU) in the built page: a "Ran on" column only when it tells the
// trials apart (any GPU, or more than one host), appearing live when the first such trial arrives,
// sortable and searchable, and both parts always in the trial's details. The recorded iris study,
// with hosts and GPUs set on its rows as the host's trialRows.ts sends them.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { HostMessage, TrialRow } from '../../src/protocol/leaderboard';
import { finalSnapshot } from './leaderboardFixtures';
import { openLeaderboardPage, type LeaderboardPage } from './pageHarness';
import { clickHeader, renderedNumbers, renderedRows } from './tableQueries';

type Snapshot = Extract<HostMessage, { type: 'snapshot' }>;

const recorded = finalSnapshot();

/** The recorded study with each row placed by `place` (null: where the recording had nothing). */
function placed(place: (row: TrialRow) => { host: string | null; gpu: string | null }): Snapshot {
  return { ...recorded, trials: recorded.trials.map((row) => ({ ...row, ...place(row) })) };
}

/** Even trials on node-a, odd ones on node-b; GPU 0..3 by number. */
const twoHosts = placed((row) => ({ host: row.number % 2 === 0 ? 'node-a' : 'node-b', gpu: String(row.number % 4) }));
const oneHostWithGpus = placed((row) => ({ host: 'node-a', gpu: String(row.number % 2) }));
const oneHostNoGpu = placed(() => ({ host: 'node-a', gpu: null }));

async function columnIds(lb: LeaderboardPage): Promise<string[]> {
  return lb.page.locator('.tb-head-cell').evaluateAll((cells) => cells.map((cell) => cell.dataset.column)) as Promise<string[]>;
}

async function placementCells(lb: LeaderboardPage): Promise<Map<number, string>> {
  return new Map((await renderedRows(lb.page)).map((row) => [row.number, row.cells.placement ?? '(none)']));
}

describe('leaderboard: where trials ran', () => {
  let lb: LeaderboardPage | null = null;
  afterEach(async () => {
    await lb?.close();
    lb = null;
  });

  it('has no Ran on column when every trial ran on one host without a GPU', async () => {
    lb = await openLeaderboardPage();
    for (const snapshot of [recorded, oneHostNoGpu]) {
      await lb.send(snapshot);
      assert.ok(!(await columnIds(lb)).includes('placement'));
    }
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('shows the GPU alone on one host, and host · GPU across hosts, before the duration', async () => {
    lb = await openLeaderboardPage();
    await lb.send(oneHostWithGpus);
    const columns = await columnIds(lb);
    assert.equal(columns[columns.indexOf('placement') + 1], 'duration');
    assert.equal(await lb.page.locator('.tb-head-cell[data-column="placement"] .tb-head-label').textContent(), 'Ran on');
    for (const [number, text] of await placementCells(lb)) assert.equal(text, `GPU ${number % 2}`, `trial ${number}`);

    await lb.send(twoHosts);
    for (const [number, text] of await placementCells(lb)) assert.equal(text, `${number % 2 === 0 ? 'node-a' : 'node-b'} · GPU ${number % 4}`, `trial ${number}`);
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('adds the column live when the first trial on a second host arrives', async () => {
    lb = await openLeaderboardPage();
    await lb.send(oneHostNoGpu);
    assert.ok(!(await columnIds(lb)).includes('placement'));
    const [first] = oneHostNoGpu.trials;
    assert.ok(first);
    await lb.send({ type: 'trials', upserts: [{ ...first, host: 'node-b' }] });
    assert.ok((await columnIds(lb)).includes('placement'));
    const cells = await placementCells(lb);
    assert.equal(cells.get(first.number), 'node-b');
    assert.equal(cells.get(oneHostNoGpu.trials[1]!.number), 'node-a');
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('sorts by where trials ran and finds them by host in the text filter', async () => {
    lb = await openLeaderboardPage();
    await lb.send(twoHosts);
    await lb.page.locator('.tb-text-filter input').fill('node-b · gpu 3');
    await lb.settle();
    const onB3 = twoHosts.trials.filter((row) => row.number % 4 === 3).map((row) => row.number);
    assert.ok(onB3.length > 0);
    assert.deepEqual(new Set(await renderedNumbers(lb.page)), new Set(onB3));
    await lb.page.locator('.tb-text-filter input').fill('');
    await lb.settle();

    await clickHeader(lb, 'placement');
    const texts = [...(await placementCells(lb)).values()];
    // The best trial stays pinned first; the rest read in order.
    const rest = texts.slice(1);
    assert.deepEqual(rest, [...rest].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    assert.deepEqual(lb.consoleErrors, []);
  });

  it('names the host and the GPU in the trial details, even where the table leaves the host out', async () => {
    lb = await openLeaderboardPage();
    await lb.send(oneHostWithGpus);
    const trial = oneHostWithGpus.trials.find((row) => row.number % 2 === 1)!;
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${trial.number}"]`).click();
    await lb.settle();
    assert.match(await lb.page.locator('.tb-details-facts').textContent() ?? '', / · on node-a · GPU 1$/);

    await lb.send(oneHostNoGpu);
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${trial.number}"]`).click();
    await lb.settle();
    assert.match(await lb.page.locator('.tb-details-facts').textContent() ?? '', / · on node-a$/);

    await lb.send(recorded);
    await lb.page.locator(`.tb-grid-body .tb-row[data-number="${trial.number}"]`).click();
    await lb.settle();
    assert.doesNotMatch(await lb.page.locator('.tb-details-facts').textContent() ?? '', / on /, 'nothing recorded, nothing said');
    assert.deepEqual(lb.consoleErrors, []);
  });
});
