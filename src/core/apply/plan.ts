/**
 * Planning "Apply best params" for one file: for each param, every place the file gives its name a
 * literal value becomes an offset edit; a param with no such place is reported with what was
 * looked for and what was found instead. Nothing here touches the file: the editor turns the plan
 * into one WorkspaceEdit, and tests and the CLI use applyEdits.
 */
import type { ParamValue } from '../distributions';
import { LineIndex } from '../config/positions';
import { paramKeyIn } from '../space';
import { formatLiteral } from './formatValue';
import { type InactiveParams, NO_INACTIVE_PARAMS, type StaleTarget } from './inactiveTargets';
import { jsonFinder } from './jsonTargets';
import { pythonFinder } from './pythonTargets';
import { scriptFinder } from './scriptTargets';
import type { ApplyLanguage, ApplyPlan, MissingParam, NameFinder, NameSite, ParamPlacement, SkippedMatch, TextEditPlan } from './types';
import { yamlFinder } from './yamlTargets';

const LANGUAGE_OF_EXTENSION: Readonly<Record<string, ApplyLanguage>> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  py: 'python',
  pyw: 'python',
  pyi: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
};

export function languageForFile(fileName: string): ApplyLanguage | null {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined ? null : (LANGUAGE_OF_EXTENSION[extension] ?? null);
}

function finderFor(language: ApplyLanguage, text: string): NameFinder {
  switch (language) {
    case 'yaml':
      return yamlFinder(text);
    case 'json':
      return jsonFinder(text);
    case 'python':
      return pythonFinder(text);
    case 'javascript':
    case 'typescript':
      return scriptFinder(text);
  }
}

/**
 * The edits that write `params` into `text`. `map` renames params for this file (param → name in
 * the file); a param absent from it is looked for under its own name. Each of the `inactive` params
 * (a conditional study's other branches) that the file names is left untouched and listed as stale.
 */
export function planParamEdits(
  text: string,
  fileName: string,
  params: Readonly<Record<string, ParamValue>>,
  map: Readonly<Record<string, string>> = {},
  inactive: InactiveParams = NO_INACTIVE_PARAMS,
): ApplyPlan {
  const language = languageForFile(fileName);
  const nameOf = (param: string): string => (Object.hasOwn(map, param) ? (map[param] ?? param) : param);
  const entries = Object.entries(params).map(([param, value]) => ({ param, value, name: nameOf(param) }));
  if (language === null) {
    const lookedFor = `nothing: Tuneboard edits YAML, JSON, Python, JavaScript and TypeScript files, not ${fileName.split(/[/\\]/).at(-1) ?? fileName}`;
    return { file: fileName, language, placed: [], missing: entries.map(({ param, name }) => ({ param, name, lookedFor, skipped: [] })), stale: [] };
  }
  const finder = finderFor(language, text);
  const lines = new LineIndex(text);
  const writer = new EditWriter(text, language, finder.usualQuote, lines);
  const placed: ParamPlacement[] = [];
  const missing: MissingParam[] = [];
  for (const { param, value, name } of entries) {
    const plain = Object.hasOwn(map, param) ? undefined : plainNameOf(param, params);
    const own = finder.find(name);
    // A branch variant (`adam.lr`) goes where the file writes the plain name (`lr`), unless it names the variant itself.
    const plainSites = plain === undefined || own.some((site) => site.kind === 'literal') ? [] : finder.find(plain);
    const [at, sites] = plain !== undefined && plainSites.length > 0 ? [plain, plainSites] : [name, own];
    const { edits, skipped } = writer.write(param, value, sites);
    if (edits.length > 0) placed.push({ param, name: at, edits, skipped });
    else missing.push({ param, name, lookedFor: finder.describe(name), skipped });
  }
  const stale = inactive.names.flatMap((param): StaleTarget[] => {
    const name = nameOf(param);
    const site = finder.find(name).sort((a, b) => a.start - b.start)[0];
    return site === undefined ? [] : [{ param, name, start: site.start, end: site.kind === 'literal' ? site.end : site.start, line: lines.position(site.start).line, reason: inactive.reason(param) }];
  });
  return { file: fileName, language, placed, missing, stale };
}

/**
 * The plain name a qualified param stands for in a target (`lr` for the trial's `adam.lr`): the space's
 * rule (paramKeyIn) says `lr` means the trial's one active variant; undefined for any other param.
 */
export function plainNameOf(param: string, params: Readonly<Record<string, ParamValue>>): string | undefined {
  const dot = param.indexOf('.');
  if (dot < 0) return undefined;
  const plain = param.slice(dot + 1);
  return paramKeyIn(plain, params) === param && !Object.hasOwn(params, plain) ? plain : undefined;
}

/** The params under the names code uses for them (`lr` for the trial's `adam.lr`), in order: what Insert writes. */
export function paramsByPlainName(params: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(params).map(([param, value]) => [plainNameOf(param, params) ?? param, value]));
}

/** Completes "looked for …" in one sentence: the patterns, then what was found but left alone. */
export function explainMissing(missing: Pick<MissingParam, 'lookedFor' | 'skipped'>): string {
  return missing.skipped.length === 0 ? missing.lookedFor : `${missing.lookedFor}; ${missing.skipped.map((s) => s.reason).join('; ')}`;
}

/**
 * Turns sites into edits for one file, refusing a second edit over the same text (two params mapped
 * to one name): a WorkspaceEdit with overlapping edits would fail as a whole.
 */
export class EditWriter {
  private readonly claimed: { start: number; end: number; param: string }[] = [];

  constructor(
    private readonly text: string,
    private readonly language: ApplyLanguage,
    private readonly usualQuote: "'" | '"',
    private readonly lines: LineIndex,
  ) {}

  write(param: string, value: ParamValue, sites: readonly NameSite[]): { edits: TextEditPlan[]; skipped: SkippedMatch[] } {
    const edits: TextEditPlan[] = [];
    const skipped: SkippedMatch[] = [];
    const skip = (start: number, found: string, why: string): void => {
      const line = this.lines.position(start).line;
      skipped.push({ line, reason: `found \`${found}\` at line ${line}, but ${why}`, found, why });
    };
    for (const site of [...sites].sort((a, b) => a.start - b.start)) {
      if (site.kind === 'skipped') {
        skip(site.start, site.snippet, site.why);
        continue;
      }
      const { start, end, literal } = site;
      const shown = this.text.slice(start, end) || '(empty)';
      const owner = this.claimed.find((c) => c.start < end && start < c.end) ?? this.claimed.find((c) => c.start === start && c.end === end);
      if (owner?.param === param) continue; // the same place found by two patterns
      if (owner) {
        skip(start, shown, `${owner.param} is already written there`);
        continue;
      }
      let newText = formatLiteral(this.language, value, literal, this.usualQuote);
      if (newText === null) {
        skip(start, shown, `${String(value)} has no literal form in ${this.language}`);
        continue;
      }
      // An empty YAML value (`lr:`) gets its scalar after a space.
      if (literal.text === '' && newText !== '' && !/\s/.test(this.text[start - 1] ?? ' ')) newText = ` ${newText}`;
      this.claimed.push({ start, end, param });
      edits.push({ start, end, newText, param, line: this.lines.position(start).line, unchanged: newText === literal.text });
    }
    return { edits, skipped };
  }
}

/** The text with every edit made; edits must not overlap. For tests and the CLI (the editor uses a WorkspaceEdit). */
export function applyEdits(text: string, edits: readonly TextEditPlan[]): string {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let copiedTo = 0;
  for (const edit of ordered) {
    if (edit.start < copiedTo || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`edit of ${edit.param} at line ${edit.line} overlaps another edit or lies outside the text`);
    }
    result += text.slice(copiedTo, edit.start) + edit.newText;
    copiedTo = edit.end;
  }
  return result + text.slice(copiedTo);
}
