/**
 * The checks of `data: { images, labels }` that need the files: each exists, is IDX (gzipped or
 * not) of the right kind and as long as its header says, and the two hold as many items. Cheap enough
 * for the editor's diagnostics: a plain file's header and size, a gzipped one's header (decompressed
 * from its first bytes) and the uncompressed size its trailer records; only a file whose size does not
 * add up is decompressed whole, to say exactly what is wrong. The rules are the reader's own
 * (src/runner/data/idxFile.ts), so `tuneboard validate` and `run` agree.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IdxDataConfig, KeyPath, Problem } from '../core';
import { DataError } from '../runner/data/dataError';
import { checkIdxLength, idxBytes, isGzip, type IdxHeader, type IdxRole, parseIdxHeader } from '../runner/data/idxFile';

/** Compressed bytes read for a gzipped file's header: far more than a deflate block needs to yield 24 bytes. */
const GZIP_HEAD_BYTES = 1 << 14;
const PLAIN_HEAD_BYTES = 4 + 4 * 4;

type Report = (severity: Problem['severity'], path: KeyPath, message: string) => void;

/** Problems with the IDX files of `data` (paths relative to `folder`), reported at their keys under trial.data. */
export function checkIdxFiles(data: IdxDataConfig, folder: string, report: Report): void {
  const at = ['trial', 'data'];
  const headers: Partial<Record<IdxRole, IdxHeader>> = {};
  for (const role of ['images', 'labels'] as const) {
    try {
      headers[role] = checkIdxFile(resolve(folder, data[role]), data[role], role);
    } catch (error) {
      report('error', [...at, role], error instanceof DataError ? error.message : `cannot read ${data[role]} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const imageCount = headers.images?.dims[0];
  const labelCount = headers.labels?.dims[0];
  if (imageCount !== undefined && labelCount !== undefined && imageCount !== labelCount) {
    report('error', [...at, 'labels'], `${data.labels} holds ${labelCount} labels, but ${data.images} holds ${imageCount} images; give the labels that come with these images (train-labels with train-images, t10k with t10k)`);
  }
  const count = Math.min(imageCount ?? Infinity, labelCount ?? Infinity);
  if (data.limit !== undefined && data.limit > count) {
    report('warning', [...at, 'limit'], `limit ${data.limit} is more than the ${count} images the files hold: all of them are used`);
  }
}

/** The checked header of one file; throws a DataError naming `written` (as the config writes it). */
function checkIdxFile(file: string, written: string, role: IdxRole): IdxHeader {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(written, null, `the ${role} file does not exist (looked for ${file}: paths are relative to the config's folder)`);
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new DataError(written, null, `is a folder, not an IDX ${role} file`);
    const head = readAt(fd, 0, GZIP_HEAD_BYTES);
    if (!isGzip(head)) {
      const header = parseIdxHeader(idxBytes(head.subarray(0, PLAIN_HEAD_BYTES), written), written, role);
      checkIdxLength(header, stat.size - header.headerBytes, written, role);
      return header;
    }
    const header = parseIdxHeader(idxBytes(head, written, true), written, role);
    // The trailer's ISIZE is the uncompressed length mod 2^32: a match is a whole file of the right size.
    const promised = header.headerBytes + (header.dims[0] as number) * header.itemBytes;
    const trailer = stat.size >= 18 ? readAt(fd, stat.size - 4, 4) : new Uint8Array(0);
    if (trailer.length === 4 && new DataView(trailer.buffer, trailer.byteOffset).getUint32(0, true) === promised % 2 ** 32) return header;
    const whole = idxBytes(readFileSync(file), written);
    checkIdxLength(header, whole.length - header.headerBytes, written, role);
    return header;
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Uint8Array {
  const buffer = Buffer.alloc(length);
  const bytes = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, bytes);
}
