/** The Study a config declares: its name, directions, space and sampler (callers add a pruner). */
import type { StudyConfig } from './config';
import type { StudyOptions } from './study';

export function studyOptionsOf(config: StudyConfig): StudyOptions {
  return {
    name: config.name,
    directions: config.objectives.map((objective) => objective.direction),
    searchSpace: config.space,
    sampler: config.sampler,
    gridPoints: config.gridPoints,
    conditions: config.conditions,
    seed: config.seed,
  };
}
