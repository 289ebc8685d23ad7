// Benchmark problems with conditional or categorical-heavy spaces (docs/algorithms.md §3.1), in the
// config's YAML shape: `choice:` branches, `when:` and `each:`. Each objective reads only the params
// its trial has (an inactive param is absent) and has a known optimum of 0, reached by one setting
// per problem written beside it. bench/optuna_conditional.py suggests the same params under the same
// names, in the same order, define-by-run.

const log2 = Math.log2;
const log10 = Math.log10;
const squared = (x) => x * x;

/**
 * Two-branch optimizer: sgd and adam each have their own lr range (so `sgd.lr` and `adam.lr`) and
 * hyperparameters. Optimum 0: adam, lr 1e-3, beta1 0.9, beta2 0.999, weight decay 1e-4, batch 64;
 * the best sgd setting costs 0.3.
 */
function twoBranchOptimizer(p) {
  let loss;
  if (p.optimizer === 'sgd') {
    loss = 0.3 + squared(log10(p['sgd.lr']) + 1.5) + 4 * squared(p.momentum - 0.9) + (p.nesterov ? 0 : 0.2);
  } else {
    loss = squared(log10(p['adam.lr']) + 3) + 20 * squared(p.beta1 - 0.9) + 0.5 * squared(log10(1 - p.beta2) + 3);
  }
  const batchCost = { 32: 0.1, 64: 0, 128: 0.05, 256: 0.2 };
  return loss + 0.2 * squared(log10(p.weight_decay) + 4) + batchCost[p.batch];
}

/** Per-layer widths: units_i exists for i < layers. Optimum 0: 3 layers of 256, 128 and 64 units, lr 10^-2.5, dropout 0.2. */
function perLayer(p) {
  const targets = [8, 7, 6, 5];
  let loss = 0.5 * Math.abs(p.layers - 3) + 0.5 * squared(log10(p.lr) + 2.5) + 2 * squared(p.dropout - 0.2);
  for (let i = 0; i < p.layers; i++) loss += 0.1 * squared(log2(p[`units_${i}`]) - targets[i]);
  return loss;
}

/**
 * Hierarchical mixed: three model families, each with its own mostly categorical params; lr only for
 * the networks; a scheduler whose step size and warmup exist only for some schedulers. Optimum 0:
 * cnn, kernel 5, 64 channels, max pooling, lr 1e-3, cosine with warmup 3. Best mlp 0.15, best tree 0.3.
 */
function hierarchicalMixed(p) {
  let loss;
  if (p.model === 'mlp') loss = 0.15 + 0.1 * squared(log2(p.width) - 8) + { relu: 0.05, tanh: 0.1, gelu: 0, sigmoid: 0.3 }[p.activation];
  else if (p.model === 'cnn') loss = { 3: 0.1, 5: 0, 7: 0.15 }[p.kernel] + { 16: 0.3, 32: 0.1, 64: 0, 128: 0.05 }[p.channels] + { max: 0, avg: 0.1 }[p.pooling];
  else loss = 0.3 + 0.02 * squared(p.depth - 8) + 0.1 * squared(log10(p.estimators) - 2.3) + { gini: 0, entropy: 0.02, log_loss: 0.05 }[p.criterion];
  if (p.model !== 'tree') loss += 0.5 * squared(log10(p.lr) + 3);
  if (p.scheduler === 'none') loss += 0.2;
  else if (p.scheduler === 'cosine') loss += 0.02 * squared(p.warmup - 3);
  else loss += 0.1 + 0.0005 * squared(p.step_size - 20) + 0.02 * squared(p.warmup - 2);
  return loss;
}

/** Per categorical param of the flat categorical-heavy problem: its cost per choice (index), best choice costing 0. */
const CHOICE_COSTS = [
  [0.6, 0, 0.3, 1],
  [0.3, 0.6, 0, 1],
  [1, 0.3, 0.6, 0],
  [0, 1, 0.3, 0.6],
  [0.4, 0.2, 0, 0.8, 0.6, 1],
  [0.8, 1, 0.6, 0.4, 0.2, 0],
];
const CHOICES = CHOICE_COSTS.map((costs) => costs.map((_, k) => `v${k}`));

/**
 * Categorical-heavy: six categorical params (4 or 6 choices) with pairwise interactions, one int and
 * one float. Pairs (c1, c2) and (c3, c4) cost 0.5 more unless both take their best choice together.
 * Optimum 0: c1 v1, c2 v2, c3 v3, c4 v0, c5 v2, c6 v5, n 7, x 0.3.
 */
function categoricalHeavy(p) {
  const index = (i) => CHOICES[i].indexOf(p[`c${i + 1}`]);
  let loss = CHOICE_COSTS.reduce((sum, costs, i) => sum + costs[index(i)], 0);
  for (const [a, b] of [[0, 1], [2, 3]]) if (CHOICE_COSTS[a][index(a)] !== 0 || CHOICE_COSTS[b][index(b)] !== 0) loss += 0.5;
  return loss + 0.05 * squared(p.n - 7) + 2 * squared(p.x - 0.3);
}

export const CONDITIONAL_PROBLEMS = [
  {
    name: 'branches',
    label: 'Two-branch optimizer',
    conditional: true,
    space: {
      optimizer: {
        choice: {
          sgd: { lr: { float: [1e-4, 1], log: true }, momentum: { float: [0, 0.99] }, nesterov: [true, false] },
          adam: { lr: { float: [1e-5, 1e-1], log: true }, beta1: { float: [0.8, 0.999] }, beta2: { float: [0.9, 0.9999], log: true } },
        },
      },
      weight_decay: { float: [1e-6, 1e-2], log: true },
      batch: [32, 64, 128, 256],
    },
    optimum: 0,
    evaluate: twoBranchOptimizer,
  },
  {
    name: 'perlayer',
    label: 'Per-layer units (each)',
    conditional: true,
    space: {
      layers: { int: [1, 4] },
      units: { int: [16, 512], log: true, each: 'layers' },
      lr: { float: [1e-4, 1e-1], log: true },
      dropout: { float: [0, 0.5] },
    },
    optimum: 0,
    evaluate: perLayer,
  },
  {
    name: 'hierarchical',
    label: 'Hierarchical mixed',
    conditional: true,
    space: {
      model: {
        choice: {
          mlp: { width: { int: [32, 1024], log: true }, activation: ['relu', 'tanh', 'gelu', 'sigmoid'] },
          cnn: { kernel: { int: [3, 7], step: 2 }, channels: [16, 32, 64, 128], pooling: ['max', 'avg'] },
          tree: { depth: { int: [2, 12] }, estimators: { int: [10, 500], log: true }, criterion: ['gini', 'entropy', 'log_loss'] },
        },
      },
      lr: { float: [1e-5, 1e-1], log: true, when: { model: ['mlp', 'cnn'] } },
      scheduler: ['none', 'cosine', 'step'],
      step_size: { int: [1, 50], when: { scheduler: 'step' } },
      warmup: { int: [0, 10], when: { scheduler: ['cosine', 'step'] } },
    },
    optimum: 0,
    evaluate: hierarchicalMixed,
  },
  {
    name: 'categorical',
    label: 'Categorical-heavy',
    space: {
      ...Object.fromEntries(CHOICES.map((choices, i) => [`c${i + 1}`, choices])),
      n: { int: [1, 10] },
      x: { float: [0, 1] },
    },
    optimum: 0,
    evaluate: categoricalHeavy,
  },
];
