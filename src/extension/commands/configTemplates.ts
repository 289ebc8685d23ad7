/** Starting points for New Tuning Config: each is a valid config with comments saying what to change. */

export interface ConfigTemplate {
  readonly name: string;
  readonly label: string;
  readonly detail: string;
  readonly text: string;
}

export const CONFIG_TEMPLATES: readonly ConfigTemplate[] = [
  {
    name: 'model',
    label: 'Built-in trainer on a CSV file',
    detail: 'A TensorFlow.js MLP trained on your data: no code to write',
    text: `# Tune an MLP on a CSV file with a header row. Right-click this file and pick Tune.
name: my-model
objective: { metric: val_accuracy, direction: maximize }   # regression: { metric: val_loss, direction: minimize }
search:
  sampler: tpe
  trials: 40
  seed: 1
  pruner: { type: median, n_startup_trials: 5, n_warmup_steps: 5 }
space:
  learning_rate: { float: [1.0e-4, 1.0e-1], log: true }
  units:         { int: [8, 256], log: true }
  layers:        { int: [1, 3] }
  dropout:       { float: [0.0, 0.5] }
  activation:    [relu, tanh, elu]
  epochs: 40
trial:
  model: mlp
  data: { path: data.csv, target: label, validation: 0.2 }   # the CSV beside this file, and the column to predict
  timeout: 10m
`,
  },
  {
    name: 'train',
    label: 'My own training script',
    detail: 'Runs a command per trial (e.g. python train.py) and reads metrics it prints',
    text: `# Tune your own script. Each trial runs the command with \${param} replaced by the trial's value;
# print a line such as \`val_loss=0.31 step=4\` (or a JSON line) after each epoch.
name: my-script
objective: { metric: val_loss, direction: minimize }
search:
  sampler: tpe
  trials: 30
  seed: 1
  pruner: { type: median, n_startup_trials: 5, n_warmup_steps: 3 }
space:
  learning_rate: { float: [1.0e-5, 1.0e-1], log: true }
  batch_size:    [16, 32, 64]
trial:
  command: [python3, train.py, --learning-rate, "\${learning_rate}", --batch-size, "\${batch_size}"]
  timeout: 30m
apply:
  - { file: train.py }   # Apply Best Params rewrites the defaults named like the params in this file
`,
  },
];
