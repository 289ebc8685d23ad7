// The webview store on its own (Node, no browser): streaming upserts patch the ranking and the
// table order; whatever arrives in whatever batches, the result must equal a store that received the
// same trials in one snapshot, for every sort and filter.
import { rankTrials } from '../../src/core/studyView/ranking';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrialRow } from '../../src/protocol/leaderboard';
import { LeaderboardStore, VALUE_FILTER, type ColumnId, type SortSpec } from '../../webview-ui/src/store/leaderboardStore';
import { finalSnapshot, iris } from './leaderboardFixtures';

const final = finalSnapshot();

function view(store: LeaderboardStore): { order: number[]; ranks: (number | null)[]; best: number | null; counts: unknown; metrics: readonly string[] } {
  const order = store.visible().map((row) => row.number);
  return { order, ranks: order.map((number) => store.rankOf(number)), best: store.best()?.number ?? null, counts: { ...store.stateCounts() }, metrics: store.metricNames() };
}

function snapshotStore(rows: readonly TrialRow[], sort: SortSpec): LeaderboardStore {
  const store = new LeaderboardStore();
  store.setSort(sort);
  store.applySnapshot(final.header, final.space, rows);
  return store;
}

/** A deterministic shuffle (xorshift), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = Math.abs(state) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const SORTS: readonly SortSpec[] = (['rank', 'number', 'state', 'value', 'duration', 'param:learning_rate', 'param:activation', 'metric:val_loss'] as ColumnId[])
  .flatMap((column) => [{ column, descending: false }, { column, descending: true }]);

describe('leaderboard store', () => {
  it('streams the recorded run into the same table a snapshot gives, for every sort', () => {
    for (const sort of SORTS) {
      const live = new LeaderboardStore();
      live.setSort(sort);
      for (const message of iris.messages) {
        if (message.type === 'snapshot') live.applySnapshot(message.header, message.space, message.trials);
        if (message.type === 'trials') live.applyUpserts(message.upserts, message.space);
        if (message.type === 'header') live.setHeader(message.header);
        // Read between messages, as the views do, so the patched lists are the ones compared.
        live.visible();
        live.stateCounts();
      }
      assert.deepEqual(view(live), view(snapshotStore(final.trials, sort)), `${sort.column} ${sort.descending ? 'desc' : 'asc'}`);
    }
  });

  it('takes trials in random batches and orders (new and changed ones) like a snapshot, with filters', () => {
    const rows = final.trials;
    for (let seed = 1; seed <= 12; seed++) {
      const sort = SORTS[seed % SORTS.length]!;
      const store = new LeaderboardStore();
      store.setSort(sort);
      if (seed % 3 === 0) store.setFilters({ states: new Set(['complete', 'failed']) });
      if (seed % 4 === 0) store.setParamFilter(VALUE_FILTER, { kind: 'range', min: 0.8, max: 1 });
      store.applySnapshot(final.header, final.space, []);
      // First a stale version of some trials (running, no value), later the final one.
      const order = shuffled(rows, seed);
      const stale = order.slice(0, 8).map((row) => ({ ...row, state: 'running' as const, value: null, metrics: {} }));
      const batches = [stale, ...Array.from({ length: 5 }, (_, i) => order.slice(i * 6, i * 6 + 6))];
      for (const batch of batches) {
        store.applyUpserts(batch);
        store.visible();
        store.stateCounts();
      }
      const expected = snapshotStore(rows, sort);
      if (seed % 3 === 0) expected.setFilters({ states: new Set(['complete', 'failed']) });
      if (seed % 4 === 0) expected.setParamFilter(VALUE_FILTER, { kind: 'range', min: 0.8, max: 1 });
      assert.deepEqual(view(store), view(expected), `seed ${seed}`);
    }
  });

  it('pins the best trial first and ranks as the CLI and the tree do: complete trials, then pruned ones, by the objective', () => {
    const store = snapshotStore(final.trials, { column: 'number', descending: true });
    const byValue = (a: TrialRow, b: TrialRow): number => (b.value as number) - (a.value as number) || a.number - b.number;
    const complete = final.trials.filter((row) => row.state === 'complete').sort(byValue);
    const pruned = final.trials.filter((row) => row.state === 'pruned' && row.value !== null).sort(byValue);
    assert.ok(pruned.length > 0, 'the recorded run has pruned trials');
    assert.equal(store.visible()[0], complete[0]);
    assert.deepEqual([...complete, ...pruned].map((row) => store.rankOf(row.number)), [...complete, ...pruned].map((_, i) => i + 1));
    assert.deepEqual([...complete, ...pruned].map((row) => row.number), rankTrials(final.trials, 'maximize').slice(0, complete.length + pruned.length).map((row) => row.number));
    assert.equal(store.rankOf(final.trials.find((row) => row.state === 'fail')!.number), null);
  });
});
