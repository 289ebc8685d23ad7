// A separate writer process for multiProcess.test.ts: `node --import tsx journalChild.ts <journal> <study> <trials>`.
import { floatDistribution } from '../../../src/core/distributions';
import { openStorage } from '../../../src/core/storage';

async function main(): Promise<void> {
  const [path = '', studyName = '', count = '0'] = process.argv.slice(2);
  const storage = await openStorage(path);
  const study = storage.findStudy(studyName);
  if (!study) throw new Error(`no study ${studyName} in ${path}`);
  for (let i = 0; i < Number(count); i++) {
    const trial = await storage.createTrial(study.id, { params: { x: i / 100 }, distributions: { x: floatDistribution(0, 1) }, userAttrs: { pid: process.pid } });
    await storage.setTrialIntermediateValue(trial.id, 0, i);
    await storage.finishTrial(trial.id, 'complete', [i]);
  }
  await storage.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
