// Multi-objective benchmark problems, defined once for both sides of bench/multiobjective.mjs: Tuneboard
// evaluates them here, and bench/optuna_multiobjective.py asks `node bench/moProblems.mjs --serve` (one
// JSON line per trial), so Optuna optimises the very same functions. Every objective is minimised.
// Each problem's hypervolume reference point is its objectives' upper bound over the box, plus 10%.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const unitBox = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, { float: [0, 1] }]));
const vector = (params, n) => Array.from({ length: n }, (_, i) => params[`x${i}`]);

/** ZDT's g: 1 + 9·mean(x1…x29); the front is g = 1. */
function zdtG(x) {
  return 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (x.length - 1);
}

function zdt(kind) {
  return (params) => {
    const x = vector(params, 30);
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

export const MO_PROBLEMS = [
  { name: 'zdt1', label: 'ZDT1 (30-d)', space: unitBox(30), objectives: 2, reference: [1.1, 11], evaluate: zdt(1) },
  { name: 'zdt2', label: 'ZDT2 (30-d)', space: unitBox(30), objectives: 2, reference: [1.1, 11], evaluate: zdt(2) },
  { name: 'zdt3', label: 'ZDT3 (30-d)', space: unitBox(30), objectives: 2, reference: [1.1, 11], evaluate: zdt(3) },
  { name: 'dtlz2', label: 'DTLZ2 (3 obj, 12-d)', space: unitBox(12), objectives: 3, reference: [3.85, 3.85, 3.85], evaluate: (p) => ({ values: dtlz2Values(vector(p, 12), 3) }) },
  { name: 'c2dtlz2', label: 'C2-DTLZ2 (3 obj, 5-d, constrained)', space: unitBox(5), objectives: 3, reference: [1.925, 1.925, 1.925], constrained: true, evaluate: c2dtlz2 },
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
