/**
 * Pinning params in a `*.tune.yaml`: each `space:` entry named by a param — a range
 * `{ float: [..], log: true }`, a list of choices, a multi-line map — becomes the plain value, which
 * the config reads as a fixed param. Only the entry's value is replaced; comments on the key's line
 * and on other entries stay.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { ParamValue } from '../distributions';
import { LineIndex } from '../config/positions';
import { formatValue } from './formatValue';
import { EditWriter } from './plan';
import type { MissingParam, PinPlan, TextEditPlan } from './types';
import { yamlEntries, yamlValueSite, type YamlEntry } from './yamlTargets';

export function pinSpaceInConfig(configText: string, configFile: string, params: Readonly<Record<string, ParamValue>>): PinPlan {
  const entries = yamlEntries(configText).filter((entry) => entry.path.length === 2 && entry.path[0] === 'space');
  const lines = new LineIndex(configText);
  const scalarWriter = new EditWriter(configText, 'yaml', '"', lines);
  const edits: TextEditPlan[] = [];
  const missing: MissingParam[] = [];
  const pinned = new Set<string>();
  const fileName = configFile.split(/[/\\]/).at(-1) ?? configFile;
  for (const [param, value] of Object.entries(params)) {
    const entry = entries.find((candidate) => candidate.path[1] === param);
    const miss = (lookedFor: string): void => void missing.push({ param, name: param, lookedFor, skipped: [] });
    if (!entry) {
      miss(`a "${param}:" entry under space: in ${fileName}`);
    } else if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
      // The config reads a fixed param from a string, a finite number or a boolean only.
      miss(`a "${param}:" entry under space:, found at line ${lines.position(entry.keyStart).line}, but ${String(value)} cannot be a fixed value there`);
    } else if (isScalar(entry.value)) {
      const site = yamlValueSite(configText, entry);
      const written = scalarWriter.write(param, value, site ? [site] : []);
      edits.push(...written.edits);
      if (written.edits.length > 0) pinned.add(param);
      else miss(`a "${param}:" entry under space:; ${written.skipped.map((s) => s.reason).join('; ') || 'its value could not be read'}`);
    } else if (valueRange(entry) === null) {
      miss(`a "${param}:" entry under space: with a value, found at line ${lines.position(entry.keyStart).line} without one`);
    } else {
      const scalar = formatValue('yaml', value, null, '"') ?? String(value);
      edits.push(replaceEntryValue(configText, entry, scalar, param, lines));
      pinned.add(param);
    }
  }
  const stillTuned = entries.filter((entry) => !pinned.has(entry.path[1] ?? '') && (isMap(entry.value) || isSeq(entry.value)));
  const warnings =
    entries.length > 0 && stillTuned.length === 0
      ? [`every parameter under space: in ${fileName} is now fixed, so the config has nothing left to tune; keep a range or a list of choices on at least one to tune again`]
      : [];
  return { edits, missing, warnings };
}

/**
 * The edit replacing a collection value by `scalar`. A value on the key's line (`lr: { float: … }`)
 * is replaced where it stands, keeping alignment and any comment after it. A value on the lines
 * below (a block map or list) is removed with those lines, and the scalar goes after the key,
 * followed by the comment the key's line had.
 */
function replaceEntryValue(text: string, entry: YamlEntry, scalar: string, param: string, lines: LineIndex): TextEditPlan {
  const [valueStart, valueEnd] = valueRange(entry) ?? [entry.keyEnd, entry.keyEnd];
  const line = lines.position(entry.keyStart).line;
  const betweenKeyAndValue = text.slice(entry.keyEnd, valueStart);
  if (!betweenKeyAndValue.includes('\n')) return { start: valueStart, end: valueEnd, newText: scalar, param, line, unchanged: false };
  const keyLineRest = betweenKeyAndValue.slice(0, betweenKeyAndValue.indexOf('\n'));
  const comment = /\s(#.*?)\s*$/.exec(keyLineRest)?.[1];
  // The block's range ends after its last line break (and trailing comment), which must stay.
  let end = valueEnd;
  while (end > valueStart && /[\r\n]/.test(text[end - 1] ?? '')) end -= 1;
  return { start: entry.keyEnd, end, newText: `: ${scalar}${comment ? `  ${comment}` : ''}`, param, line, unchanged: false };
}

function valueRange(entry: YamlEntry): readonly [number, number] | null {
  const value = entry.value;
  const range = isMap(value) || isSeq(value) || isAlias(value) ? value.range : null;
  return range ? [range[0], range[1]] : null;
}
