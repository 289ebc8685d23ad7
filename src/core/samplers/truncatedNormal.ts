/**
 * The standard normal distribution in log space, accurate far into the tails, and the truncated
 * normal the Parzen estimator is built from. Optuna 3.1 computes the same quantities in
 * `optuna/samplers/_tpe/_truncnorm.py`; here the tails come from the log of erfc directly, so
 * log Φ(x) stays finite (≈ −x²/2) where Φ(x) itself underflows to 0.
 */
import type { Rng } from '../rng';

const LOG_HALF = Math.log(0.5);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Rejection sampling pays off above this interval mass (≤ 4 normals per draw on average). */
const LOG_REJECTION_MASS = Math.log(0.25);

// Rational approximations from fdlibm's s_erf.c, Horner form unrolled (this is the sampler's hot loop).
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro, a Sun
// Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is
// freely granted, provided that this notice is preserved.
const ERX = 8.45062911510467529297e-1;

/** erf(x)/x − 1 on |x| < 0.84375, with z = x². */
function erfSmallRatio(z: number): number {
  const r = 1.28379167095512558561e-1 + z * (-3.25042107247001499370e-1 + z * (-2.84817495755985104766e-2 + z * (-5.77027029648944159157e-3 + z * -2.37630166566501626084e-5)));
  const s = 1 + z * (3.97917223959155352819e-1 + z * (6.50222499887672944485e-2 + z * (5.08130628187576562776e-3 + z * (1.32494738004321644526e-4 + z * -3.96022827877536812320e-6))));
  return r / s;
}

/** erf(1 + s) − erx on 0.84375 ≤ |x| < 1.25, with s = |x| − 1. */
function erfNearOne(s: number): number {
  const p = -2.36211856075265944077e-3 + s * (4.14856118683748331666e-1 + s * (-3.72207876035701323847e-1 + s * (3.18346619901161753674e-1 + s * (-1.10894694282396677476e-1 + s * (3.54783043256182359371e-2 + s * -2.16637559486879084300e-3)))));
  const q = 1 + s * (1.06420880400844228286e-1 + s * (5.40397917702171048937e-1 + s * (7.18286544141962662868e-2 + s * (1.26171219808761642112e-1 + s * (1.36370839120290507362e-2 + s * 1.19844998467991074170e-2)))));
  return p / q;
}

/** log(x·erfc(x)) for x ≥ 1.25: erfc(x) = exp(−z² − 0.5625 + (z−x)(z+x) + R/S) / x. */
function logScaledErfcTail(x: number): number {
  const s = 1 / (x * x);
  let ratio: number;
  if (x < 1 / 0.35) {
    const r = -9.86494403484714822705e-3 + s * (-6.93858572707181764372e-1 + s * (-1.05586262253232909814e1 + s * (-6.23753324503260060396e1 + s * (-1.62396669462573470355e2 + s * (-1.84605092906711035994e2 + s * (-8.12874355063065934246e1 + s * -9.81432934416914548592))))));
    const q = 1 + s * (1.96512716674392571292e1 + s * (1.37657754143519042600e2 + s * (4.34565877475229228821e2 + s * (6.45387271733267880336e2 + s * (4.29008140027567833386e2 + s * (1.08635005541779435134e2 + s * (6.57024977031928170135 + s * -6.04244152148580987438e-2)))))));
    ratio = r / q;
  } else {
    // Also the right asymptote beyond fdlibm's cut-off at 28: R/S → log(1/√π) + 0.5625.
    const r = -9.86494292470009928597e-3 + s * (-7.99283237680523006574e-1 + s * (-1.77579549177547519889e1 + s * (-1.60636384855821916062e2 + s * (-6.37566443368389627722e2 + s * (-1.02509513161107724954e3 + s * -4.83519191608651397019e2)))));
    const q = 1 + s * (3.03380607434824582924e1 + s * (3.25792512996573918826e2 + s * (1.53672958608443695994e3 + s * (3.19985821950859553908e3 + s * (2.55305040643316442583e3 + s * (4.74528541206955367215e2 + s * -2.24409524465858183362e1))))));
    ratio = r / q;
  }
  // z carries x's high bits only, so z² is exact and the split keeps full precision.
  const z = Math.fround(x);
  return -z * z - 0.5625 + (z - x) * (z + x) + ratio;
}

/** The complementary error function, accurate to about one ulp (fdlibm's algorithm). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    const y = x * erfSmallRatio(x * x);
    return x < 0.25 ? 1 - (x + y) : 0.5 - (x - 0.5 + y);
  }
  if (ax < 1.25) return x >= 0 ? 1 - ERX - erfNearOne(ax - 1) : 1 + ERX + erfNearOne(ax - 1);
  // Beyond 26.55 erfc is below the smallest normal double (fdlibm cuts at 28, through Math.exp's slow subnormal path).
  if (ax >= 26.55) return x > 0 ? 0 : 2;
  const tail = Math.exp(logScaledErfcTail(ax)) / ax;
  return x > 0 ? tail : 2 - tail;
}

/** log Φ(x), finite for every finite x (−x²/2 − log(−x√(2π)) far in the left tail). */
export function logNdtr(x: number): number {
  const t = x / Math.SQRT2;
  if (x > 0) return Math.log1p(-0.5 * erfc(t));
  if (x === -Infinity) return -Infinity;
  return LOG_HALF + (-t >= 1.25 ? logScaledErfcTail(-t) - Math.log(-t) : Math.log(erfc(-t)));
}

/** Φ(x). */
export function ndtr(x: number): number {
  const t = x / Math.SQRT2;
  return x < 0 ? 0.5 * erfc(-t) : 1 - 0.5 * erfc(t);
}

function logAddExp(p: number, q: number): number {
  const max = Math.max(p, q);
  if (max === -Infinity) return -Infinity;
  return max + Math.log1p(Math.exp(Math.min(p, q) - max));
}

/** log(Φ(b) − Φ(a)) for a ≤ b, computed on the side of the mean where it does not cancel (as Optuna). */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logTailMass(a, b);
  if (a > 0) return logTailMass(-b, -a);
  // Tails beyond 9σ (< 1.2e-19) cannot move log1p's result by half an ulp of the log-densities it
  // is added to, and skipping them saves two erfc calls for every narrow kernel.
  return Math.log1p(-(a < -9 ? 0 : ndtr(a)) - (b > 9 ? 0 : ndtr(-b)));
}

/** log(Φ(b) − Φ(a)) for a ≤ b ≤ 0. */
function logTailMass(a: number, b: number): number {
  // The plain difference keeps ~14 digits while Φ(a) < 0.99·Φ(b) and costs no logs; deeper in the
  // tail (where Φ would underflow, and exp is slow) or for thin intervals it goes through log space.
  if (b > -30) {
    const pb = ndtr(b);
    const pa = a > -38 ? ndtr(a) : 0;
    if (pa < 0.99 * pb) return Math.log(pb - pa);
  }
  const logB = logNdtr(b);
  const gap = logNdtr(a) - logB;
  // e^−40 is below the last digit of log Φ(b) (≤ log ½), so the correction would vanish anyway.
  return gap < -40 ? logB : logB + Math.log1p(-Math.exp(gap));
}

/** log φ(x) of the standard normal. */
export function normLogPdf(x: number): number {
  return -0.5 * x * x - LOG_SQRT_2PI;
}

/** The x with log Φ(x) = logP, by bisection (log Φ is increasing), as Optuna's `_ndtri_exp`. */
function ndtriExp(logP: number): number {
  let lo = -100;
  let hi = 100;
  for (let i = 0; i < 64; i++) {
    const mid = 0.5 * (lo + hi);
    if (logNdtr(mid) < logP) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * One draw from the standard normal truncated to [a, b]. Rejection from the plain normal when the
 * interval holds a fair share of the mass (always so for TPE's kernels, whose means lie inside the
 * range); otherwise by inverting the CDF with one uniform (Optuna's `truncnorm.ppf`), in log space on
 * the far side of the mean, so it stays accurate when [a, b] sits deep in a tail.
 */
export function sampleStandardTruncatedNormal(rng: Rng, a: number, b: number): number {
  const logMass = logGaussMass(a, b);
  if (logMass > LOG_REJECTION_MASS) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const x = rng.normal();
      if (x >= a && x <= b) return x;
    }
  }
  const u = rng.random();
  const x = a < 0 ? ndtriExp(logAddExp(logNdtr(a), Math.log(u) + logMass)) : -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-u) + logMass));
  return Math.min(b, Math.max(a, x));
}
