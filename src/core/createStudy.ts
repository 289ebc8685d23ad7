/** The public entry point: `createStudy({ name, space, direction | directions, sampler, pruner, seed, storage })`. */
import { ConfigError } from './problems';
import { parsePrunerSpec, type Pruner, type PrunerSpec, type PrunerType } from './pruners';
import { parseSamplerSpec, type SamplerSpec, type SamplerType } from './samplers';
import { defineSearchSpace } from './space';
import { isStorageUrl, openStorage } from './storage';
import type { Storage } from './storage/storage';
import { Study } from './study';
import type { Direction } from './trial';

export interface CreateStudyOptions {
  readonly name: string;
  /** Same shape as a config's `space:` section, e.g. `{ lr: { float: [1e-4, 1e-1], log: true }, act: ['relu', 'tanh'] }`. */
  readonly space: Readonly<Record<string, unknown>>;
  /** One objective's direction (default minimize); or `directions`, one per objective, as Optuna's `create_study`. */
  readonly direction?: Direction;
  readonly directions?: readonly Direction[];
  /** A sampler name or an options object such as `{ type: 'tpe', multivariate: true }`; default `tpe` (`nsga2` with several objectives). */
  readonly sampler?: SamplerType | SamplerSpec;
  /** A pruner name, an options object such as `{ type: 'asha', reduction_factor: 3 }`, or a Pruner; default `none`. */
  readonly pruner?: PrunerType | PrunerSpec | Pruner;
  readonly seed?: number;
  /**
   * A journal file path, or a storage already open (a Redis journal: `await openJournalStorage('redis://…')`
   * from Tuneboard's Node side); the study lives in memory when absent. An existing study is resumed.
   */
  readonly storage?: string | Storage;
}

export async function createStudy(options: CreateStudyOptions): Promise<Study> {
  if (typeof options !== 'object' || options === null) throw new TypeError('createStudy needs an options object');
  if (typeof options.name !== 'string' || options.name.trim() === '') throw new TypeError('createStudy: name must be a non-empty string');
  const directions = readDirections(options);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new TypeError(`createStudy: seed must be an integer, got ${options.seed}`);
  const { space, gridPoints, conditions } = defineSearchSpace(options.space);
  // Optuna's defaults: TPE for one objective, NSGA-II for several.
  const { spec, problems } = parseSamplerSpec(options.sampler ?? (directions.length > 1 ? 'nsga2' : 'tpe'), ['sampler']);
  if (!spec) throw new ConfigError(problems);
  const pruner = resolvePrunerOption(options.pruner);
  if (typeof options.storage === 'string' && isStorageUrl(options.storage)) {
    throw new TypeError(`createStudy: storage '${options.storage}' is a URL; open it first with openJournalStorage(url) and pass the storage`);
  }
  const storage = typeof options.storage === 'object' && options.storage !== null ? options.storage : await openStorage(options.storage);
  try {
    return await Study.open(storage, { name: options.name, directions, searchSpace: space, gridPoints, conditions, sampler: spec, pruner, seed: options.seed });
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** `direction` or `directions` (not both, as Optuna), each 'minimize' or 'maximize'. */
function readDirections(options: CreateStudyOptions): readonly Direction[] {
  if (options.direction !== undefined && options.directions !== undefined) throw new TypeError('createStudy: give direction or directions, not both');
  const directions = options.directions ?? [options.direction ?? 'minimize'];
  const name = options.directions !== undefined ? 'directions' : 'direction';
  if (!Array.isArray(directions) || directions.length === 0) throw new TypeError(`createStudy: directions must be a non-empty list such as ['maximize', 'minimize'], got ${JSON.stringify(directions)}`);
  for (const direction of directions) {
    if (direction !== 'minimize' && direction !== 'maximize') throw new TypeError(`createStudy: ${name} must be 'minimize' or 'maximize', got ${JSON.stringify(direction)}`);
  }
  return directions;
}

function resolvePrunerOption(pruner: CreateStudyOptions['pruner']): Pruner | PrunerSpec {
  if (typeof pruner === 'object' && pruner !== null && 'prune' in pruner) return pruner;
  const { spec, problems } = parsePrunerSpec(pruner ?? 'none', ['pruner']);
  if (!spec) throw new ConfigError(problems);
  return spec;
}
