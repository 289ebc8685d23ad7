// A stand-in for a training script with a conditional space, like branin.mjs for a flat one: it reads
// only the flags a trial passes and prints value=<loss>. Its rules are made up but fixed, so the
// minimum is known: -0.05 at sgd, lr = 10^-1.5 (0.0316), momentum 0.9, cnn with kernel 5, 2 layers of
// 64 units. It refuses a flag of a branch the trial did not take, so a config that passed momentum to
// an adam trial would fail here (${momentum?} in the config drops it instead).
const args = process.argv.slice(2);
const given = new Map();
for (let i = 0; i < args.length; i += 2) {
  const flag = args[i];
  if (!flag?.startsWith('--') || args[i + 1] === undefined) fail(`expected --flag value pairs, got ${JSON.stringify(args.slice(i))}`);
  given.set(flag.slice(2), args[i + 1]);
}

function fail(message) {
  console.error(`objective.mjs: ${message}`);
  process.exit(2);
}

/** The flag's value; a flag the branch does not have must be absent, one it has must be there. */
function take(name, needed, parse = Number) {
  if (!needed) {
    if (given.has(name)) fail(`--${name} was passed but this trial's branch has no ${name}`);
    return undefined;
  }
  if (!given.has(name)) fail(`--${name} is missing`);
  const value = parse(given.get(name));
  if (typeof value === 'number' && !Number.isFinite(value)) fail(`--${name} must be a number, got ${given.get(name)}`);
  return value;
}

const optimizer = take('optimizer', true, String);
if (optimizer !== 'sgd' && optimizer !== 'adam') fail(`--optimizer must be sgd or adam, got ${optimizer}`);
const lr = take('lr', true);
const momentum = take('momentum', optimizer === 'sgd');
const beta1 = take('beta1', optimizer === 'adam');
const model = take('model', true, String);
const kernelSize = take('kernel-size', model === 'cnn');
const layers = take('layers', true);
const units = [0, 1, 2].map((i) => take(`units-${i}`, layers > i));

// Each optimizer has its own best learning rate; adam's best is a little worse than sgd's.
let loss = optimizer === 'sgd' ? (Math.log10(lr) + 1.5) ** 2 + 4 * (momentum - 0.9) ** 2 : (Math.log10(lr) + 3) ** 2 + 20 * (beta1 - 0.9) ** 2 + 0.1;
// A cnn helps when its kernel fits.
if (model === 'cnn') loss += 0.3 * ((kernelSize - 5) / 2) ** 2 - 0.05;
// Two layers of 64 units are best.
loss += 0.2 * (layers - 2) ** 2;
for (const u of units) if (u !== undefined) loss += 0.05 * (Math.log2(u) - 6) ** 2;
console.log(`value=${loss}`);
