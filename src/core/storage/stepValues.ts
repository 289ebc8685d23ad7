/**
 * A trial's intermediate values (step → value), kept so that a snapshot costs O(1) however long the
 * trial has reported. Reports only add steps, so every snapshot is a view of the first `size` entries
 * of one growing log; a report that overwrites a step (rare: Optuna ignores repeated steps, but a
 * journal may hold one) moves the trial to a fresh copy, which leaves earlier snapshots as they were.
 * Without this, each report's snapshot copied the whole map: 20,000 reports took O(n²) time.
 */
export class StepLog {
  private readonly steps: number[] = [];
  private readonly values: number[] = [];
  private readonly positions = new Map<number, number>();

  /** Records `value` at `step`; returns the log to keep using (a copy when a step is overwritten). */
  set(step: number, value: number): StepLog {
    const at = this.positions.get(step);
    if (at === undefined) {
      this.positions.set(step, this.steps.length);
      this.steps.push(step);
      this.values.push(value);
      return this;
    }
    if (Object.is(this.values[at], value)) return this;
    const copy = new StepLog();
    this.steps.forEach((s, i) => copy.set(s, i === at ? value : (this.values[i] as number)));
    return copy;
  }

  /** The values as they are now; later reports do not show in it. */
  view(): ReadonlyMap<number, number> {
    return new StepValues(this.steps, this.values, this.positions, this.steps.length);
  }
}

class StepValues implements ReadonlyMap<number, number> {
  constructor(
    private readonly stepList: readonly number[],
    private readonly valueList: readonly number[],
    private readonly positions: ReadonlyMap<number, number>,
    readonly size: number,
  ) {}

  get(step: number): number | undefined {
    const at = this.positions.get(step);
    return at !== undefined && at < this.size ? this.valueList[at] : undefined;
  }

  has(step: number): boolean {
    const at = this.positions.get(step);
    return at !== undefined && at < this.size;
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [this.stepList[i] as number, this.valueList[i] as number];
  }

  *keys(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield this.stepList[i] as number;
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield this.valueList[i] as number;
  }

  forEach(callback: (value: number, step: number, map: ReadonlyMap<number, number>) => void): void {
    for (let i = 0; i < this.size; i++) callback(this.valueList[i] as number, this.stepList[i] as number, this);
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}
