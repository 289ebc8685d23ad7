/**
 * A minimal WebAssembly binary writer for our few SIMD kernels: one module that imports the tfjs wasm
 * backend's own memory (so it reads and writes tensors in place) and exports functions whose bodies
 * are written as opcode lists. Only what those kernels use: i32, f32 and v128 locals, loops, loads, stores
 * and a handful of f32x4 and bitwise operations. Written by hand rather than shipped as a .wasm file
 * so the kernels need no toolchain and no build step.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Opcodes (the WebAssembly core and fixed-width SIMD specifications). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  get: (local: number): number[] => [0x20, ...uleb(local)],
  set: (local: number): number[] => [0x21, ...uleb(local)],
  tee: (local: number): number[] => [0x22, ...uleb(local)],
  i32: (value: number): number[] => [0x41, ...sleb(value)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Ne: [0x47],
  i32LtU: [0x49],
  f32: (value: number): number[] => [0x43, ...new Uint8Array(Float32Array.of(value).buffer)],
  /** v128.load / v128.store with 4-byte alignment (tensors are float arrays) and no offset. */
  load: simd(0x00, 2, 0),
  store: simd(0x0b, 2, 0),
  /** v128.load32_splat: one float from memory in all four lanes, at a constant byte offset. */
  load32Splat: (offset: number): number[] => simd(0x09, 2, offset),
  f32x4Splat: simd(0x13),
  f32x4Mul: simd(0xe6),
  f32x4Gt: simd(0x44),
  f32x4Add: simd(0xe4),
  f32x4Div: simd(0xe7),
  f32x4Sqrt: simd(0xe3),
  v128And: simd(0x4e),
  v128AndNot: simd(0x4f),
  v128Or: simd(0x50),
  v128Bitselect: simd(0x52),
} as const;

export interface FunctionSpec {
  readonly name: string;
  readonly params: readonly number[];
  /** Further locals by type, after the parameters. */
  readonly locals: readonly number[];
  readonly body: readonly (number | readonly number[])[];
}

/**
 * A module importing `env.memory` and exporting each function by name. A shared memory (the threaded
 * build's) must be imported as shared, with a maximum at least its own: 65536 pages, all of wasm32.
 */
export function moduleBytes(functions: readonly FunctionSpec[], sharedMemory = false): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((p) => [p])), 0x00]);
  const limits = sharedMemory ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const imports = [[...name('env'), ...name('memory'), 0x02, ...limits]];
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  const codes = functions.map((f) => {
    // Runs of equal types, as the format groups locals.
    const groups: number[][] = [];
    for (const type of f.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === type) last[0] = (last[0] as number) + 1;
      else groups.push([1, type]);
    }
    const body = [...vector(groups.map(([count, type]) => [...uleb(count as number), type as number])), ...f.body.flat(), ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(exports)),
    ...section(10, vector(codes)),
  ]);
}

function simd(code: number, align?: number, offset?: number): number[] {
  return [0xfd, ...uleb(code), ...(align === undefined ? [] : [...uleb(align), ...uleb(offset ?? 0)])];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vector(items: readonly (readonly number[])[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
