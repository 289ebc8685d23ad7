// A toy objective for the grid example: prints value=<(x1 - 2)² + (x2 - 5)²>, plus a little noise if asked.
const options = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const x1 = Number(options.x1);
const x2 = Number(options.x2);
if (!Number.isFinite(x1) || !Number.isFinite(x2)) {
  console.error('usage: node grid.mjs --x1=<number> --x2=<number> [--noise=true|false]');
  process.exit(2);
}
const noise = options.noise === 'true' ? Math.random() * 0.1 : 0;
console.log(`value=${(x1 - 2) ** 2 + (x2 - 5) ** 2 + noise}`);
