// A command trial for pareto_asha's runner tests: trial n prints accuracy and size over steps 0…4
// from a fixed table, accuracy rising a little each step and size constant (a model's parameter count).
const TABLE = [
  [0.9, 10], // on the front
  [0.8, 5], // on the front
  [0.7, 20], // dominated by both: the one to prune at rung 0
  [0.95, 30], // the most accurate: on the front
];
const number = Number(process.env.TUNEBOARD_TRIAL);
const [accuracy, size] = TABLE[number % TABLE.length];
for (let step = 0; step < 5; step++) {
  console.log(`step=${step} accuracy=${(accuracy - 0.01 * (4 - step)).toFixed(2)} size=${size}`);
  await new Promise((resolve) => setTimeout(resolve, 40));
}
