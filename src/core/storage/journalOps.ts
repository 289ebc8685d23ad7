/**
 * The records of Optuna's JournalStorage, one JSON object per line, typed as they appear on the wire
 * (snake_case fields, distributions as JSON strings, categorical params as choice indices), with the
 * codec: Python's `json.dumps` writes `NaN`/`Infinity`/`-Infinity` bare, so we read and write them too.
 */
import { distributionFromJson, toExternal, type Distribution, type ParamValue } from '../distributions';
import { TRIAL_STATES_BY_CODE, type JsonValue, type TrialState } from '../trial';

export const OP_NAMES = [
  'CREATE_STUDY', 'DELETE_STUDY', 'SET_STUDY_USER_ATTR', 'SET_STUDY_SYSTEM_ATTR', 'CREATE_TRIAL', 'SET_TRIAL_PARAM',
  'SET_TRIAL_STATE_VALUES', 'SET_TRIAL_INTERMEDIATE_VALUE', 'SET_TRIAL_USER_ATTR', 'SET_TRIAL_SYSTEM_ATTR', 'DISCARD_TRIALS',
] as const;

type Attrs = Record<string, JsonValue>;
interface Base { readonly worker_id: string }

export interface CreateStudyOp extends Base { readonly op_code: 0; readonly study_name: string; readonly directions: readonly number[] }
export interface DeleteStudyOp extends Base { readonly op_code: 1; readonly study_id: number }
export interface SetStudyUserAttrOp extends Base { readonly op_code: 2; readonly study_id: number; readonly user_attr: Attrs }
export interface SetStudySystemAttrOp extends Base { readonly op_code: 3; readonly study_id: number; readonly system_attr: Attrs }
export interface CreateTrialOp extends Base {
  readonly op_code: 4;
  readonly study_id: number;
  readonly datetime_start: string | null;
  // The optional "template trial" fields (Optuna's enqueue_trial / add_trial).
  readonly state?: number;
  readonly value?: number | null;
  readonly values?: readonly number[] | null;
  readonly datetime_complete?: string | null;
  readonly distributions?: Record<string, string>;
  readonly params?: Record<string, number>;
  readonly user_attrs?: Attrs;
  readonly system_attrs?: Attrs;
  readonly intermediate_values?: Record<string, number>;
}
export interface SetTrialParamOp extends Base {
  readonly op_code: 5; readonly trial_id: number; readonly param_name: string; readonly param_value_internal: number; readonly distribution: string;
}
export interface SetTrialStateValuesOp extends Base {
  readonly op_code: 6; readonly trial_id: number; readonly state: number; readonly values: readonly number[] | null;
  readonly datetime_start?: string; readonly datetime_complete?: string;
}
export interface SetTrialIntermediateValueOp extends Base { readonly op_code: 7; readonly trial_id: number; readonly step: number; readonly intermediate_value: number }
export interface SetTrialUserAttrOp extends Base { readonly op_code: 8; readonly trial_id: number; readonly user_attr: Attrs }
export interface SetTrialSystemAttrOp extends Base { readonly op_code: 9; readonly trial_id: number; readonly system_attr: Attrs }
/** Written only by Rustuna; Optuna's replay (and ours) skips it. */
export interface DiscardTrialsOp extends Base { readonly op_code: 10 }

export type JournalOp =
  | CreateStudyOp | DeleteStudyOp | SetStudyUserAttrOp | SetStudySystemAttrOp | CreateTrialOp | SetTrialParamOp
  | SetTrialStateValuesOp | SetTrialIntermediateValueOp | SetTrialUserAttrOp | SetTrialSystemAttrOp | DiscardTrialsOp;

/** Data in a journal that cannot be understood; `file` and `line` (1-based) say where, when known. */
export class JournalError extends Error {
  override name = 'JournalError';
  constructor(message: string, readonly file?: string, readonly line?: number) {
    super(file === undefined ? message : `${file}${line === undefined ? '' : `:${line}`}: ${message}`);
  }
}

type Check = (value: unknown) => boolean;
const isInt: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);
const isNumber: Check = (v) => typeof v === 'number'; // NaN and ±Infinity included: Python writes them
const isString: Check = (v) => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const orNull = (check: Check): Check => (v) => v === null || check(v);
const listOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const recordOf = (check: Check): Check => (v) => isRecord(v) && Object.values(v).every(check);
const anyJson: Check = () => true;

/** Field → [check, description, required]; one table per op code, in Optuna's field order. */
type Spec = Record<string, readonly [Check, string, boolean]>;
const ATTRS = [recordOf(anyJson), 'an object', true] as const;
const SPECS: readonly Spec[] = [
  { study_name: [isString, 'a string', true], directions: [listOf(isInt), 'a list of integers', true] },
  { study_id: [isInt, 'an integer', true] },
  { study_id: [isInt, 'an integer', true], user_attr: ATTRS },
  { study_id: [isInt, 'an integer', true], system_attr: ATTRS },
  {
    study_id: [isInt, 'an integer', true], datetime_start: [orNull(isString), 'a string or null', true],
    state: [isInt, 'an integer', false], value: [orNull(isNumber), 'a number or null', false],
    values: [orNull(listOf(isNumber)), 'a list of numbers or null', false], datetime_complete: [orNull(isString), 'a string', false],
    distributions: [recordOf(isString), 'an object of JSON strings', false], params: [recordOf(isNumber), 'an object of numbers', false],
    user_attrs: [recordOf(anyJson), 'an object', false], system_attrs: [recordOf(anyJson), 'an object', false],
    intermediate_values: [recordOf(isNumber), 'an object of numbers', false],
  },
  {
    trial_id: [isInt, 'an integer', true], param_name: [isString, 'a string', true],
    param_value_internal: [isNumber, 'a number', true], distribution: [isString, 'a JSON string', true],
  },
  {
    trial_id: [isInt, 'an integer', true], state: [isInt, 'an integer', true], values: [orNull(listOf(isNumber)), 'a list of numbers or null', true],
    datetime_start: [isString, 'a string', false], datetime_complete: [isString, 'a string', false],
  },
  { trial_id: [isInt, 'an integer', true], step: [isInt, 'an integer', true], intermediate_value: [isNumber, 'a number', true] },
  { trial_id: [isInt, 'an integer', true], user_attr: ATTRS },
  { trial_id: [isInt, 'an integer', true], system_attr: ATTRS },
  {},
];

/**
 * Checks a parsed line and types it. Returns null for op codes above the ones we know (a newer
 * writer's records), which replay skips as Optuna skips DISCARD_TRIALS. Throws a JournalError naming
 * the op and the field otherwise.
 */
export function decodeOp(record: unknown): JournalOp | null {
  if (!isRecord(record)) throw new JournalError(`expected a JSON object, got ${describe(record)}`);
  const code = record.op_code;
  if (!isInt(code) || (code as number) < 0) throw new JournalError(`"op_code" must be a non-negative integer, got ${describe(code)}`);
  const spec = SPECS[code as number];
  if (spec === undefined) return null;
  const what = `op_code ${String(code)} (${OP_NAMES[code as number]})`;
  if (!isString(record.worker_id)) throw new JournalError(`${what}: "worker_id" must be a string, got ${describe(record.worker_id)}`);
  for (const [key, [check, expected, required]] of Object.entries(spec)) {
    if (!(key in record)) {
      if (required) throw new JournalError(`${what} is missing "${key}"`);
    } else if (!check(record[key])) {
      throw new JournalError(`${what}: "${key}" must be ${expected}, got ${describe(record[key])}`);
    }
  }
  return record as unknown as JournalOp;
}

/** A trial state code (0-4) → our state name. */
export function decodeState(code: number): TrialState {
  const state = TRIAL_STATES_BY_CODE[code];
  if (state === undefined) throw new JournalError(`unknown trial state ${code} (expected 0-4)`);
  return state;
}

/**
 * A distribution JSON string, with the param it belongs to in any error. A study's trials share a few
 * distributions, written as the same text in every record: each text is decoded once (distributions
 * are frozen, so trials can share them).
 */
const decodedDistributions = new Map<string, Distribution>();
const DECODED_DISTRIBUTIONS_KEPT = 512;

export function decodeDistribution(json: string, param: string): Distribution {
  const known = decodedDistributions.get(json);
  if (known !== undefined) return known;
  let distribution: Distribution;
  try {
    distribution = distributionFromJson(json);
  } catch (error) {
    throw new JournalError(`param "${param}": ${(error as Error).message}`);
  }
  if (decodedDistributions.size >= DECODED_DISTRIBUTIONS_KEPT) decodedDistributions.clear();
  decodedDistributions.set(json, distribution);
  return distribution;
}

/** A stored internal value → the user-facing value (categorical: index → choice). */
export function decodeParamValue(distribution: Distribution, internal: number, param: string): ParamValue {
  try {
    return toExternal(distribution, internal);
  } catch (error) {
    throw new JournalError(`param "${param}": ${(error as Error).message}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = Array.isArray(value) ? 'a list' : isRecord(value) ? 'an object' : stringifyJson(value as JsonValue);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// Non-finite numbers travel through JSON.parse / JSON.stringify as marked strings. The random part
// makes a clash with a real string value practically impossible.
const MARK = `\u0000tuneboard-nonfinite-${Math.random().toString(36).slice(2)}:`;
const TOKEN = /-Infinity|Infinity|NaN/y;
const MARKED_IN_OUTPUT = new RegExp(`"${escapeRegExp(JSON.stringify(MARK).slice(1, -1))}(-Infinity|Infinity|NaN)"`, 'g');

/** JSON.parse that also accepts Python's bare `NaN`, `Infinity` and `-Infinity` tokens. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
  }
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') out += c + (text[++i] ?? '');
      else out += c;
      if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    TOKEN.lastIndex = i;
    const token = TOKEN.exec(text);
    if (token) {
      out += JSON.stringify(MARK + token[0]);
      i += token[0].length - 1;
    } else {
      out += c;
    }
  }
  return JSON.parse(out, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(MARK) ? Number(value.slice(MARK.length)) : value));
}

/** Compact JSON as Optuna ≥3.2 writes it, with non-finite numbers as Python's bare tokens. */
export function stringifyJson(value: unknown): string {
  let marked = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number' || Number.isFinite(v)) return v;
    marked = true;
    return MARK + String(v);
  });
  return marked ? text.replace(MARKED_IN_OUTPUT, '$1') : text;
}

export function encodeOp(op: JournalOp): string {
  return stringifyJson(op);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?$/;

/**
 * Python's `isoformat()`. Without an offset (what Optuna writes: `datetime.now()`, naive) the time is
 * local wall-clock time, as Optuna reads it; with one (older Tuneboard journals), that offset.
 */
export function parseTimestamp(text: string): Date {
  const m = TIMESTAMP.exec(text);
  if (!m) throw new JournalError(`${JSON.stringify(text)} is not an ISO-8601 timestamp`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Math.floor(Number((m[7] ?? '0').padEnd(6, '0')) / 1000);
  const offset = m[8];
  if (offset === undefined) return localDate(year, month - 1, day, hour, minute, second, ms);
  let offsetMs = 0;
  if (offset !== 'Z') {
    const [h = 0, min = 0, s = 0] = offset.slice(1).split(':').map(Number);
    offsetMs = (offset[0] === '-' ? -1 : 1) * ((h * 60 + min) * 60 + s) * 1000;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}

/**
 * `YYYY-MM-DDTHH:MM:SS.ffffff` in local time, without offset: exactly Optuna's
 * `datetime.now().isoformat(timespec="microseconds")`. Python compares the datetimes of all trials
 * (e.g. in `get_all_study_summaries`), and a naive one cannot be compared with an aware one.
 */
export function formatTimestamp(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}000`;
}

/** `new Date(y, m, …)` reads years 0-99 as 19xx; setFullYear does not. */
function localDate(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, ms: number): Date {
  const date = new Date(2000, monthIndex, day, hour, minute, second, ms);
  date.setFullYear(year, monthIndex, day);
  return date;
}
