/**
 * `tuneboard apply <config> [--trial N] [--dry-run] [--pin] [--allow-outside] [--storage <journal|url>]`:
 * writes a trial's params (the best by default) into the config's `apply:` files, and with --pin into
 * its space, by the editor's own plan (planApplyFiles in src/core/apply). Every target is checked
 * (src/configChecks/applyTargets.ts) and every file read and planned before any is written; then all
 * are replaced at once or none is. --dry-run prints each change as a unified diff and writes nothing.
 */
import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { type ApplyFileInput, type ApplyFilePlan, bestTrial, changedText, formatProblem, type FrozenTrial, inactiveParamsForApply, paramNamesOf, paramsAsWritten, paramsNotPlaced, planApplyFiles, stateLabel, staleLines } from '../core';
import { type ApplyTargetCheck, checkApplyTargets, PartialRewriteError, readApplyText, rewriteAllOrNothing, workspaceFolderOf } from '../configChecks/applyTargets';
import { CliError, runCliAction } from './cliError';
import { openStudyForReading, type StudyForReading } from './openStudyForReading';
import { addStorageOption, loadConfigFile } from './studyLocation';
import { EXIT } from './validateCommand';
import { describeFront, formatTrialValues } from './views/frontTable';

interface ApplyFlags {
  readonly trial?: number;
  readonly dryRun?: boolean;
  readonly pin?: boolean;
  readonly allowOutside?: boolean;
  readonly storage?: string;
}

/** A file to plan, with the real path it is read from and written to, and its name in messages. */
interface PlannedFile {
  readonly input: ApplyFileInput;
  readonly realPath: string;
}

const APPLY_HELP = `
Writes what the editor's Apply writes: top-level YAML/JSON keys, assignments, dict entries, keyword
arguments and argparse/click defaults named like the params (or as the entry's map: renames them;
a dotted name such as optimizer.lr selects a nested key). Nested keys and function defaults are left
alone and listed as skipped. Every file is read and planned first; if any target is refused or
cannot be read, nothing is written, and the files are replaced all at once.

Targets must lie inside the workspace folder: the nearest folder at or above the config's that holds
.git, package.json, pyproject.toml or .vscode, else the config's own folder. A target whose real path
(symlinks followed) is outside it is refused unless --allow-outside is given.

Exit codes:
  ${EXIT.ok}  written (with --dry-run: shown); params that found no place are listed
  ${EXIT.problems}  the config has problems, an apply: target is refused (outside the workspace folder, missing,
     a folder), no trial has completed, or no param found a place in any file
  ${EXIT.usage}  usage error, a target that cannot be read as UTF-8 text or written, or no journal yet`;

export function registerApplyCommand(program: Command): void {
  const command = program
    .command('apply')
    .description("write a trial's params (default: the best) into the config's apply: files, as the editor's Apply does")
    .argument('<config>', 'a *.tune.yaml config: its apply: entries name the files, its journal holds the trials')
    .option('--trial <number>', 'the trial whose params to write (default: the best complete trial)', parseTrialNumber)
    .option('--dry-run', 'print a unified diff of each change and write nothing')
    .option('--pin', "also pin the values in the config's space: (it then runs them as fixed params)")
    .option('--allow-outside', 'also write apply: targets outside the workspace folder (see below)');
  addStorageOption(command)
    .addHelpText('after', APPLY_HELP)
    .action((file: string, flags: ApplyFlags) => runCliAction(() => applyTrial(file, flags)));
}

function parseTrialNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidArgumentError(`expected a trial number (0, 1, …), got '${text}'`);
  return value;
}

async function applyTrial(file: string, flags: ApplyFlags): Promise<number> {
  if (!/\.ya?ml$/i.test(file)) throw new CliError(`apply takes a *.tune.yaml config (its apply: entries name the files to write), not ${file}`);
  const config = loadConfigFile(file, 'apply its params');
  const configText = readFileSync(file, 'utf8');
  const check = checkApplyTargets(config, file, configText, workspaceFolderOf(file), { allowOutside: flags.allowOutside === true });
  if (check.refusals.length > 0) throw refusalError(check);
  if (check.destinations.length === 0 && flags.pin !== true) {
    throw new CliError(`${file} lists no files under apply: (add one, e.g. apply: [{ file: train.py }]), so there is nowhere to write; --pin writes the values into its space`, EXIT.problems);
  }
  const study = await openStudyForReading(file, { storage: flags.storage });
  const trial = pickTrial(study, flags.trial);
  const files = readFiles(file, configText, check, flags.pin === true);
  // A conditional study's trial lacks the params of branches it did not take: targets naming them are left alone and listed.
  const inactive = inactiveParamsForApply(trial, new Set([...Object.keys(config.space), ...paramNamesOf(study.trials)]), config.conditions);
  const plans = planApplyFiles(files.map((f) => f.input), paramsAsWritten(trial.params, trial.distributions), inactive);
  const changes = plans.flatMap((plan, i) => {
    const after = changedText(plan);
    return after === null ? [] : [{ plan, after, realPath: files[i]?.realPath ?? plan.file }];
  });
  const out = [`trial #${trial.number} of study '${study.name}' (${formatTrialValues(study.metrics, trial)}, ${stateLabel(trial.state)})`];
  if (flags.dryRun === true) {
    // a/ and b/ prefixes, paths from the working folder: `git apply` takes the diff as it is.
    for (const { plan, after } of changes) out.push(createTwoFilesPatch(`a/${plan.file}`, `b/${plan.file}`, plan.text, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }).trimEnd());
    if (changes.length > 0) out.push('');
  } else if (changes.length > 0) {
    try {
      rewriteAllOrNothing(changes.map(({ plan, after, realPath }) => ({ path: realPath, before: plan.text, after })));
    } catch (error) {
      if (error instanceof PartialRewriteError) throw new CliError(`${error.message}; run apply again to finish`);
      throw new CliError(`nothing was written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  out.push(...reportLines(plans));
  const edits = plans.reduce((count, plan) => count + plan.edits.length, 0);
  if (edits === 0) out.push(`found no place to write the params of trial #${trial.number}`);
  else if (changes.length === 0) out.push(`unchanged: the files already hold the params of trial #${trial.number}`);
  else out.push(flags.dryRun === true ? `dry run: ${changes.length} file(s) would change; nothing written` : `wrote ${changes.length} file(s)`);
  process.stdout.write(`${out.join('\n')}\n`);
  return edits === 0 ? EXIT.problems : EXIT.ok;
}

/** Each refusal as config:line:col, then one line on what to do. */
function refusalError(check: ApplyTargetCheck): CliError {
  const outside = check.refusals.some((refusal) => refusal.reason === 'outside');
  const hint = outside ? `; give --allow-outside to write outside ${check.workspaceFolder} anyway` : '';
  return new CliError(`refused ${check.refusals.length} apply: target(s), so nothing was written${hint}`, EXIT.problems, check.refusals.map((r) => formatProblem(r.problem)));
}

/** The trial asked for, or the best complete one (the read model's rule, as `best` prints it). */
function pickTrial(study: StudyForReading, wanted: number | undefined): FrozenTrial {
  if (wanted === undefined) {
    if (study.directions.length > 1) throw new CliError(`${describeFront(study)}\nname the trade-off to apply with --trial N`, EXIT.usage);
    const best = bestTrial(study.trials, study.direction);
    if (best) return best;
    const states = study.trials.length ? ` (${study.trials.length} trials, none complete)` : ' (no trials yet)';
    throw new CliError(`study '${study.name}' has no complete trial${states}, so no best params to apply; name one with --trial N`, EXIT.problems);
  }
  const trial = study.trials.find((t) => t.number === wanted);
  if (!trial) throw new CliError(`study '${study.name}' has no trial #${wanted} (it has ${study.trials.length} trials, #0 to #${study.trials.length - 1})`);
  if (trial.state !== 'complete' && trial.state !== 'pruned') {
    throw new CliError(`trial #${wanted} of study '${study.name}' is ${stateLabel(trial.state)}: apply takes a complete or pruned trial's params`);
  }
  return trial;
}

/** Every target's text (and the config's, to pin), read before anything is planned; any failure stops all. */
function readFiles(configFile: string, configText: string, check: ApplyTargetCheck, pin: boolean): PlannedFile[] {
  // Files are named from the working folder, as the user would type them (and as a diff names them).
  const shownPath = (file: string): string => path.relative(process.cwd(), path.resolve(file)) || file;
  const failures: string[] = [];
  const files: PlannedFile[] = [];
  for (const target of check.destinations) {
    const shown = shownPath(path.resolve(path.dirname(configFile), target.written));
    try {
      files.push({ input: { file: shown, text: readApplyText(target.realPath), kind: 'apply', map: target.map }, realPath: target.realPath });
    } catch (error) {
      const reason = error instanceof TypeError ? 'it is not UTF-8 text' : error instanceof Error ? error.message : String(error);
      failures.push(`cannot read ${shown}: ${reason}`);
    }
  }
  if (pin) files.push({ input: { file: shownPath(configFile), text: configText, kind: 'pin', map: {} }, realPath: realpathSync(configFile) });
  if (failures.length > 0) throw new CliError(`${failures.length} apply: target(s) cannot be read, so nothing was written`, EXIT.usage, failures);
  // Two plans for one file would each rewrite it from the same text, and the last would win.
  for (const [i, file] of files.entries()) {
    const first = files.find((other) => other.realPath === file.realPath);
    if (first && first !== file) throw new CliError(`${first.input.file} and ${file.input.file} are the same file (${file.realPath}); ${i === files.length - 1 && pin ? 'with --pin, leave the config out of apply:' : 'list it once under apply:'}`, EXIT.problems);
  }
  return files;
}

/** Placed params (file:line old → new), params placed nowhere with where Apply looked, skipped places and why. */
function reportLines(plans: readonly ApplyFilePlan[]): string[] {
  const placed: string[] = [];
  const skipped: string[] = [];
  for (const plan of plans) {
    for (const edit of [...plan.edits].sort((a, b) => a.start - b.start)) {
      const old = oneLine(plan.text.slice(edit.start, edit.end));
      placed.push(`  ${plan.file}:${edit.line}  ${edit.param}  ${edit.unchanged ? `${old} (unchanged)` : `${old} → ${oneLine(edit.newText)}`}`);
    }
    const sites = [...plan.placed, ...plan.missing].flatMap((item) => item.skipped.map((site) => ({ param: item.param, site })));
    for (const { param, site } of sites.sort((a, b) => a.site.line - b.site.line)) skipped.push(`  ${plan.file}:${site.line}  ${param}  \`${site.found}\`: ${site.why}`);
  }
  const missing = paramsNotPlaced(plans).map(({ file, missing: item }) => `  ${file}  ${item.param}${item.name === item.param ? '' : ` (as ${item.name})`}: looked for ${item.lookedFor}`);
  const warnings = plans.flatMap((plan) => plan.warnings.map((warning) => `warning: ${plan.file}: ${warning}`));
  const section = (title: string, lines: readonly string[]): string[] => (lines.length === 0 ? [] : [`${title}:`, ...lines]);
  const stale = staleLines(plans).map((line) => `  ${line}`);
  return [...section('placed', placed), ...section('not placed', missing), ...section('skipped', skipped), ...section('left as they are', stale), ...warnings];
}

/** A value as one short line: a pinned block map is several. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim() || '(empty)';
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
