// One Tuneboard process of bench/distributed.mjs, on the Redis journal. Its one argument is JSON:
//   { engine, url, study, space, sampler, mode: 'throughput', seed, trials, sleepMs }
//     opens the study, prints `ready`, waits for a `go` line on stdin, then runs `trials` ask/tell
//     rounds (the objective sleeps `sleepMs` first, if > 0) and prints {"start","end","trials",
//     "objectiveMs","cpuMs"} (epoch ms, so processes compare; cpuMs: the process's CPU time in the rounds).
//   { engine, url, study, space, sampler, mode: 'latency', seed, asks }
//     opens the study (the replay of the whole log, timed as openMs), then times `asks` ask() calls,
//     each followed by an untimed tell, and prints {"openMs","trialsBefore","asks":[ms, …]}.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const options = JSON.parse(process.argv[2]);
const { createStudy, openJournalStorage } = createRequire(import.meta.url)(options.engine);

const objective = (params) => params.x ** 2 + params.y ** 2;
const now = () => performance.timeOrigin + performance.now();

async function open() {
  const storage = await openJournalStorage(options.url);
  return createStudy({ name: options.study, space: options.space, direction: 'minimize', sampler: options.sampler, seed: options.seed, storage });
}

function waitForGo() {
  const lines = createInterface({ input: process.stdin });
  return new Promise((resolve) => lines.once('line', () => {
    lines.close();
    resolve();
  }));
}

async function throughput() {
  const study = await open();
  process.stdout.write('ready\n');
  await waitForGo();
  let objectiveMs = 0;
  const cpuBefore = process.cpuUsage();
  const start = now();
  for (let i = 0; i < options.trials; i++) {
    const trial = await study.ask();
    const before = performance.now();
    if (options.sleepMs > 0) await sleep(options.sleepMs);
    const value = objective(trial.params);
    objectiveMs += performance.now() - before;
    await study.tell(trial, value);
  }
  const end = now();
  const cpu = process.cpuUsage(cpuBefore);
  await study.close();
  return { start, end, trials: options.trials, objectiveMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function latency() {
  const started = performance.now();
  const study = await open();
  const openMs = performance.now() - started;
  const trialsBefore = study.trials.length;
  const asks = [];
  for (let i = 0; i < options.asks; i++) {
    const before = performance.now();
    const trial = await study.ask();
    asks.push(performance.now() - before);
    await study.tell(trial, objective(trial.params));
  }
  await study.close();
  return { openMs, trialsBefore, asks };
}

const result = options.mode === 'latency' ? await latency() : await throughput();
process.stdout.write(`${JSON.stringify(result)}\n`);
