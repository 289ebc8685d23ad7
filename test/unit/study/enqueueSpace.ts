/** The space of the enqueue tests: a plain float, a log int, a stepped float, a categorical and a fixed value. */
export const ENQUEUE_SPACE = {
  x: { float: [0, 1] },
  units: { int: [8, 256], log: true },
  dropout: { float: [0, 0.5], step: 0.1 },
  act: ['relu', 'tanh'],
  epochs: 20,
} as const;
