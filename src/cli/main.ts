/**
 * The `tuneboard` command. Each subcommand lives in its own file beside this one and registers
 * itself on the program; this file only wires them up and maps failures to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { registerApplyCommand } from './applyCommand';
import { registerBestCommand } from './bestCommand';
import { registerEnqueueCommand } from './enqueueCommand';
import { registerExportCommand } from './exportCommand';
import { registerImportanceCommand } from './importanceCommand';
import { RUN_EXIT, registerRunCommands } from './runCommand';
import { registerShowCommand } from './showCommand';
import { registerStopCommand } from './stopCommand';
import { cliCommand } from './invocation';
import { EXIT, registerValidateCommand } from './validateCommand';
import { registerWorkerCommand } from './workerCommand';

const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}  success (validate: every config is valid)
  ${EXIT.problems}  a config has problems (each printed as file:line:col: message); best: no trial has completed
  ${EXIT.usage}  usage error, a file could not be read, a storage URL is malformed or its server does not answer, or the study has no journal yet (show, best, export, importance, stop, resume)
  ${RUN_EXIT.failed}  run/resume: the study could not go on (data that cannot be loaded, a journal error)
  ${RUN_EXIT.interrupted}  run/resume: stopped by Ctrl-C or SIGTERM; running trials were recorded as interrupted`;

function buildProgram(): Command {
  const program = new Command('tuneboard')
    .description('Hyperparameter tuning from *.tune.yaml configs, with Optuna-compatible journals.')
    .version(version)
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError(`(run ${cliCommand(['--help'])} for usage)`)
    // Throw instead of exiting, so usage errors get exit code 2; subcommands inherit this.
    .exitOverride()
    // `tuneboard show --help | head` closes the pipe early: the reader's choice, not a crash.
    .configureOutput({
      writeOut: (text) => {
        process.stdout.once('error', (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EPIPE') throw error;
        });
        process.stdout.write(text);
      },
    });
  // One line per command, each defined in its own file beside this one.
  registerRunCommands(program, EXIT_CODES_HELP);
  registerValidateCommand(program, EXIT_CODES_HELP);
  registerShowCommand(program, EXIT_CODES_HELP);
  registerBestCommand(program, EXIT_CODES_HELP);
  registerApplyCommand(program);
  registerImportanceCommand(program, EXIT_CODES_HELP);
  registerEnqueueCommand(program);
  registerExportCommand(program, EXIT_CODES_HELP);
  registerStopCommand(program, EXIT_CODES_HELP);
  registerWorkerCommand(program);
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // Commander has already printed the help or the usage error; only the exit code is left to set.
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`tuneboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = EXIT.usage;
});
