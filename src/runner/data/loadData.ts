/**
 * What a worker prepares once from the config's `data:`: a table (CSV, JSON Lines) with a target
 * column, or IDX images with their labels. Paths are absolute by now (createExecutor resolves them).
 */
import { isIdxData, type DataConfig } from '../../core';
import { loadIdxData } from './idxData';
import { prepareData } from './prepareData';
import { readTable } from './readTable';
import type { PreparedData } from './types';

export async function loadData(data: DataConfig, seed: number): Promise<PreparedData> {
  if (isIdxData(data)) return loadIdxData({ ...data, seed });
  const table = await readTable(data.path, data.format);
  return prepareData(table, { target: data.target, validation: data.validation, seed });
}

/** The config's data with every file resolved by `resolve` (against the config's folder). */
export function resolveDataPaths(data: DataConfig, resolve: (written: string) => string): DataConfig {
  if (isIdxData(data)) return { ...data, images: resolve(data.images), labels: resolve(data.labels) };
  return { ...data, path: resolve(data.path) };
}
