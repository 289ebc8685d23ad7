/**
 * The recorded iris study (test/fixtures/leaderboard/iris-live.json, made by
 * scripts/webview/record-fixtures.mjs from a real CLI run) and what the page should show for it,
 * worked out here from the messages alone, independently of the page's code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostMessage, StudyHeader, TrialDetail, TrialRow } from '../../src/protocol/leaderboard';
import { repoRoot } from './pageHarness';

type Snapshot = Extract<HostMessage, { type: 'snapshot' }>;

interface IrisFixture {
  readonly messages: readonly HostMessage[];
  readonly details: readonly Extract<HostMessage, { type: 'detail' }>[];
}

export const iris: IrisFixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/leaderboard/iris-live.json'), 'utf8')) as IrisFixture;

/** The rows after the first `count` messages, by number (upserts replace rows). */
export function rowsAfter(count: number = iris.messages.length): TrialRow[] {
  const rows = new Map<number, TrialRow>();
  for (const message of iris.messages.slice(0, count)) {
    if (message.type === 'snapshot') {
      rows.clear();
      for (const row of message.trials) rows.set(row.number, row);
    } else if (message.type === 'trials') {
      for (const row of message.upserts) rows.set(row.number, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.number - b.number);
}

export function headerAfter(count: number = iris.messages.length): StudyHeader {
  let header: StudyHeader | null = null;
  for (const message of iris.messages.slice(0, count)) {
    if (message.type === 'snapshot' || message.type === 'header') header = message.header;
  }
  if (!header) throw new Error('no header in the fixture');
  return header;
}

/** The study as it ended, in one snapshot (what a panel opened after the run receives). */
export function finalSnapshot(): Snapshot {
  const first = iris.messages[0];
  if (first?.type !== 'snapshot') throw new Error('the fixture starts with a snapshot');
  let space = first.space;
  for (const message of iris.messages) if (message.type === 'trials' && message.space) space = message.space;
  return { type: 'snapshot', header: headerAfter(), space, trials: rowsAfter() };
}

export function detailOf(number: number): TrialDetail {
  const found = iris.details.find((message) => message.detail.number === number);
  if (!found) throw new Error(`no detail for trial ${number}`);
  return found.detail;
}

/** The best complete trial for the study's direction; ties go to the lower number. */
export function bestOf(rows: readonly TrialRow[], direction: StudyHeader['direction']): TrialRow {
  const complete = rows.filter((row) => row.state === 'complete' && row.value !== null);
  const sign = direction === 'maximize' ? -1 : 1;
  const best = complete.sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.number - b.number)[0];
  if (!best) throw new Error('no complete trial');
  return best;
}

export { seededRandom } from '../fixtures/seededRandom';
