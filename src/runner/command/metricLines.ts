/**
 * Reads metrics from the stdout of a user's command trial. Two line forms are understood, so that
 * any script can report with a print statement:
 *   key=value pairs anywhere on a line   `epoch 3: val_loss=0.31 val_accuracy=0.9 step=3`
 *   JSON objects, one per line           `{"step": 3, "val_loss": 0.31}`
 * Every other line is ordinary output and is ignored.
 */

export interface MetricLine {
  /** The `step` the line names, or null when it names none. */
  readonly step: number | null;
  readonly metrics: Readonly<Record<string, number>>;
}

const PAIR = /(?:^|[\s,;])([A-Za-z_][\w./-]*)=(\S+?)(?=$|[\s,;])/g;

/** Parses one line of output; null when the line carries no metric. */
export function parseMetricLine(line: string): MetricLine | null {
  const text = line.trim();
  if (text.startsWith('{') && text.endsWith('}')) return parseJsonLine(text);
  return collect([...text.matchAll(PAIR)].map((match) => [match[1] as string, parseNumber(match[2] as string)]));
}

function parseJsonLine(text: string): MetricLine | null {
  let parsed: unknown;
  try {
    // Python's json.dumps writes NaN and Infinity as bare tokens; make them parseable.
    parsed = JSON.parse(text.replace(/(?<=[:\s[,])(-?)(NaN|Infinity)(?=\s*[,}\]])/g, '"$1$2"'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  return collect(Object.entries(parsed).map(([key, raw]) => [key, typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumber(raw) : null]));
}

/** Named numbers → a metric line: `step` is the step, every other number a metric. */
function collect(entries: readonly (readonly [string, number | null])[]): MetricLine | null {
  const metrics: Record<string, number> = {};
  let step: number | null = null;
  for (const [key, value] of entries) {
    if (value === null) continue;
    if (key === 'step') step = asStep(value);
    else metrics[key] = value;
  }
  return Object.keys(metrics).length > 0 ? { step, metrics } : null;
}

/** Numbers as scripts print them, including nan and inf in their Python and C spellings. */
function parseNumber(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower === 'nan' || lower === '-nan') return NaN;
  if (lower === 'inf' || lower === 'infinity' || lower === '+inf') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  return Number(text);
}

function asStep(value: number): number | null {
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * Follows one trial's output: the latest value of every metric, and the objective's reports by
 * step. A line without a step counts as the next step after the objective's previous report.
 */
export class MetricTracker {
  private readonly latest: Record<string, number> = {};
  private nextStep = 0;

  constructor(private readonly objective: string) {}

  /** Feeds one line; returns the objective's report `{ step, value }` if the line carried one. */
  accept(line: string): { step: number; value: number } | null {
    const parsed = parseMetricLine(line);
    if (!parsed) return null;
    Object.assign(this.latest, parsed.metrics);
    const value = parsed.metrics[this.objective];
    if (value === undefined) return null;
    const step = parsed.step ?? this.nextStep;
    this.nextStep = step + 1;
    return { step, value };
  }

  /** The objective's last value (the trial's result), or undefined if it never printed it. */
  get objectiveValue(): number | undefined {
    return this.latest[this.objective];
  }

  get metrics(): Readonly<Record<string, number>> {
    return this.latest;
  }
}
