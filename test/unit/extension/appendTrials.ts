/**
 * Run as `node --import tsx appendTrials.ts <journal> <study> <count>`: appends complete trials to a
 * Branin-space study from another process, as a terminal `tuneboard run` would, and prints the
 * wall-clock time (ms) right after each trial is on disk.
 */
import { createStudy } from '../../../src/core';

const [journal, name, count = '1'] = process.argv.slice(2);
if (!journal || !name) throw new Error('usage: appendTrials.ts <journal> <study> [count]');

async function main(journalPath: string, studyName: string): Promise<void> {
  const space = { x1: { float: [-5, 10] }, x2: { float: [0, 15] } };
  const study = await createStudy({ name: studyName, storage: journalPath, space, sampler: 'random', seed: 3 });
  for (let i = 0; i < Number(count); i++) {
    const trial = await study.ask();
    await study.tell(trial, Number(trial.params.x1) ** 2 + Number(trial.params.x2));
    process.stdout.write(`${Date.now()}\n`);
  }
  await study.close();
}

void main(journal, name);
