// Multi-objective benchmark problems, defined once for both sides of bench/multiobjective.mjs: Tuneboard
// evaluates them here, and bench/optuna_multiobjective.py asks `node bench/moProblems.mjs --serve` (one
// JSON line per trial), so Optuna optimises the very same functions. Every objective is minimised.
// Each problem's hypervolume reference point is its objectives' upper bound over the box, plus 10%.
// The low-dimensional ones (ZDT1 and DTLZ2 with few variables, C2-DTLZ2, TNK, BNH) are where gp is meant to lead.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const unitBox = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, { float: [0, 1] }]));
const vector = (params, n) => Array.from({ length: n }, (_, i) => params[`x${i}`]);

/** ZDT's g: 1 + 9·mean(x1…x_{n−1}); the front is g = 1. */
function zdtG(x) {
  return 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (x.length - 1);
}

/** ZDT1-3 over n variables (30 in the original suite). */
function zdt(kind, n = 30) {
  return (params) => {
    const x = vector(params, n);
    const f1 = x[0];
    const g = zdtG(x);
    const r = f1 / g;
    const h = kind === 1 ? 1 - Math.sqrt(r) : kind === 2 ? 1 - r * r : 1 - Math.sqrt(r) - r * Math.sin(10 * Math.PI * f1);
    return { values: [f1, g * h] };
  };
}

/** DTLZ2 with M objectives over M + k − 1 variables (k = 10): the front is the unit sphere's positive orthant. */
function dtlz2Values(x, m) {
  const g = x.slice(m - 1).reduce((sum, xi) => sum + (xi - 0.5) ** 2, 0);
  return Array.from({ length: m }, (_, i) => {
    let f = 1 + g;
    for (let j = 0; j < m - 1 - i; j++) f *= Math.cos((x[j] * Math.PI) / 2);
    if (i > 0) f *= Math.sin((x[m - 1 - i] * Math.PI) / 2);
    return f;
  });
}

/**
 * C2-DTLZ2 (Jain and Deb 2014), 3 objectives, r = 0.4: feasible only near the front's corners and
 * centre. Its constraint value (≤ 0 feasible) is the smaller of the corner and centre distances' margins.
 * With k = 3 (5 variables, g ≤ 0.75): with the usual k = 10 a feasible point is so rare in 300 trials
 * that the hypervolume measures luck, not search.
 */
function c2dtlz2(params) {
  const m = 3;
  const r = 0.4;
  const f = dtlz2Values(vector(params, m + 2), m);
  const sq = f.reduce((sum, v) => sum + v * v, 0);
  const corner = Math.min(...f.map((fi) => (fi - 1) ** 2 + sq - fi * fi - r * r));
  const centre = f.reduce((sum, fi) => sum + (fi - 1 / Math.sqrt(m)) ** 2, 0) - r * r;
  return { values: f, constraints: [Math.min(corner, centre)] };
}

/**
 * TNK (Tanaka 1995): two variables in [0, π], the objectives are the variables themselves, and the
 * feasible set is a wavy band outside the unit circle and inside a disc round (½, ½): the front is
 * disconnected pieces of the wavy boundary, so the search is mostly a search for the constraints.
 */
function tnk(params) {
  const [x1, x2] = [params.x0, params.x1];
  const wave = -(x1 * x1) - x2 * x2 + 1 + 0.1 * Math.cos(16 * Math.atan2(x1, x2));
  const disc = (x1 - 0.5) ** 2 + (x2 - 0.5) ** 2 - 0.5;
  return { values: [x1, x2], constraints: [wave, disc] };
}

/**
 * BNH (Binh and Korn 1997): x₁ ∈ [0, 5], x₂ ∈ [0, 3], two quadratic objectives and two constraints
 * (inside a circle, outside another) that cut off a corner of the box.
 */
function bnh(params) {
  const [x1, x2] = [params.x0, params.x1];
  const values = [4 * x1 * x1 + 4 * x2 * x2, (x1 - 5) ** 2 + (x2 - 5) ** 2];
  return { values, constraints: [(x1 - 5) ** 2 + x2 * x2 - 25, 7.7 - (x1 - 8) ** 2 - (x2 + 3) ** 2] };
}

/** `lowDimensional` (at most 5 variables) marks where gp is expected to lead every Optuna sampler at 100 trials. */
export const MO_PROBLEMS = [
  { name: 'zdt1', label: 'ZDT1 (30-d)', space: unitBox(30), objectives: 2, reference: [1.1, 11], evaluate: zdt(1) },
  { name: 'zdt2', label: 'ZDT2 (30-d)', space: unitBox(30), objectives: 2, reference: [1.1, 11], evaluate: zdt(2) },
  { name: 'zdt3', label: 'ZDT3 (30-d)', space: unitBox(30), objectives: 2, reference: [1.1, 11], evaluate: zdt(3) },
  { name: 'dtlz2', label: 'DTLZ2 (3 obj, 12-d)', space: unitBox(12), objectives: 3, reference: [3.85, 3.85, 3.85], evaluate: (p) => ({ values: dtlz2Values(vector(p, 12), 3) }) },
  { name: 'c2dtlz2', label: 'C2-DTLZ2 (3 obj, 5-d, constrained)', space: unitBox(5), objectives: 3, reference: [1.925, 1.925, 1.925], constrained: true, lowDimensional: true, evaluate: c2dtlz2 },
  { name: 'zdt1-4d', label: 'ZDT1 (4-d)', space: unitBox(4), objectives: 2, reference: [1.1, 11], lowDimensional: true, evaluate: zdt(1, 4) },
  { name: 'dtlz2-5d', label: 'DTLZ2 (3 obj, 5-d)', space: unitBox(5), objectives: 3, reference: [1.925, 1.925, 1.925], lowDimensional: true, evaluate: (p) => ({ values: dtlz2Values(vector(p, 5), 3) }) },
  { name: 'tnk', label: 'TNK (2-d, constrained)', space: { x0: { float: [1e-6, Math.PI] }, x1: { float: [1e-6, Math.PI] } }, objectives: 2, reference: [1.1 * Math.PI, 1.1 * Math.PI], constrained: true, lowDimensional: true, evaluate: tnk },
  { name: 'bnh', label: 'BNH (2-d, constrained)', space: { x0: { float: [0, 5] }, x1: { float: [0, 3] } }, objectives: 2, reference: [149.6, 55], constrained: true, lowDimensional: true, evaluate: bnh },
];

/** The problems named in `names` (all when empty), in table order; throws on an unknown name. */
export function selectMoProblems(names) {
  if (!names || names.length === 0) return MO_PROBLEMS;
  return names.map((name) => MO_PROBLEMS.find((p) => p.name === name) ?? fail(`unknown problem '${name}' (known: ${MO_PROBLEMS.map((p) => p.name).join(', ')})`));
}

function fail(message) {
  throw new Error(message);
}

function serve() {
  const byName = new Map(MO_PROBLEMS.map((p) => [p.name, p]));
  process.stdout.write(`${JSON.stringify(MO_PROBLEMS.map(({ name, space, objectives, constrained }) => ({ name, space, objectives, constrained: Boolean(constrained) })))}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const { problem, params } = JSON.parse(line);
    process.stdout.write(`${JSON.stringify(byName.get(problem).evaluate(params))}\n`);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--serve')) serve();
