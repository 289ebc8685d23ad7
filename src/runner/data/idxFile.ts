/**
 * The IDX format MNIST and Fashion-MNIST ship in: two zero bytes, a type byte, the number of
 * dimensions, each dimension as a big-endian uint32, then the values row-major. Only unsigned bytes
 * (type 0x08) are read, which is what MNIST-style images and labels use. A file may be gzipped (as
 * the downloads are); its content decides, and a `.gz` name that is not gzip is refused. Every problem
 * is a DataError naming the file, so the config checks and the trainer say the same thing.
 */
import { constants, gunzipSync } from 'node:zlib';
import { DataError } from './dataError';

export type IdxRole = 'images' | 'labels';

export const IDX_UNSIGNED_BYTE = 0x08;
const GZIP_MAGIC = [0x1f, 0x8b] as const;
/** What the type byte says, for a message about a type the reader does not take. */
const TYPE_NAMES: Readonly<Record<number, string>> = { 0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };

export interface IdxHeader {
  /** [count, …item dimensions], e.g. [60000, 28, 28] for images, [60000] for labels. */
  readonly dims: readonly number[];
  /** Bytes before the first value: 4 + 4 per dimension. */
  readonly headerBytes: number;
  /** Values (bytes) per item: the product of the dimensions after the first. */
  readonly itemBytes: number;
}

export interface IdxArray {
  /** [items read, …item dimensions]: the first dimension is cut to the limit. */
  readonly dims: readonly number[];
  /** Items the whole file holds, before the limit. */
  readonly total: number;
  readonly values: Uint8Array;
}

/** Whether the name promises gzip. */
export function namedGzip(file: string): boolean {
  return /\.gz$/i.test(file);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * The IDX bytes of a file's content: gunzipped when it is gzip. With `partial`, a cut-off gzip stream
 * gives what it holds so far (for reading just the header); otherwise it must be whole.
 */
export function idxBytes(raw: Uint8Array, file: string, partial = false): Uint8Array {
  if (!isGzip(raw)) {
    if (namedGzip(file)) throw new DataError(file, null, `is named .gz but is not gzip (it starts with bytes ${hex(raw.subarray(0, 4))}, where gzip starts 1f 8b); ${raw[0] === 0 && raw[1] === 0 ? 'it looks like a plain IDX file: drop the .gz from its name' : 'is it the right file?'}`);
    return raw;
  }
  try {
    return gunzipSync(raw, partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {});
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(file, null, `is not a whole gzip file (${reason}): the download may have been cut short; fetch it again`);
  }
}

/** The header of an IDX file for `role`, checked: unsigned bytes, 3 or 4 dimensions for images, 1 for labels. */
export function parseIdxHeader(bytes: Uint8Array, file: string, role: IdxRole): IdxHeader {
  const expected = role === 'images' ? '00 00 08 03' : '00 00 08 01';
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const start = bytes.length === 0 ? 'it is empty' : `it starts with bytes ${hex(bytes.subarray(0, 4))}`;
    throw new DataError(file, null, `is not an IDX file: ${start}, where IDX ${role} start with the magic number ${expected}`);
  }
  const type = bytes[2] as number;
  if (type !== IDX_UNSIGNED_BYTE) {
    const name = TYPE_NAMES[type] ?? 'unknown';
    throw new DataError(file, null, `holds IDX type 0x${type.toString(16).padStart(2, '0')} (${name}); only unsigned bytes (0x08), as MNIST-style files hold, are read (magic number ${expected})`);
  }
  const rank = bytes[3] as number;
  const ranks = role === 'images' ? [3, 4] : [1];
  if (!ranks.includes(rank)) {
    const want = role === 'images' ? '3 (count, rows, columns) or 4 (with channels last)' : '1 (count)';
    const other = role === 'images' ? 'labels' : 'images';
    throw new DataError(file, null, `has ${rank} dimension${rank === 1 ? '' : 's'} where ${role} need ${want}; is it the ${other} file?`);
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new DataError(file, null, `is cut short inside its header (${bytes.length} of ${headerBytes} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  if (dims.some((size) => size === 0)) throw new DataError(file, null, `has a dimension of size 0 (${dims.join(' × ')}): it holds no ${role}`);
  return { dims, headerBytes, itemBytes: dims.slice(1).reduce((a, b) => a * b, 1) };
}

/** `valueBytes` (what follows the header) must be exactly what the header promises. */
export function checkIdxLength(header: IdxHeader, valueBytes: number, file: string, role: IdxRole): void {
  const count = header.dims[0] as number;
  const promised = count * header.itemBytes;
  if (valueBytes === promised) return;
  const items = `${count} ${role}${header.dims.length > 1 ? ` of ${header.dims.slice(1).join(' × ')} bytes` : ''}`;
  if (valueBytes < promised) {
    throw new DataError(file, null, `is cut short: its header promises ${items} (${promised} bytes after the header), but only ${valueBytes} follow; fetch it again`);
  }
  throw new DataError(file, null, `has ${valueBytes - promised} bytes more than its header promises (${items}); is it the right file?`);
}

/** The values of a whole IDX file's bytes, the first `limit` items of them (all without one). */
export function decodeIdx(bytes: Uint8Array, file: string, role: IdxRole, limit?: number): IdxArray {
  const header = parseIdxHeader(bytes, file, role);
  checkIdxLength(header, bytes.length - header.headerBytes, file, role);
  const count = Math.min(header.dims[0] as number, limit ?? Infinity);
  const values = bytes.subarray(header.headerBytes, header.headerBytes + count * header.itemBytes);
  return { dims: [count, ...header.dims.slice(1)], total: header.dims[0] as number, values };
}

/** Bytes as `00 00 08 03`, for messages. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
