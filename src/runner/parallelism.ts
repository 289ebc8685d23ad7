/**
 * How many trials a run starts at once. `parallel` asks for at most that many; the run never starts
 * more than its budget can use (a model-trial worker costs ~80 MB before it trains anything), nor
 * more than a few per core, where they would only slow each other down.
 */
import { availableParallelism } from 'node:os';

/** Trials per core beyond which more parallelism is refused. */
export const TRIALS_PER_CORE = 4;

export interface ParallelPlan {
  readonly parallel: number;
  /** Why fewer than asked will run, when it is the machine's limit (the budget's needs no word). */
  readonly note: string | null;
}

export interface ParallelRoom {
  /** Trials the budget still allows (Infinity without one). */
  readonly remaining: number;
  /** Enqueued trials waiting to run: they run even past the budget. */
  readonly waiting: number;
}

export function planParallel(requested: number, room: ParallelRoom, cores: number = availableParallelism()): ParallelPlan {
  const usable = Math.max(0, room.remaining) + room.waiting;
  const wanted = Math.max(1, Math.min(requested, usable));
  const cap = TRIALS_PER_CORE * Math.max(1, cores);
  if (wanted <= cap) return { parallel: wanted, note: null };
  return {
    parallel: cap,
    note: `parallel ${requested} is more than ${TRIALS_PER_CORE} trials per core on this machine (${cores} cores): running at most ${cap} trials at once`,
  };
}
