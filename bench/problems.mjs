// Benchmark problems (docs/algorithms.md §3.1), defined once: spaces in the config's YAML shape, the
// objective and its known optimum. bench/optuna_samplers.py evaluates the very same functions by
// running this file as a server (`node bench/problems.mjs --serve`): the first line it prints
// describes the problems as JSON, then each JSON line {problem, params} on stdin gets its value back.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CONDITIONAL_PROBLEMS } from './conditionalProblems.mjs';

const range = (n) => Array.from({ length: n }, (_, i) => i);
const floats = (d, low, high) => Object.fromEntries(range(d).map((i) => [`x${i + 1}`, { float: [low, high] }]));
const vector = (params, d) => range(d).map((i) => params[`x${i + 1}`]);

function branin({ x1, x2 }) {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

const HARTMANN_ALPHA = [1, 1.2, 3, 3.2];
const HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]];
const HARTMANN_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]].map((row) => row.map((v) => v * 1e-4));

function hartmann6(params) {
  const x = vector(params, 6);
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j]) ** 2;
    sum += HARTMANN_ALPHA[i] * Math.exp(-inner);
  }
  return -sum;
}

function rosenbrock(params, d) {
  const x = vector(params, d);
  let sum = 0;
  for (let i = 0; i < d - 1; i++) sum += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2;
  return sum;
}

function ackley(params, d) {
  const x = vector(params, d);
  const meanSquare = x.reduce((s, v) => s + v * v, 0) / d;
  const meanCos = x.reduce((s, v) => s + Math.cos(2 * Math.PI * v), 0) / d;
  return -20 * Math.exp(-0.2 * Math.sqrt(meanSquare)) - Math.exp(meanCos) + 20 + Math.E;
}

function styblinskiTang(params, d) {
  return 0.5 * vector(params, d).reduce((s, v) => s + v ** 4 - 16 * v ** 2 + 5 * v, 0);
}

const ACTIVATION_PENALTY = { relu: 0, tanh: 0.5, sigmoid: 1, elu: 0.2 };

/** The "custom mixed toy": log float, int, log int and categorical; optimum 0 at lr=10^−2.5, 3 layers, 128 units, relu. */
function mixed({ lr, layers, units, act }) {
  return (Math.log10(lr) + 2.5) ** 2 + 0.3 * (layers - 3) ** 2 + 0.25 * (Math.log2(units) - 7) ** 2 + ACTIVATION_PENALTY[act];
}

export const PROBLEMS = [
  { name: 'branin', label: 'Branin', space: { x1: { float: [-5, 10] }, x2: { float: [0, 15] } }, optimum: 0.397887, evaluate: branin },
  { name: 'hartmann6', label: 'Hartmann-6', space: floats(6, 0, 1), optimum: -3.32237, evaluate: hartmann6 },
  { name: 'rosenbrock4', label: 'Rosenbrock-4', space: floats(4, -5, 10), optimum: 0, evaluate: (p) => rosenbrock(p, 4) },
  { name: 'ackley5', label: 'Ackley-5', space: floats(5, -32.768, 32.768), optimum: 0, evaluate: (p) => ackley(p, 5) },
  { name: 'styblinski5', label: 'Styblinski-Tang-5', space: floats(5, -5, 5), optimum: -39.166166 * 5, evaluate: (p) => styblinskiTang(p, 5) },
  {
    name: 'mixed',
    label: 'Mixed toy',
    space: { lr: { float: [1e-5, 1], log: true }, layers: { int: [1, 8] }, units: { int: [16, 512], log: true }, act: ['relu', 'tanh', 'sigmoid', 'elu'] },
    optimum: 0,
    evaluate: mixed,
  },
  ...CONDITIONAL_PROBLEMS,
];

/** The problems named in `names` (all when empty), in table order; throws on an unknown name. */
export function selectProblems(names) {
  if (!names || names.length === 0) return PROBLEMS;
  return names.map((name) => {
    const problem = PROBLEMS.find((p) => p.name === name);
    if (!problem) throw new Error(`unknown problem '${name}' (known: ${PROBLEMS.map((p) => p.name).join(', ')})`);
    return problem;
  });
}

function serve() {
  const byName = new Map(PROBLEMS.map((p) => [p.name, p]));
  process.stdout.write(`${JSON.stringify(PROBLEMS.map(({ name, label, space, optimum }) => ({ name, label, space, optimum })))}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const { problem, params } = JSON.parse(line);
    process.stdout.write(`${JSON.stringify(byName.get(problem).evaluate(params))}\n`);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--serve')) serve();
