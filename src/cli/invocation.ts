/**
 * How the user started `tuneboard`, so a hint such as "start it with: … run x.tune.yaml" prints a
 * command that works where they are: `tuneboard` when it came from the PATH, `npx tuneboard` under npx,
 * `node dist/cli.js` from a checkout (where `tuneboard` is not on the PATH).
 */
import * as path from 'node:path';

export interface InvocationContext {
  /** process.argv: [node, script, ...args]. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
}

function currentContext(): InvocationContext {
  return { argv: process.argv, env: process.env, cwd: process.cwd(), platform: process.platform };
}

/** The command prefix that ran this process, e.g. `node dist/cli.js` or `tuneboard`. */
export function cliInvocation(context: InvocationContext = currentContext()): string {
  const script = context.argv[1];
  if (!script) return 'tuneboard';
  const pathApi = context.platform === 'win32' ? path.win32 : path.posix;
  const name = pathApi.basename(script).replace(/\.(cmd|ps1|exe)$/i, '');
  // npm's bin link (node_modules/.bin/tuneboard, or a global install) keeps the command's own name.
  if (name === 'tuneboard') {
    const dir = pathApi.dirname(pathApi.resolve(context.cwd, script));
    const inNodeModulesBin = pathApi.basename(dir) === '.bin' && pathApi.basename(pathApi.dirname(dir)) === 'node_modules';
    // npx and npm scripts put node_modules/.bin on the PATH only for their own child: say npx.
    if (inNodeModulesBin && context.env.npm_command !== undefined) return 'npx tuneboard';
    if (onPath(dir, context, pathApi)) return 'tuneboard';
    return quoteArg(shortestPath(script, context, pathApi));
  }
  return `node ${quoteArg(shortestPath(script, context, pathApi))}`;
}

/** `<invocation> <args…>`, each argument quoted when a shell would split or expand it. */
export function cliCommand(args: readonly string[], context?: InvocationContext): string {
  return [cliInvocation(context), ...args.map(quoteArg)].join(' ');
}

function onPath(dir: string, context: InvocationContext, pathApi: typeof path.posix): boolean {
  const entries = (context.env.PATH ?? context.env.Path ?? '').split(pathApi.delimiter).filter(Boolean);
  return entries.some((entry) => pathApi.resolve(entry) === dir);
}

/** The script relative to the working directory when that is shorter (`dist/cli.js`), else absolute. */
function shortestPath(script: string, context: InvocationContext, pathApi: typeof path.posix): string {
  const absolute = pathApi.resolve(context.cwd, script);
  const relative = pathApi.relative(context.cwd, absolute);
  return relative !== '' && relative.length < absolute.length ? relative : absolute;
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
