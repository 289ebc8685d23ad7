/** A study process for the multi-process grid test: asks until the shared grid is exhausted. */
import { createStudy, SearchExhaustedError } from '../../../src/core';
import { GRID_SPACE } from '../../fixtures/spaces';

async function main(): Promise<void> {
  const [storage, seed] = process.argv.slice(2);
  const study = await createStudy({ name: 'shared-grid', space: GRID_SPACE, sampler: 'grid', seed: Number(seed), storage });
  let asked = 0;
  for (;;) {
    try {
      const trial = await study.ask();
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 2)); // let the other processes interleave
      await study.tell(trial, Number(trial.params.x) + Number(trial.params.n));
    } catch (error) {
      if (error instanceof SearchExhaustedError) break;
      throw error;
    }
  }
  await study.close();
  process.stdout.write(`${asked}\n`);
}

void main();
