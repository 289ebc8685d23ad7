/**
 * Images and their labels from a pair of IDX files, as training folds: pixels scaled to [0, 1] (the
 * format fixes the range, so no statistics are taken from any rows), labels as class indices, and a
 * seeded split stratified by class as for tables. The shape of one image, [rows, cols, channels],
 * travels with the data, so `model: cnn` needs no input_shape; an mlp takes the same values flat.
 */
import { readFile } from 'node:fs/promises';
import { Rng } from '../../core';
import { DataError } from './dataError';
import { decodeIdx, idxBytes, type IdxArray, type IdxRole } from './idxFile';
import { makeSplits, SplitError, type Split, type ValidationSpec } from './splits';
import type { PreparedData, PreparedFold } from './types';

export interface IdxLoadOptions {
  /** Absolute paths, or as the messages should name them. */
  readonly images: string;
  readonly labels: string;
  readonly validation?: ValidationSpec;
  /** Only the first `limit` images and labels. */
  readonly limit?: number;
  /** Same seed, same splits. */
  readonly seed: number;
}

/** Pixel byte → [0, 1], looked up rather than divided for each of millions of pixels. */
const PIXEL_SCALE = Float32Array.from({ length: 256 }, (_, byte) => byte / 255);

export async function loadIdxData(options: IdxLoadOptions): Promise<PreparedData> {
  const [images, labels] = await Promise.all([readIdxFile(options.images, 'images', options.limit), readIdxFile(options.labels, 'labels', options.limit)]);
  return prepareIdxData(images, labels, options);
}

/** One IDX file, gzipped or not, its first `limit` items; a DataError naming it when it cannot be read. */
export async function readIdxFile(file: string, role: IdxRole, limit?: number): Promise<IdxArray> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not an IDX file' : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    throw new DataError(file, null, `the ${role} file ${reason}`);
  }
  return decodeIdx(idxBytes(raw, file), file, role, limit);
}

export function prepareIdxData(images: IdxArray, labels: IdxArray, options: IdxLoadOptions): PreparedData {
  if (images.total !== labels.total) {
    throw new DataError(options.labels, null, `holds ${labels.total} labels, but the images file ${options.images} holds ${images.total} images; give the labels that come with these images (train-labels with train-images, t10k with t10k)`);
  }
  const count = images.dims[0] as number;
  const strata = Int32Array.from(labels.values);
  const present = classesPresent(strata);
  const classCount = (present[present.length - 1] ?? 0) + 1;
  if (present.length < 2) {
    const among = count < labels.total ? ` among the first ${count}` : '';
    throw new DataError(options.labels, null, `holds a single class (${present[0]})${among}; classification needs at least two`);
  }

  let splits: Split[];
  try {
    splits = makeSplits({ sampleCount: count, strata, stratumCount: classCount, validation: options.validation }, new Rng(options.seed));
  } catch (error) {
    if (error instanceof SplitError) throw new DataError(options.images, null, error.message);
    throw error;
  }
  const [rows = 1, cols = 1, channels = 1] = images.dims.slice(1);
  const pixels = rows * cols * channels;
  const folds = splits.map(
    (split): PreparedFold => ({
      xTrain: scaledImages(images.values, split.train, pixels),
      yTrain: Float32Array.from(split.train, (row) => strata[row] as number),
      xVal: scaledImages(images.values, split.validation, pixels),
      yVal: Float32Array.from(split.validation, (row) => strata[row] as number),
      trainCount: split.train.length,
      valCount: split.validation.length,
    }),
  );
  return {
    task: 'classification',
    featureNames: Array.from({ length: pixels }, (_, i) => `pixel${i}`),
    featureCount: pixels,
    classes: Array.from({ length: classCount }, (_, index) => String(index)),
    sampleCount: count,
    sampleShape: [rows, cols, channels],
    folds,
    warnings: missingClassWarnings(present, classCount, count < labels.total ? count : null),
  };
}

/** The distinct labels, ascending. */
function classesPresent(labels: Int32Array): number[] {
  const seen = new Uint8Array(256);
  for (const label of labels) seen[label] = 1;
  return [...seen.keys()].filter((label) => seen[label] === 1);
}

function scaledImages(values: Uint8Array, rows: Int32Array, pixels: number): Float32Array {
  const out = new Float32Array(rows.length * pixels);
  for (let k = 0; k < rows.length; k++) {
    const from = (rows[k] as number) * pixels;
    for (let p = 0; p < pixels; p++) out[k * pixels + p] = PIXEL_SCALE[values[from + p] as number] as number;
  }
  return out;
}

/** Labels are class indices, so a missing index is a class with an output but nothing to learn from. */
function missingClassWarnings(present: readonly number[], classCount: number, limit: number | null): string[] {
  if (present.length === classCount) return [];
  const missing = Array.from({ length: classCount }, (_, i) => i).filter((label) => !present.includes(label));
  const where = limit === null ? '' : ` among the first ${limit}`;
  return [`class${missing.length === 1 ? '' : 'es'} ${missing.join(', ')} of 0–${classCount - 1} ha${missing.length === 1 ? 's' : 've'} no images${where}; the model keeps an output for ${missing.length === 1 ? 'it' : 'each'}`];
}
