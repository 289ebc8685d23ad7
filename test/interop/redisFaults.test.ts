/**
 * Faults on a Redis study (issue 12), with real `tuneboard run` processes: a worker SIGKILLed mid-trial,
 * a worker host cut off from Redis (its own network namespace, veth link down) and back, Redis
 * restarted mid-study, and the holder of the journal's write lease frozen with SIGSTOP. After each: no
 * trial twice, none left RUNNING, exactly `search.trials` trials that used budget, no record written
 * to a trial after it finished, and Python Optuna 3.1 loads the study and sees the same trials. Last,
 * a connection dropped between a command's arrival and its answer (ioredis sends it again): nothing twice.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it, type TestContext } from 'node:test';
import Redis from 'ioredis';
import { FAIL_REASON_ATTR, OPTUNA_FAILED_TRIAL_ATTR, RETRIED_FROM_ATTR, RUNNER_ATTR, type FrozenTrial, usesBudget } from '../../src/core';
import type { StudyEvent } from '../../src/protocol/studyEvents';
import { openJournalStorage } from '../../src/redis/openJournal';
import { CLI, ensureBuilt } from '../unit/cli/cliHarness';
import { redisSkip, startRedis, type RedisServer } from '../fixtures/redisServer';
import { peerSkip, PYTHON } from './pythonPeers';

const execFileAsync = promisify(execFile);
const OPTUNA_SCRIPT = join(__dirname, 'optuna_redis.py');
const skip = redisSkip || peerSkip(['optuna', 'redis'], 'python3-optuna python3-redis');
const STUDY = 'faults';

/**
 * A command trial: reports `value` every `every` ms for `ms`, then prints its value. It notes its start and
 * its natural end in trials.log (trial number, pid, parent pid = the worker), so a test knows which
 * trials a worker runs and which ran to their end.
 */
const TRIAL_SCRIPT = `import { appendFileSync } from 'node:fs';
const [x, ms, every] = process.argv.slice(2).map(Number);
const note = (what) => appendFileSync(new URL('./trials.log', import.meta.url), \`\${process.env.TUNEBOARD_TRIAL} \${what} \${process.pid} \${process.ppid} \${Date.now()}\\n\`);
note('start');
const value = (x - 0.3) ** 2;
const began = Date.now();
let step = 0;
const timer = setInterval(() => {
  step += 1;
  console.log(\`value=\${value + 1 / step} step=\${step}\`);
  if (Date.now() - began < ms) return;
  clearInterval(timer);
  console.log(\`value=\${value}\`);
  note('end');
}, every);
`;

const config = (trials: number, trialMs: number, seed: number, reportMs: number): string => `name: ${STUDY}
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: ${trials}, parallel: 1, seed: ${seed}, retries: 1 }
space:
  x: { float: [0, 1] }
trial:
  command: [node, trial.mjs, "\${x}", "${trialMs}", "${reportMs}"]
`;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Worker {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  readonly events: StudyEvent[];
  readonly exited: Promise<Exit>;
  output(): string;
  logs(): string[];
}

/** Every worker any test started, killed (with its trials) in `after` if still alive. */
const workers: Worker[] = [];

function startWorker(name: string, dir: string, storage: string, leaseMs: number, netns: string | null = null): Worker {
  const args = [CLI, 'run', `${STUDY}.tune.yaml`, '--storage', storage, '--json'];
  // `ip netns exec` execs the command: the pid is the worker's own. detached: it leads its own process group.
  const [file, argv] = netns === null ? [process.execPath, args] : ['ip', ['netns', 'exec', netns, process.execPath, ...args]];
  const child = spawn(file, argv, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TUNEBOARD_TRIAL_LEASE_MS: String(leaseMs) } });
  let output = '';
  let partial = '';
  const events: StudyEvent[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) events.push(JSON.parse(line) as StudyEvent);
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const worker: Worker = {
    name,
    pid: child.pid ?? -1,
    child,
    events,
    exited,
    output: () => output,
    logs: () => events.flatMap((e) => (e.type === 'log' ? [e.message] : [])),
  };
  workers.push(worker);
  return worker;
}

/** Kills a worker outright, with the trial processes it started (each leads its own process group). */
function killWorker(worker: Worker, dir: string): void {
  signalGroup(worker.pid, 'SIGCONT');
  signalGroup(worker.pid, 'SIGKILL');
  for (const trial of trialNotes(dir)) if (trial.ppid === worker.pid) signalGroup(trial.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

interface TrialNote {
  readonly trial: number;
  readonly what: 'start' | 'end';
  readonly pid: number;
  readonly ppid: number;
  readonly at: number;
}

function trialNotes(dir: string): TrialNote[] {
  const file = join(dir, 'trials.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => {
    const [trial, what, pid, ppid, at] = line.split(' ');
    return { trial: Number(trial), what: what as 'start' | 'end', pid: Number(pid), ppid: Number(ppid), at: Number(at) };
  });
}

async function until<T>(what: string, probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms: number, describe: () => string = () => ''): Promise<T> {
  for (const end = Date.now() + ms; ; ) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function exitOf(worker: Worker, ms: number): Promise<Exit> {
  const hung = new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref());
  const exit = await Promise.race([worker.exited, hung]);
  if (exit === null) throw new Error(`${worker.name} (pid ${worker.pid}) did not exit within ${ms} ms:\n${worker.output().slice(-4000)}`);
  return exit;
}

/** The trial a worker runs now (started, not finished) that has reported at least `steps` steps, or null. */
function midTrial(worker: Worker, steps: number): number | null {
  const finished = new Set(worker.events.flatMap((e) => (e.type === 'trial-finished' ? [e.number] : [])));
  const reported = worker.events.find((e) => e.type === 'trial-reported' && e.step >= steps && !finished.has(e.number));
  return reported?.type === 'trial-reported' ? reported.number : null;
}

/** The trial a worker has started and not finished, as far as its events say, or null. */
function runningTrial(worker: Worker): number | null {
  const finished = new Set(worker.events.flatMap((e) => (e.type === 'trial-finished' ? [e.number] : [])));
  const started = worker.events.filter((e) => e.type === 'trial-started' && !finished.has(e.number));
  const last = started[started.length - 1];
  return last?.type === 'trial-started' ? last.number : null;
}

/** The pid in the journal lease's token (`host:pid:uuid`), or null when nobody holds it. */
async function leaseHolder(client: Redis, prefix: string): Promise<number | null> {
  const token = await client.get(`${prefix}:tuneboard:lock`);
  return token === null ? null : Number(token.split(':')[1]);
}

/** What a run says when the journal lease it held ran out under a write: the write is refused, the run ends (exit 3). */
const LEASE_LOST = /the journal lock on \S+ expired before (this write|it was renewed)/;

async function readTrials(storage: string): Promise<readonly FrozenTrial[]> {
  const journal = await openJournalStorage(storage, { readOnly: true });
  try {
    return journal.getTrials(journal.findStudy(STUDY)?.id ?? -1);
  } finally {
    await journal.close();
  }
}

/** The raw log: every op as written, in order (Optuna's JournalRedisStorage layout). */
async function rawLog(port: number, prefix: string): Promise<Record<string, unknown>[]> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
  try {
    await client.connect();
    const last = Number((await client.get(`${prefix}:log_number`)) ?? -1);
    const ops: Record<string, unknown>[] = [];
    for (let from = 0; from <= last; from += 1000) {
      const keys = Array.from({ length: Math.min(1000, last - from + 1) }, (_, i) => `${prefix}:log:${from + i}`);
      for (const value of await client.mget(keys)) ops.push(JSON.parse(value ?? 'null') as Record<string, unknown>);
    }
    return ops;
  } finally {
    client.disconnect();
  }
}

/** Records about a trial written after it had finished: a late result that got in (must be none). */
function lateWrites(ops: readonly Record<string, unknown>[]): string[] {
  const FINISHED = new Set([1, 2, 3]); // complete, pruned, fail
  const states: number[] = [];
  const late: string[] = [];
  ops.forEach((op, i) => {
    if (op.op_code === 4) return void states.push(typeof op.state === 'number' ? op.state : 0);
    if (typeof op.trial_id !== 'number' || op.op_code === undefined) return;
    const state = states[op.trial_id];
    if (state !== undefined && FINISHED.has(state)) late.push(`op ${i} (op_code ${String(op.op_code)}) on finished trial id ${op.trial_id}`);
    else if (op.op_code === 6 && typeof op.state === 'number') states[op.trial_id] = op.state;
  });
  return late;
}

interface OptunaTrial {
  readonly number: number;
  readonly state: string;
  readonly value: number | null;
  readonly params: Record<string, number>;
  readonly retried_from: number | null;
  readonly failed_trial: number | null;
}

/**
 * The checks after every fault; returns the trials. Numbers unique, nothing RUNNING or WAITING,
 * exactly `budget` trials used budget and all completed, every other trial failed as interrupted, each
 * stale trial retried at most once with its own params, no late write in the log, and Optuna agrees.
 */
async function checkStudy(t: TestContext, redis: RedisServer, prefix: string, budget: number): Promise<readonly FrozenTrial[]> {
  const storage = `${redis.url}/0?prefix=${prefix}`;
  const trials = await readTrials(storage);
  const summary = trials.map((trial) => `#${trial.number} ${trial.state} ${String(trial.systemAttrs[FAIL_REASON_ATTR] ?? '')} ${trial.systemAttrs[RETRIED_FROM_ATTR] !== undefined ? `retried_from ${String(trial.systemAttrs[RETRIED_FROM_ATTR])}` : ''}`).join('\n');
  t.diagnostic(`trials:\n${summary}`);
  assert.deepEqual(trials.map((trial) => trial.number), trials.map((_, i) => i), 'trial numbers unique and in order');
  assert.deepEqual(trials.filter((trial) => trial.state === 'running' || trial.state === 'waiting').map((trial) => trial.number), [], `nothing left running or waiting:\n${summary}`);
  const counted = trials.filter(usesBudget);
  assert.equal(counted.length, budget, `exactly search.trials (${budget}) trials used budget:\n${summary}`);
  assert.ok(counted.every((trial) => trial.state === 'complete'), `every trial that used budget completed:\n${summary}`);
  for (const trial of trials.filter((tr) => !usesBudget(tr))) assert.match(String(trial.systemAttrs[FAIL_REASON_ATTR]), /^interrupted: /, `#${trial.number}`);
  const retried = trials.flatMap((trial) => (typeof trial.systemAttrs[RETRIED_FROM_ATTR] === 'number' ? [trial] : []));
  const sources = retried.map((trial) => trial.systemAttrs[RETRIED_FROM_ATTR] as number);
  assert.equal(new Set(sources).size, sources.length, `no stale trial retried twice: ${sources.join(', ')}`);
  for (const retry of retried) {
    const from = trials[retry.systemAttrs[RETRIED_FROM_ATTR] as number];
    assert.equal(from?.state, 'fail', `#${retry.number} retries a failed trial`);
    assert.match(String(from?.systemAttrs[FAIL_REASON_ATTR]), /^interrupted: /);
    assert.deepEqual(retry.params, from?.params, `#${retry.number} runs the params of #${from?.number}`);
    assert.equal(retry.systemAttrs[OPTUNA_FAILED_TRIAL_ATTR], from?.number);
  }
  assert.deepEqual(lateWrites(await rawLog(redis.port, prefix)), [], 'no record about a trial after it finished');

  const { stdout } = await execFileAsync(PYTHON, [OPTUNA_SCRIPT, 'check', `${redis.url}/0`, prefix, STUDY]);
  const optuna = (JSON.parse(stdout) as { trials: OptunaTrial[] }).trials;
  assert.deepEqual(
    optuna.map((trial) => [trial.number, trial.state, trial.value, trial.params.x, trial.retried_from ?? null]),
    trials.map((trial) => [trial.number, trial.state, trial.value, trial.params.x, trial.systemAttrs[RETRIED_FROM_ATTR] ?? null]),
    'Optuna 3.1 loads the same trials',
  );
  return trials;
}

/** The runner attr's pid: which worker ran a trial. */
function runnerPid(trial: FrozenTrial | undefined): number | null {
  const runner = trial?.systemAttrs[RUNNER_ATTR];
  return typeof runner === 'object' && runner !== null && 'pid' in runner && typeof runner.pid === 'number' ? runner.pid : null;
}

function staleMessage(worker: Worker, trial: number): string | undefined {
  return worker.logs().find((message) => message.startsWith(`trial ${trial} is stale `));
}

/** A TCP proxy to Redis that can lose the answer to one command: it passes the command on, then drops the connection. */
interface AnswerDropper {
  readonly port: number;
  /** Drops the connection instead of passing on the answer to the next command whose text matches. */
  dropNextAnswerTo(request: (text: string) => boolean): void;
  readonly dropped: number;
  close(): void;
}

async function answerDropper(redisPort: number): Promise<AnswerDropper> {
  let match: ((text: string) => boolean) | null = null;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(redisPort, '127.0.0.1');
    let dropAnswer = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      if (match?.(chunk.toString())) {
        match = null;
        dropAnswer = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropAnswer) return void client.write(chunk);
      // Redis made it; its answer is lost with the connection.
      dropped += 1;
      client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : -1,
    dropNextAnswerTo: (request) => (match = request),
    get dropped() {
      return dropped;
    },
    close: () => {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe('faults on a Redis study', { skip, timeout: 300_000 }, () => {
  const servers: RedisServer[] = [];
  const dirs: string[] = [];
  const cleanups: (() => void)[] = [];

  before(() => ensureBuilt());

  after(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) killWorker(worker, '/nonexistent');
    for (const cleanup of cleanups.splice(0)) cleanup();
    await Promise.all(servers.map((server) => server.dispose()));
    for (const dir of dirs) {
      // Trials a killed worker left behind: end them before their folder goes.
      for (const note of trialNotes(dir)) if (note.what === 'start') signalGroup(note.pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const studyDir = (trials: number, trialMs: number, seed: number, reportMs = 100): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneboard-faults-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'trial.mjs'), TRIAL_SCRIPT);
    writeFileSync(join(dir, `${STUDY}.tune.yaml`), config(trials, trialMs, seed, reportMs));
    return dir;
  };

  const server = async (options: Parameters<typeof startRedis>[0] = {}): Promise<RedisServer> => {
    const redis = await startRedis(options);
    servers.push(redis);
    return redis;
  };

  it('a worker SIGKILLed mid-trial: another fails its trial as stale within the lease and retries it; the budget is exact', async (t) => {
    const started = Date.now();
    const LEASE = 1500;
    const BUDGET = 6;
    const redis = await server();
    const dir = studyDir(BUDGET, 2500, 1);
    const storage = `${redis.url}/0?prefix=kill`;
    const doomed = startWorker('doomed', dir, storage, LEASE);
    const survivor = startWorker('survivor', dir, storage, LEASE);

    // The survivor must be past its start, or (on a loaded machine) its start-up sweep closes the trial
    // as left by a stopped run instead of the live lease check this test is about.
    await until('the survivor running a trial', () => survivor.events.some((e) => e.type === 'trial-started'), 30_000, () => survivor.output());
    const victim = await until('a trial of the doomed worker under way', () => midTrial(doomed, 3), 30_000, () => doomed.output());
    const killedAt = Date.now();
    killWorker(doomed, dir);
    assert.equal((await exitOf(doomed, 10_000)).signal, 'SIGKILL');

    await until(`trial ${victim} failed as stale by the survivor`, () => staleMessage(survivor, victim), 8 * LEASE + 10_000, () => survivor.output());
    const exit = await exitOf(survivor, 60_000);
    assert.equal(exit.code, 0, survivor.output());

    const trials = await checkStudy(t, redis, 'kill', BUDGET);
    const stale = trials[victim];
    assert.match(String(stale?.systemAttrs[FAIL_REASON_ATTR]), new RegExp(`^interrupted: stale: its host \\(pid ${doomed.pid} on [^)]+\\) stopped renewing its heartbeat`));
    const failedAfter = (stale?.datetimeComplete?.getTime() ?? Infinity) - killedAt;
    t.diagnostic(`trial ${victim} failed as stale ${failedAfter} ms after the kill (lease ${LEASE} ms)`);
    // Its lease runs out within one lease of the kill; a sweep each lease sees it missing, the next fails it.
    assert.ok(failedAfter <= 3 * LEASE + 3000, `failed ${failedAfter} ms after the kill`);
    const retry = trials.find((trial) => trial.systemAttrs[RETRIED_FROM_ATTR] === victim);
    assert.equal(retry?.state, 'complete', `trial ${victim} was retried`);
    assert.equal(runnerPid(retry), survivor.pid, 'by the survivor');
    assert.match(staleMessage(survivor, victim) ?? '', /: failed, and its params enqueued again$/);
    t.diagnostic(`took ${Date.now() - started} ms`);
  });

  describe('a worker host cut off from Redis', () => {
    const ns = `tbfault${process.pid}`;
    const hostEnd = `tbh${process.pid}`;
    const nsEnd = `tbn${process.pid}`;
    const subnet = `10.213.${process.pid % 250}`;
    let netnsProblem: string | null = null;

    before(() => {
      const steps = [
        ['netns', 'add', ns],
        ['link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', nsEnd],
        ['link', 'set', nsEnd, 'netns', ns],
        ['addr', 'add', `${subnet}.1/30`, 'dev', hostEnd],
        ['link', 'set', hostEnd, 'up'],
        ['netns', 'exec', ns, 'ip', 'addr', 'add', `${subnet}.2/30`, 'dev', nsEnd],
        ['netns', 'exec', ns, 'ip', 'link', 'set', nsEnd, 'up'],
        ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up'],
      ];
      cleanups.push(() => {
        spawnSync('ip', ['link', 'del', hostEnd], { stdio: 'ignore' }); // takes its peer along
        spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
      });
      for (const step of steps) {
        const result = spawnSync('ip', step, { encoding: 'utf8' });
        if (result.status !== 0) {
          netnsProblem = `\`ip ${step.join(' ')}\` failed (${(result.stderr || result.error?.message || '').trim()}): a network namespace needs root (CAP_NET_ADMIN)`;
          return;
        }
      }
    });

    it('stops its trial when its lease runs out; another fails it as stale and retries it; after the link is back nothing is recorded twice', async (t) => {
      if (netnsProblem !== null) {
        if (process.env.CI) assert.fail(netnsProblem);
        t.skip(netnsProblem);
        return;
      }
      const started = Date.now();
      const LEASE = 1500;
      const BUDGET = 6;
      const redis = await server({ bind: [`${subnet}.1`] });
      // A report every 500 ms: the cut-off worker seldom holds the journal lease at the moment of the cut.
      const dir = studyDir(BUDGET, 5000, 2, 500);
      const prefix = 'cut';
      const client = new Redis({ host: '127.0.0.1', port: redis.port });
      cleanups.push(() => client.disconnect());
      const cut = startWorker('cut', dir, `redis://${subnet}.1:${redis.port}/0?prefix=${prefix}`, LEASE, ns);
      const ok = startWorker('connected', dir, `${redis.url}/0?prefix=${prefix}`, LEASE);

      const victim = await until('a trial of the worker in the namespace under way', () => midTrial(cut, 1), 30_000, () => cut.output());
      const down = spawnSync('ip', ['link', 'set', hostEnd, 'down'], { encoding: 'utf8' });
      assert.equal(down.status, 0, down.stderr);
      const cutAt = Date.now();
      const heldAtCut = (await leaseHolder(client, prefix)) === cut.pid;
      let upAt = Infinity;
      cleanups.push(() => spawnSync('ip', ['link', 'set', hostEnd, 'up'], { stdio: 'ignore' }));
      try {
        // The cut-off host stops its trial by itself once its lease has run out (its log reaches us by pipe).
        const lost = await until('the cut-off worker to stop its trial', () => cut.logs().find((m) => /could not renew its trials' heartbeats/.test(m)), 4 * LEASE + 10_000, () => cut.output());
        const stoppedAfter = Date.now() - cutAt;
        t.diagnostic(`the cut-off worker stopped its trial ${stoppedAfter} ms after the cut: ${lost}`);
        assert.ok(stoppedAfter <= 2 * LEASE + 2000, `stopped ${stoppedAfter} ms after the cut`);
        await until(`trial ${victim} failed as stale by the connected worker`, () => staleMessage(ok, victim), 8 * LEASE + 10_000, () => ok.output());
        // Down for a few leases in all.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + 4 * LEASE - Date.now())));
      } finally {
        spawnSync('ip', ['link', 'set', hostEnd, 'up']);
        upAt = Date.now();
      }
      t.diagnostic(`link down for ${upAt - cutAt} ms`);

      const [cutExit, okExit] = await Promise.all([exitOf(cut, 90_000), exitOf(ok, 90_000)]);
      t.diagnostic(`cut-off worker after the link came back (exit ${cutExit.code}${heldAtCut ? ', it held the journal lease at the cut' : ''}):\n${cut.logs().join('\n')}`);
      assert.equal(okExit.code, 0, ok.output());
      // Its end of the trial is refused (another run failed it meanwhile), and it goes on to the end of the study.
      assert.ok(cut.logs().some((m) => m.startsWith(`trial ${victim} was failed by another run while this host ran it (interrupted: stale: `)), `the cut-off worker says its late end of the trial was refused:\n${cut.output()}`);
      if (heldAtCut && cutExit.code === 3) assert.match(cut.output(), LEASE_LOST, 'cut while it held the journal lease: the write under it was refused, and it said so');
      else assert.equal(cutExit.code, 0, cut.output());

      const trials = await checkStudy(t, redis, prefix, BUDGET);
      assert.match(String(trials[victim]?.systemAttrs[FAIL_REASON_ATTR]), new RegExp(`^interrupted: stale: its host \\(pid ${cut.pid} on `));
      const retry = trials.find((trial) => trial.systemAttrs[RETRIED_FROM_ATTR] === victim);
      assert.equal(retry?.state, 'complete', `trial ${victim} was retried`);
      // The cut-off host did not run its trial to the end: it never burned its GPU for a trial redone elsewhere.
      const notes = trialNotes(dir).filter((note) => note.ppid === cut.pid && note.trial === victim);
      assert.deepEqual(notes.map((note) => note.what), ['start'], `trial ${victim} was stopped by the cut-off host before its end`);
      t.diagnostic(`took ${Date.now() - started} ms`);
    });
  });

  it('Redis restarted mid-study: the workers ride over it, nothing acknowledged is lost, the budget is exact', async (t) => {
    const started = Date.now();
    const LEASE = 5000;
    const BUDGET = 8;
    const redis = await server({ appendonly: true });
    const dir = studyDir(BUDGET, 1500, 3);
    const prefix = 'restart';
    const storage = `${redis.url}/0?prefix=${prefix}`;
    const runs = [startWorker('first', dir, storage, LEASE), startWorker('second', dir, storage, LEASE)];

    // Mid-study: some trials done, one under way in each worker.
    await until('two finished trials and one under way in each worker', () => {
      const finished = runs.flatMap((w) => w.events.filter((e) => e.type === 'trial-finished')).length;
      return finished >= 2 && runs.every((w) => midTrial(w, 2) !== null);
    }, 45_000, () => runs.map((w) => w.output()).join('\n'));
    const acknowledged = await rawLog(redis.port, prefix);
    const before = await readTrials(storage);
    const stoppedAt = Date.now();
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await redis.start();
    t.diagnostic(`Redis was down ${Date.now() - stoppedAt} ms, with ${acknowledged.length} records acknowledged`);

    const exits = await Promise.all(runs.map((w) => exitOf(w, 90_000)));
    exits.forEach((exit, i) => assert.equal(exit.code, 0, runs[i]?.output()));
    const after = await rawLog(redis.port, prefix);
    assert.deepEqual(after.slice(0, acknowledged.length), acknowledged, 'every record acknowledged before the restart is still there');
    const trials = await checkStudy(t, redis, prefix, BUDGET);
    for (const trial of before.filter((tr) => tr.state !== 'running')) assert.deepEqual([trials[trial.number]?.state, trials[trial.number]?.value], [trial.state, trial.value]);
    assert.deepEqual(trials.filter((trial) => trial.state !== 'complete').map((trial) => trial.number), [], 'a restart within the lease fails no trial');
    t.diagnostic(`took ${Date.now() - started} ms`);
  });

  it('the journal lease holder frozen with SIGSTOP: the others go on once its lease expires, it never writes with the lease lost', async (t) => {
    const started = Date.now();
    const LEASE = 1500;
    const BUDGET = 6;
    const redis = await server();
    const dir = studyDir(BUDGET, 2000, 4);
    const prefix = 'frozen';
    const storage = `${redis.url}/0?prefix=${prefix}`;
    const runs = [startWorker('first', dir, storage, LEASE), startWorker('second', dir, storage, LEASE)];
    const lockKey = `${prefix}:tuneboard:lock`;
    const client = new Redis({ host: '127.0.0.1', port: redis.port });
    cleanups.push(() => client.disconnect());

    await until('a trial under way in each worker', () => runs.every((w) => midTrial(w, 1) !== null), 30_000, () => runs.map((w) => w.output()).join('\n'));
    // Freeze whichever worker holds the write lease at that moment: stop it, then check it still holds it.
    // The lease is held for a millisecond or so per ask, so the lock key is read back to back (one round
    // trip each, no sleep) rather than polled: a holder seen is stopped within a fraction of its hold.
    let attempts = 0;
    let frozen: Worker | undefined;
    for (const end = Date.now() + 30_000; frozen === undefined; attempts++) {
      if (Date.now() > end) throw new Error(`no worker caught holding the journal lease in ${attempts} reads\n${runs.map((w) => w.output()).join('\n')}`);
      const holderPid = await leaseHolder(client, prefix);
      const seen = runs.find((w) => w.pid === holderPid);
      if (!seen) continue;
      process.kill(seen.pid, 'SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, 20));
      if ((await leaseHolder(client, prefix)) === seen.pid) frozen = seen;
      else process.kill(seen.pid, 'SIGCONT');
    }
    const frozenAt = Date.now();
    const [other] = runs.filter((w) => w !== frozen);
    assert.ok(other);
    const token = await client.get(lockKey);
    const ttl = await client.pttl(lockKey);
    t.diagnostic(`froze ${frozen.name} (pid ${frozen.pid}) holding the journal lease (${ttl} ms left) after ${attempts} attempt(s)`);
    let resumedAt = Infinity;
    const frozenTrial = runningTrial(frozen);
    try {
      // The lease expires (it is not renewed); the other worker takes it and goes on writing.
      const logLength = Number(await client.get(`${prefix}:log_number`));
      await until('the frozen holder\'s lease to expire', async () => (await client.get(lockKey)) !== token, ttl + 10_000);
      const expiredAt = Date.now();
      await until('the other worker to write after the lease expired', async () => Number(await client.get(`${prefix}:log_number`)) > logLength, 15_000, () => other.output());
      t.diagnostic(`the lease expired ${expiredAt - frozenAt} ms after the freeze; the other worker wrote ${Date.now() - expiredAt} ms later`);
      // Frozen past its trial's heartbeat too: the other worker fails that trial as stale and retries it.
      if (frozenTrial !== null) await until(`trial ${frozenTrial} failed as stale`, () => staleMessage(other, frozenTrial), 8 * LEASE + 10_000, () => other.output());
    } finally {
      process.kill(frozen.pid, 'SIGCONT');
      resumedAt = Date.now();
    }
    t.diagnostic(`frozen for ${resumedAt - frozenAt} ms`);

    const exits = await Promise.all(runs.map((w) => exitOf(w, 90_000)));
    const frozenExit = exits[runs.indexOf(frozen)]?.code;
    const frozenEnd = frozen.events.find((e) => e.type === 'study-finished');
    t.diagnostic(`the frozen worker after SIGCONT (exit ${frozenExit}${frozenEnd?.type === 'study-finished' && frozenEnd.error ? `: ${frozenEnd.error}` : ''}):\n${frozen.logs().join('\n')}`);
    assert.equal(exits[runs.indexOf(other)]?.code, 0, other.output());
    // Back from the freeze it goes on, its trial's end refused (another run failed it meanwhile); or, had
    // it been about to append, that append is refused by the lease check and it stops, saying why.
    if (frozenExit === 0) {
      if (frozenTrial !== null) assert.ok(frozen.logs().some((m) => m.startsWith(`trial ${frozenTrial} was failed by another run while this host ran it`)), frozen.output());
    } else {
      assert.equal(frozenExit, 3, frozen.output());
      assert.match(frozen.output(), LEASE_LOST);
    }
    await checkStudy(t, redis, prefix, BUDGET);
    t.diagnostic(`took ${Date.now() - started} ms`);
  });

  it('a connection dropped after Redis made an append or gave the lease, before its answer came: sent again, nothing lands twice and nothing waits', async () => {
    const redis = await server();
    const proxy = await answerDropper(redis.port);
    cleanups.push(() => proxy.close());
    const storage = await openJournalStorage(`redis://127.0.0.1:${proxy.port}/0?prefix=resend`);
    let waitedMs = 0;
    try {
      const study = await storage.createStudy(STUDY, ['minimize']);
      proxy.dropNextAnswerTo((request) => request.includes('"op_code":4'));
      await storage.createTrial(study.id, { params: {}, distributions: {} });
      proxy.dropNextAnswerTo((request) => request.includes("'NX'"));
      const started = Date.now();
      await storage.createTrial(study.id, { params: {}, distributions: {} });
      waitedMs = Date.now() - started;
      assert.equal(proxy.dropped, 2, 'both answers were lost');
      assert.deepEqual(storage.getTrials(study.id).map((trial) => trial.number), [0, 1]);
    } finally {
      await storage.close();
    }
    assert.deepEqual((await rawLog(redis.port, 'resend')).map((op) => op.op_code), [0, 4, 4], 'the study and two trials, each once');
    // The lease it was given, asked for again, is its own: no wait for it to expire (15 s).
    assert.ok(waitedMs < 5000, `took the lease again after ${waitedMs} ms`);
  });
});
