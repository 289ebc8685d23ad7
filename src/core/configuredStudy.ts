/** The Study a config declares: its name, direction, space and sampler (callers add a pruner). */
import type { StudyConfig } from './config';
import type { StudyOptions } from './study';

export function studyOptionsOf(config: StudyConfig): StudyOptions {
  return {
    name: config.name,
    directions: [config.objective.direction],
    searchSpace: config.space,
    sampler: config.sampler,
    gridPoints: config.gridPoints,
    seed: config.seed,
  };
}
