// The Branin function as a stand-in for a training script: reads --x1 and --x2, prints value=<f(x1,x2)>.
// Minimum 0.397887 at (-π, 12.275), (π, 2.275) and (9.42478, 2.475).
const args = process.argv.slice(2);

function option(name) {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : NaN;
  if (!Number.isFinite(value)) {
    console.error(`usage: node branin.mjs --x1 <number> --x2 <number> (missing or bad --${name})`);
    process.exit(2);
  }
  return value;
}

export function branin(x1, x2) {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const r = 6;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 ** 2 + c * x1 - r) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

console.log(`value=${branin(option('x1'), option('x2'))}`);
