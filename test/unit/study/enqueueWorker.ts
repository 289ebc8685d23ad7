/**
 * A study process for the multi-process enqueue test: asks until ask() hands out a newly sampled
 * trial (every enqueued one is taken by then), and prints the numbers of the enqueued trials it took.
 */
import { createStudy } from '../../../src/core';
import { ENQUEUE_SPACE } from './enqueueSpace';

async function main(): Promise<void> {
  const [storage, seed, enqueued] = process.argv.slice(2);
  const study = await createStudy({ name: 'queue', space: ENQUEUE_SPACE, sampler: 'random', seed: Number(seed), storage });
  const taken: number[] = [];
  for (;;) {
    const trial = await study.ask();
    await new Promise((resolve) => setTimeout(resolve, 2)); // let the other processes interleave
    await study.tell(trial, Number(trial.params.x));
    if (trial.number >= Number(enqueued)) break;
    taken.push(trial.number);
  }
  await study.close();
  process.stdout.write(`${JSON.stringify(taken)}\n`);
}

void main();
