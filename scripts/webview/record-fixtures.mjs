// Records the leaderboard page-test fixture test/fixtures/leaderboard/iris-live.json from a REAL study:
// runs the iris example with the CLI (2 workers, ASHA pruning), stops it with SIGINT once 24 trials
// finished (so the trials still running are recorded as failed "interrupted", as a user's Stop does),
// then replays the journal file prefix by prefix through the core's file storage, projecting each
// state with the host's own code (src/extension/leaderboard/trialRows.ts, studyHeader.ts) into the
// messages a live panel would get: a snapshot once trials exist, then `trials` upserts and `header`
// changes as the journal grows, and the `detail` answer for every trial (history and log tail).
//
//   npm run build && node --import tsx scripts/webview/record-fixtures.mjs
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStorage } from '../../src/core/storage/index.ts';
import { readLogTail } from '../../src/extension/leaderboard/logTail.ts';
import { buildHeader, readConfigFacts } from '../../src/extension/leaderboard/studyHeader.ts';
import { changedTrials, paramSpace, sameSpace, toTrialDetail, toTrialRow, trialLogPath } from '../../src/extension/leaderboard/trialRows.ts';
import { bestTrial, countStates } from '../../src/extension/studies/studySummary.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const config = join(repoRoot, 'examples/iris/iris.tune.yaml');
const output = join(repoRoot, 'test/fixtures/leaderboard/iris-live.json');
const TRIALS = 30;
const STOP_AFTER_FINISHED = 24;
/** Journal lines per watcher tick: the host re-reads the file when it changes, a few lines at a time. */
const LINES_PER_TICK = 24;
/** Paths in the fixture as if the workspace were /workspace (the temp folder is the config's .tuneboard). */
const WORKSPACE = '/workspace';

if (!existsSync(join(repoRoot, 'dist/cli.js'))) throw new Error('run `npm run build` first');
const work = mkdtempSync(join(tmpdir(), 'tuneboard-fixture-'));
const journal = join(work, 'iris-mlp.jsonl');

try {
  await runStudy();
  const { fixture, final } = await replay();
  mkdirSync(join(repoRoot, 'test/fixtures/leaderboard'), { recursive: true });
  const text = JSON.stringify(fixture).replaceAll(work, `${WORKSPACE}/examples/iris/.tuneboard`).replaceAll(repoRoot, WORKSPACE);
  writeFileSync(output, `${text}\n`);
  const counts = countStates(final);
  console.log(`wrote ${output}: ${fixture.messages.length} messages, ${fixture.details.length} details, ${(text.length / 1024).toFixed(0)} KB; trials ${JSON.stringify(counts)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The CLI run, stopped like the Stop button once enough trials finished. */
async function runStudy() {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/cli.js'), 'run', config, '--storage', journal, '--trials', String(TRIALS), '--parallel', '2', '--plain'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let finished = 0;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    finished += (chunk.match(/ (complete|pruned|failed) /g) ?? []).length;
    if (finished >= STOP_AFTER_FINISHED && child.exitCode === null && !child.killed) child.kill('SIGINT');
  });
  const code = await new Promise((done) => child.on('exit', (exitCode, signal) => done(exitCode ?? signal)));
  console.log(`study process ended: ${code}`);
}

async function replay() {
  const lines = readFileSync(journal, 'utf8').split('\n').filter((line) => line !== '');
  const facts = await readConfigFacts(config);
  const replica = join(work, 'replica', 'iris-mlp.jsonl');
  mkdirSync(join(work, 'replica'), { recursive: true });
  writeFileSync(replica, '');
  const storage = await openStorage(replica);
  const messages = [];
  let previous = null;
  let space = [];
  let lastHeader = '';
  let trials = [];
  try {
    for (let end = LINES_PER_TICK; end < lines.length + LINES_PER_TICK; end += LINES_PER_TICK) {
      const chunk = lines.slice(end - LINES_PER_TICK, end);
      appendFileSync(replica, chunk.map((line) => `${line}\n`).join(''));
      await storage.refresh();
      const study = storage.findStudy('iris-mlp');
      if (!study) continue;
      trials = storage.getTrials(study.id);
      if (trials.length === 0) continue;
      const last = end >= lines.length;
      const header = headerOf(study, trials, facts, !last);
      if (previous === null) {
        space = paramSpace(trials);
        messages.push({ type: 'snapshot', header, space, trials: trials.map(toTrialRow) });
      } else {
        const upserts = changedTrials(previous, trials).map(toTrialRow);
        const nextSpace = paramSpace(trials);
        const spaceChanged = !sameSpace(space, nextSpace);
        space = nextSpace;
        if (upserts.length > 0) messages.push({ type: 'trials', upserts, ...(spaceChanged ? { space } : {}) });
        if (JSON.stringify(header) !== lastHeader) messages.push({ type: 'header', header });
      }
      lastHeader = JSON.stringify(header);
      previous = trials;
    }
    const details = [];
    for (const trial of trials) {
      const logPath = trialLogPath(trial);
      details.push({ type: 'detail', detail: toTrialDetail(trial, logPath === null ? null : await readLogTail(logPath), logPath) });
    }
    const source = { config: 'examples/iris/iris.tune.yaml', trials: TRIALS, parallel: 2, stoppedAfter: STOP_AFTER_FINISHED };
    return { fixture: { source, messages, details }, final: trials };
  } finally {
    await storage.close();
  }
}

function headerOf(study, trials, facts, running) {
  const summary = {
    key: `${journal}#${study.name}`, name: study.name, journalPath: journal, configPath: config, direction: study.direction,
    metric: 'val_accuracy', budget: TRIALS, counts: countStates(trials), best: bestTrial(trials, study.direction), trials,
    lastUpdated: new Date(), problem: null,
  };
  return buildHeader(summary, facts, { running, trusted: true, liveBackend: null });
}
