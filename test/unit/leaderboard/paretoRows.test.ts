/**
 * A multi-objective study's leaderboard rows: every objective's value and the constraint values on
 * each row, the objectives in the header, and the rows ranked by the read model's Pareto ranking
 * (the same front as the tree and `tuneboard show`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paretoRanking, paretoRankingOfTrials } from '../../../src/core/studyView';
import type { TrialRow } from '../../../src/protocol/leaderboard';
import { buildHeader } from '../../../src/extension/leaderboard/studyHeader';
import { toTrialRow } from '../../../src/extension/leaderboard/trialRows';
import { buildSummaries, type JournalSnapshot } from '../../../src/extension/studies/studySummary';
import { METRIC_NAMES_ATTR } from '../../../src/core/studyView';
import { moTrial } from '../multiObjective/moTrials';

const TRIALS = [
  moTrial(0, { values: [0.8, 1_000], constraints: [0] }),
  moTrial(1, { values: [0.84, 9_000], constraints: [-1] }),
  moTrial(2, { values: [0.86, 5_000], constraints: [-1] }),
  moTrial(3, { values: [0.95, 500], constraints: [3] }),
  moTrial(4, { values: null, state: 'running' }),
];

describe('leaderboard rows of a multi-objective study', () => {
  it('carry every objective\'s value and the constraint values; a single-objective row stays as it was', () => {
    const rows = TRIALS.map(toTrialRow);
    assert.deepEqual(rows[2]?.values, [0.86, 5_000]);
    assert.equal(rows[2]?.value, 0.86);
    assert.deepEqual(rows[3]?.constraints, [3]);
    assert.equal('values' in (rows[4] as TrialRow), false, 'a running trial has no values yet');
    const single = toTrialRow(moTrial(5, { values: [0.9] }));
    assert.equal('values' in single || 'constraints' in single, false);
    assert.equal(JSON.stringify(rows), JSON.stringify(JSON.parse(JSON.stringify(rows))), 'plain JSON (the recorded fixtures)');
  });

  it('rank in the panel as the tree ranks the journal trials: the front first, infeasible ones off it', () => {
    const directions = ['maximize', 'minimize'] as const;
    const rows = TRIALS.map(toTrialRow);
    const fromRows = paretoRanking(rows.map((row) => ({ ...row, values: row.values ?? null, constraints: row.constraints ?? null })), directions);
    const fromTrials = paretoRankingOfTrials(TRIALS, directions);
    assert.deepEqual(fromRows.ordered.map((r) => r.number), fromTrials.ordered.map((t) => t.number));
    assert.deepEqual(fromRows.front.map((r) => r.number).sort(), [0, 2], '#2 dominates #1; #3 breaks its constraint');
    assert.equal(fromRows.standings.get(3)?.feasible, false);
    assert.equal(fromRows.standings.get(3)?.onFront, false);
  });

  it('name every objective in the header (none for a single-objective study)', () => {
    const journal: JournalSnapshot = {
      path: '/w/mo.jsonl', modified: new Date(0), problem: null, trialsOf: () => TRIALS,
      studies: [{ id: 0, name: 'mo', direction: 'maximize', directions: ['maximize', 'minimize'], userAttrs: {}, systemAttrs: { [METRIC_NAMES_ATTR]: ['val_accuracy', 'parameter_count'] } }],
    };
    const [summary] = buildSummaries([], [journal]);
    assert.ok(summary);
    const header = buildHeader(summary, undefined, { running: false, trusted: true, liveBackend: null });
    assert.deepEqual(header.objectives, [{ metric: 'val_accuracy', direction: 'maximize' }, { metric: 'parameter_count', direction: 'minimize' }]);
    assert.equal(header.metric, 'val_accuracy');
    const single = buildSummaries([], [{ ...journal, studies: [{ id: 0, name: 's', direction: 'minimize', directions: ['minimize'], userAttrs: {}, systemAttrs: {} }] }])[0];
    assert.ok(single);
    assert.equal(buildHeader(single, undefined, { running: false, trusted: true, liveBackend: null }).objectives, undefined);
  });
});
