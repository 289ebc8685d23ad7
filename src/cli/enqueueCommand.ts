/**
 * `tuneboard enqueue <config> --params '{"lr":0.01}'` (or `--param lr=0.01`, repeatable): records a
 * WAITING trial with those params in the study's journal (the config's `storage:`, or `--storage`: a
 * file or a Redis URL), as Optuna's `enqueue_trial` does. The next `tuneboard run` (or one running
 * now, or Python Optuna's `optimize`) runs it before sampling new trials, even when the budget is used
 * up; params left out are sampled then.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { type Distribution, InvalidParamError, type ParamValue, Study, studyOptionsOf } from '../core';
import { openJournalStorage } from '../redis/openJournal';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { CliError, runCliAction } from './cliError';
import { printStorageNotice, printStorageWarning, thisProcessLockOwner } from './storageHooks';
import { addStorageOption, loadConfigFile, resolveStorage, shownStorage } from './studyLocation';
import { EXIT } from './validateCommand';

interface EnqueueFlags {
  readonly params?: string;
  readonly param?: readonly string[];
  readonly storage?: string;
}

const ENQUEUE_EXIT_HELP = `
Exit codes:
  ${EXIT.ok}  the trial is in the journal, waiting
  ${EXIT.problems}  the config has problems, or a param is not in its space or has a value the space does not admit
  ${EXIT.usage}  usage error, a file or storage could not be read, or the journal holds another study or a different space`;

export function registerEnqueueCommand(program: Command): void {
  const command = program
    .command('enqueue')
    .description('add a trial with fixed params that the next (or the running) `tuneboard run` runs first, even past search.trials')
    .argument('<config>', 'a *.tune.yaml file: its space checks the params, its name is the study')
    .option('--params <json>', `the params as a JSON object, e.g. '{"lr":0.01,"units":64}'`)
    .option('--param <name=value>', 'one param (repeatable); numbers for float/int ranges, a choice as written in the config', collect);
  addStorageOption(command)
    .addHelpText('after', `\nParams left out are sampled when the trial starts.\n${ENQUEUE_EXIT_HELP}`)
    .action((file: string, flags: EnqueueFlags) =>
      runCliAction(async () => {
        const trial = await enqueueFromConfig(file, flags);
        process.stdout.write(`enqueued trial #${trial.number} of ${trial.study} (waiting)\n`);
        return EXIT.ok;
      }),
    );
}

async function enqueueFromConfig(file: string, flags: EnqueueFlags): Promise<{ number: number; study: string }> {
  if (flags.params === undefined && flags.param === undefined) {
    throw new CliError(`give the params to enqueue: --params '{"name":value,…}' or --param name=value`);
  }
  const config = loadConfigFile(file, 'enqueue a trial');
  const params = collectParams(config.space, flags);
  const journal = resolveStorage(flags.storage, config.storage, path.dirname(path.resolve(file)));
  const storage = await openJournalStorage(journal, { lockOwner: thisProcessLockOwner(), onWarning: printStorageWarning, onLockWait: printStorageNotice }).catch((error: unknown) => {
    if (error instanceof RedisUnreachableError) throw error; // its message names the server and what to check
    throw new CliError(`cannot open ${shownStorage(journal)}: ${messageOf(error)}`);
  });
  try {
    let study: Study;
    try {
      study = await Study.open(storage, studyOptionsOf(config));
    } catch (error) {
      throw new CliError(messageOf(error));
    }
    const trial = await study.enqueue(params).catch((error: unknown) => {
      throw error instanceof InvalidParamError ? new CliError(error.message, EXIT.problems) : error;
    });
    return { number: trial.number, study: study.name };
  } finally {
    await storage.close();
  }
}

/** `--params` and every `--param`, as values; the study checks them against the space. */
function collectParams(space: Readonly<Record<string, Distribution>>, flags: Pick<EnqueueFlags, 'params' | 'param'>): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  const add = (name: string, value: ParamValue): void => {
    if (Object.hasOwn(params, name)) throw new CliError(`param '${name}' is given twice`);
    // defineProperty: a param named "__proto__" stays a key (and is then refused as not in the space).
    Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  };
  if (flags.params !== undefined) {
    for (const [name, value] of Object.entries(parseJsonParams(flags.params))) {
      if (!isParamValue(value)) throw new CliError(`param '${name}' in --params must be a number, string, boolean or null, got ${JSON.stringify(value)}`, EXIT.problems);
      add(name, value);
    }
  }
  for (const pair of flags.param ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`--param takes name=value, got '${pair}'`);
    const name = pair.slice(0, at);
    add(name, parseParamText(name, Object.hasOwn(space, name) ? space[name] : undefined, pair.slice(at + 1)));
  }
  return params;
}

/**
 * A `--param` value read as its distribution reads it: a number for a range, the choice whose text it
 * is for a list. Text that fits nothing is passed on as it is, for the study to say what would fit.
 */
function parseParamText(name: string, distribution: Distribution | undefined, text: string): ParamValue {
  if (distribution === undefined) return text;
  if (distribution.type === 'categorical') {
    const matches = distribution.choices.filter((choice) => String(choice) === text);
    if (matches.length > 1) {
      throw new CliError(`param '${name}': '${text}' matches several choices (${matches.map((c) => JSON.stringify(c)).join(', ')}); pick one with --params`, EXIT.problems);
    }
    return matches.length === 1 ? (matches[0] as ParamValue) : text;
  }
  const number = text.trim() === '' ? NaN : Number(text);
  return Number.isNaN(number) ? text : number;
}

function parseJsonParams(json: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new CliError(`--params is not valid JSON (${messageOf(error)}): ${json}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`--params must be a JSON object such as '{"lr":0.01}', got ${json}`);
  }
  return parsed as Record<string, unknown>;
}

function isParamValue(value: unknown): value is ParamValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
