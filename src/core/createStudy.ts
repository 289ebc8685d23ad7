/** The public entry point: `createStudy({ name, space, direction, sampler, pruner, seed, storage })`. */
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
  readonly direction?: Direction;
  /** A sampler name or an options object such as `{ type: 'tpe', multivariate: true }`; default `tpe`. */
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
  const direction = options.direction ?? 'minimize';
  if (direction !== 'minimize' && direction !== 'maximize') {
    throw new TypeError(`createStudy: direction must be 'minimize' or 'maximize', got ${JSON.stringify(direction)}`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new TypeError(`createStudy: seed must be an integer, got ${options.seed}`);
  const { space, gridPoints } = defineSearchSpace(options.space);
  const { spec, problems } = parseSamplerSpec(options.sampler ?? 'tpe', ['sampler']);
  if (!spec) throw new ConfigError(problems);
  const pruner = resolvePrunerOption(options.pruner);
  if (typeof options.storage === 'string' && isStorageUrl(options.storage)) {
    throw new TypeError(`createStudy: storage '${options.storage}' is a URL; open it first with openJournalStorage(url) and pass the storage`);
  }
  const storage = typeof options.storage === 'object' && options.storage !== null ? options.storage : await openStorage(options.storage);
  try {
    return await Study.open(storage, { name: options.name, direction, searchSpace: space, gridPoints, sampler: spec, pruner, seed: options.seed });
  } catch (error) {
    await storage.close();
    throw error;
  }
}

function resolvePrunerOption(pruner: CreateStudyOptions['pruner']): Pruner | PrunerSpec {
  if (typeof pruner === 'object' && pruner !== null && 'prune' in pruner) return pruner;
  const { spec, problems } = parsePrunerSpec(pruner ?? 'none', ['pruner']);
  if (!spec) throw new ConfigError(problems);
  return spec;
}
