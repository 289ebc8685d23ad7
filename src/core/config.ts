/**
 * `*.tune.yaml` → StudyConfig. The YAML is parsed keeping source ranges; the plain values are then
 * validated section by section (src/core/config/), and each problem's key path is mapped back to the
 * line and column it came from. Every problem of a file is reported at once, and no input throws.
 */
import { isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import type { KeyPath, Problem } from './problems';
import { resolveFix, withSwapFixes, type ConfigProblem } from './config/fixes';
import { isRecord, Issues, kindOf } from './config/issues';
import { LineIndex, pathAtOffset, spanOfPath } from './config/positions';
import { checkObjectivesAgainstSearch, metricsNamed, readConstraints, readObjectives } from './config/objectives';
import { budgetWarning, checkSearchAgainstSpace, readApply, readName, readSearch, readStorage, TOP_LEVEL_KEYS } from './config/sections';
import { checkModelTrial, readTrial } from './config/trial';
import type { ConfigFileReferences, Objective, SearchSettings, StudyConfig } from './config/types';
import { findDuplicateKeys, notAConfig } from './config/yamlChecks';
import { declaredNames, parseSpace } from './space';
import { checkConditionalPlaceholders } from './config/conditionalRefs';

export type * from './config/types';
export type { ConfigProblem, ProblemFix, TextEdit } from './config/fixes';
export { parseDuration, formatDuration } from './config/duration';
export { defaultStoragePath, defaultStudyName, parseGpuList } from './config/sections';
export { constraintValuesOf, describeConstraints, describeObjectives, primaryObjective } from './config/objectives';

export interface ParsedConfig {
  /** Null when any problem is an error. */
  readonly config: StudyConfig | null;
  /** Errors and warnings, in source order, each with file, start and end, and a quick fix where one is obvious. */
  readonly problems: ConfigProblem[];
  /** The data and apply: files named by valid sections, even when the config as a whole has errors. */
  readonly files: ConfigFileReferences;
}

export function parseConfig(text: string, fileName: string): ParsedConfig {
  try {
    return parseConfigOrThrow(String(text), fileName);
  } catch (error) {
    // A bug in the validators must still reach the user as a located message, never as a crash.
    const reason = error instanceof Error ? error.message : String(error);
    const origin = { line: 1, col: 1 };
    const message = `internal error while checking this config (please report it): ${reason}`;
    return { config: null, problems: [{ severity: 'error', message, path: [], file: fileName, start: origin, end: origin }], files: NO_FILES };
  }
}

function parseConfigOrThrow(text: string, fileName: string): ParsedConfig {
  // logLevel 'silent': the yaml package would otherwise print warnings to the console itself.
  // uniqueKeys off: its check is quadratic in the keys of a map; findDuplicateKeys does it in one pass.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' });
  const lines = new LineIndex(text);
  const foreign = notAConfig(doc);
  if (foreign !== null) return { config: null, problems: [notAConfigProblem(doc, lines, fileName, foreign)], files: NO_FILES };
  const located: ConfigProblem[] = [];
  const locate = (severity: Problem['severity'], message: string, range: readonly [number, number], path = pathAtOffset(doc, range[0])): void => {
    located.push({ severity, message, path, file: fileName, ...lines.span(range) });
  };
  // One syntax error per line: after the first, the parser's follow-up complaints are mostly noise.
  // A bracket left open is also blamed on the collections around it, on the lines that follow
  // (`lr: { float: [0, 1 }` then `units:` reports the map too): the first says it all.
  const syntaxLines = new Set<number>();
  let unclosedAt = -1;
  for (const e of doc.errors) {
    const line = lines.position(e.pos[0]).line;
    if (syntaxLines.has(line)) continue;
    syntaxLines.add(line);
    const unclosed = e.code === 'BAD_INDENT' && /end with an? [\]}]$/.test(e.message);
    // A follow-up starts the next line that is not blank or a comment.
    const followUp = unclosed && unclosedAt >= 0 && /^[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*$/.test(text.slice(unclosedAt, e.pos[0]));
    if (unclosed) unclosedAt = e.pos[0];
    if (!followUp) locate('error', `YAML: ${e.message}`, e.pos);
  }
  for (const e of doc.warnings) locate('warning', `YAML: ${e.message}`, e.pos);
  for (const duplicate of findDuplicateKeys(doc)) locate('error', duplicate.message, duplicate.range, duplicate.path);

  const issues = new Issues();
  const data = toPlainValue(doc, issues, (message, range) => locate('error', message, range));
  const { config, files } = data === undefined ? { config: null, files: NO_FILES } : validate(data, fileName, issues);
  const clean = config !== null && located.length === 0 && !issues.hasErrors;
  const budget = clean ? budgetWarning(config) : null;
  if (budget) issues.list.push(budget);
  for (const { on, fix, ...problem } of issues.list) {
    const edits = fix === undefined ? null : resolveFix(doc, text, fix);
    located.push({ ...problem, file: fileName, ...spanOfPath(doc, lines, problem.path, on), ...(edits === null ? {} : { fix: edits }) });
  }
  located.sort((a, b) => (a.start?.line ?? 0) - (b.start?.line ?? 0) || (a.start?.col ?? 0) - (b.start?.col ?? 0));
  const ok = !located.some((p) => p.severity === 'error');
  return { config: ok ? config : null, problems: located, files };
}

const NO_FILES: ConfigFileReferences = { apply: [] };

/**
 * The one problem of a file that is no config. It names what was expected and what kind of thing was
 * found, at the first syntax error or the start of the content, but quotes nothing of the file: it may
 * be anything a config path was pointed at (a symlink to a system file, a binary).
 */
function notAConfigProblem(doc: Document, lines: LineIndex, fileName: string, found: string): Problem {
  const firstError = doc.errors[0];
  const at: readonly [number, number] = firstError ? firstError.pos : [doc.contents?.range?.[0] ?? 0, doc.contents?.range?.[0] ?? 0];
  const syntax = firstError ? ', and YAML syntax errors from here on' : '';
  const message = `not a Tuneboard config: expected a YAML map of sections (${TOP_LEVEL_KEYS.join(', ')}), found ${found}${syntax} (the file's text is not repeated here)`;
  return { severity: 'error', message, path: [], file: fileName, ...lines.span(at) };
}

/**
 * The document as plain JS, or undefined (with a problem) when there is nothing to validate.
 * Problems found here sit on a node rather than a key path, so they are located directly.
 */
function toPlainValue(doc: Document, issues: Issues, atNode: (message: string, range: readonly [number, number]) => void): unknown {
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    issues.error([], 'config is empty: start with name, objective, search, space and trial (see the examples folder)');
    return undefined;
  }
  let unresolved = false;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (key !== null && !isScalar(key) && key.range) atNode('a key must be a plain name, not a list or map', [key.range[0], key.range[1]]);
    },
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined || !alias.range) return;
      unresolved = true;
      atNode(`alias *${alias.source} refers to no anchor &${alias.source} before it`, [alias.range[0], alias.range[1]]);
    },
  });
  if (unresolved) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    issues.error([], `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Validates the plain document section by section; config null when a section could not be read. */
function validate(data: unknown, fileName: string, issues: Issues): { config: StudyConfig | null; files: ConfigFileReferences } {
  if (!isRecord(data)) {
    issues.error([], `a config must be a map of sections (${TOP_LEVEL_KEYS.join(', ')}), got ${kindOf(data)}`);
    return { config: null, files: NO_FILES };
  }
  issues.checkKeys(data, TOP_LEVEL_KEYS, [], 'the config');
  const name = readName(data.name, fileName, issues);
  const objectives = readObjectives(data.objective, issues);
  const constraints = readConstraints(data.constraints, issues);
  const search = withDefaultSampler(readSearch(data.search, issues), data.search, objectives);
  const rawSpace = data.space;
  if (rawSpace === undefined) issues.missing(['space'], 'space is missing: add the parameters to tune, e.g. lr: { float: [1.0e-4, 1.0e-1], log: true }');
  const { space, gridPoints, conditions, paths, problems: spaceProblems } = parseSpace(rawSpace, ['space']);
  if (rawSpace !== undefined) issues.addAll(withSwapFixes(spaceProblems, rawSpace));
  // Every name written under space: counts, its definition valid or not: one mistake in a range must
  // not also make each `${name}` and apply map entry naming it an error. Null: no space to check against.
  const paramNames = isRecord(rawSpace) ? declaredNames(rawSpace) : null;
  const trial = readTrial(data.trial, paramNames, issues);
  const apply = readApply(data.apply, paramNames, issues);
  const storage = readStorage(data.storage, name, issues);
  if (trial?.kind === 'command') checkConditionalPlaceholders(trial.command, space, conditions, issues);
  if (search) checkSearchAgainstSpace(search, space, gridPoints, issues);
  if (search && objectives) checkObjectivesAgainstSearch(objectives, search, issues);
  if (trial?.kind === 'model' && rawSpace !== undefined) checkModelTrial(trial, { space, conditions, paths }, rawSpace, metricsNamed(data, objectives, constraints), issues);
  const files = { ...(trial ? { trial } : {}), apply };
  if (!objectives || !constraints || !search || !trial || rawSpace === undefined) return { config: null, files };
  return { config: { name, objectives, constraints, ...search, space, gridPoints, conditions, trial, apply, storage }, files };
}

/**
 * A study with several objectives and no sampler written gets nsga2 (as Optuna's create_study does),
 * not the single-objective default tpe.
 */
function withDefaultSampler(search: SearchSettings | undefined, rawSearch: unknown, objectives: readonly Objective[] | undefined): SearchSettings | undefined {
  const written = isRecord(rawSearch) && rawSearch.sampler !== undefined;
  return search && !written && (objectives?.length ?? 1) > 1 ? { ...search, sampler: { type: 'nsga2' } } : search;
}

/**
 * A problem found after parsing (a data file that cannot be read, a backend that cannot load), pointed
 * at the line of the config key it belongs to.
 */
export function problemAt(text: string, fileName: string, path: KeyPath, message: string): Problem {
  const [problem] = locateProblems(text, fileName, [{ severity: 'error', message, path }]);
  return problem as Problem;
}

/** Problems found after parsing (by checks that read other files), each given the position of its key path. */
export function locateProblems(text: string, fileName: string, problems: readonly Problem[]): Problem[] {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' });
  const lines = new LineIndex(text);
  return problems.map((problem) => ({ ...problem, file: fileName, ...spanOfPath(doc, lines, problem.path) }));
}
