/**
 * The two bits of Python arithmetic Hyperband's brackets depend on, reproduced bit for bit:
 * `binascii.crc32` (which bracket a trial is in) and `math.log(x, base)` (how many brackets).
 */

let crcTable: Uint32Array | null = null;
const utf8 = new TextEncoder();

/** zlib's CRC-32 of the string's UTF-8 bytes, as Python's `binascii.crc32(s.encode())` computes it. */
export function crc32(text: string): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  let crc = 0xffffffff;
  for (const byte of utf8.encode(text)) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Python's `math.log(x, base)`: ln(x) / ln(base), each rounded to a double. CPython takes ln from
 * the C library, whose log (glibc ≥ 2.28) is correctly rounded in all but very rare cases, while
 * V8's Math.log is often one ulp off (ln 3, for one), which moves floor(log_3(243)) from Python's 4
 * to 5. So ln is computed here in double-double and rounded once.
 */
export function pythonLog(x: number, base: number): number {
  return roundedLn(x) / roundedLn(base);
}

/** A value hi + lo carrying about 106 bits. */
type DoubleDouble = readonly [number, number];

const LN2: DoubleDouble = [0.6931471805599453, 2.3190468138462996e-17];

/** ln(x) for finite x > 0, correctly rounded but for ties closer than ~2^-100 ulp. */
export function roundedLn(x: number): number {
  if (!(x > 0 && Number.isFinite(x))) return Math.log(x);
  // x = m · 2^e with m in [√½, √2), so the series below converges fast.
  let exponent = Math.floor(Math.log2(x));
  let m = x / 2 ** exponent;
  if (m < 1) [m, exponent] = [m * 2, exponent - 1];
  else if (m >= 2) [m, exponent] = [m / 2, exponent + 1];
  if (m > Math.SQRT2) [m, exponent] = [m / 2, exponent + 1];
  // ln m = 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + …), s = (m − 1) / (m + 1); m − 1 is exact.
  const s = divide([m - 1, 0], twoSum(m, 1));
  const s2 = multiply(s, s);
  let power = s;
  let series = s;
  for (let k = 3; k < 200; k += 2) {
    power = multiply(power, s2);
    const term = divide(power, [k, 0]);
    series = add(series, term);
    if (Math.abs(term[0]) < 1e-40) break;
  }
  const ln = add(multiply([2, 0], series), multiply([exponent, 0], LN2));
  return ln[0] + ln[1];
}

function twoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  const bPart = sum - a;
  return [sum, a - (sum - bPart) + (b - bPart)];
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  return [sum, b - (sum - a)];
}

/** Dekker's exact product (no fused multiply-add in JavaScript). */
function twoProduct(a: number, b: number): DoubleDouble {
  const product = a * b;
  const [aHi, aLo] = splitHalves(a);
  const [bHi, bLo] = splitHalves(b);
  return [product, aHi * bHi - product + aHi * bLo + aLo * bHi + aLo * bLo];
}

function splitHalves(a: number): DoubleDouble {
  const scaled = 134217729 * a; // 2^27 + 1
  const hi = scaled - (scaled - a);
  return [hi, a - hi];
}

function add(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const [sum, error] = twoSum(x[0], y[0]);
  return quickTwoSum(sum, error + x[1] + y[1]);
}

function multiply(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const [product, error] = twoProduct(x[0], y[0]);
  return quickTwoSum(product, error + x[0] * y[1] + x[1] * y[0]);
}

function divide(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const q1 = x[0] / y[0];
  const r1 = add(x, multiply([-q1, 0], y));
  const q2 = r1[0] / y[0];
  const r2 = add(r1, multiply([-q2, 0], y));
  return add(quickTwoSum(q1, q2), [r2[0] / y[0], 0]);
}
