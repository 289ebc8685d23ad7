/** A two-objective study run with pareto_asha on real command trials (paretoTrial.mjs), for the runner and interop tests. */
import { join } from 'node:path';
import { parseConfig, type StudyConfig } from '../../../src/core/config';

const TRIAL_SCRIPT = join(__dirname, 'paretoTrial.mjs');

/**
 * Four trials one at a time (accuracy ↑, size ↓): #0 (0.9, 10), #1 (0.8, 5), #2 (0.7, 20), #3 (0.95, 30).
 * With min_resource 1 and η = 3 the rungs are at steps 1 and 3: #2 is the third trial at rung 0 and
 * both trials before it dominate it, so it stops at step 1; the others are on the front at every rung.
 */
export function paretoPrunedConfig(pruner = '{ type: pareto_asha, min_resource: 1, reduction_factor: 3 }'): StudyConfig {
  const text = `name: runner-test
objective:
  - { metric: accuracy, direction: maximize }
  - { metric: size, direction: minimize }
search:
  sampler: random
  trials: 4
  parallel: 1
  pruner: ${pruner}
space:
  ignored: { int: [0, 9] }
trial:
  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(TRIAL_SCRIPT)}]
`;
  const { config, problems } = parseConfig(text, 'pareto.tune.yaml');
  if (!config) throw new Error(problems.map((p) => p.message).join('\n'));
  return config;
}
