/**
 * The sampler of a study, kept from repeating the random draws of another process on the same journal.
 *
 * One process alone is reproducible: its sampler is seeded from the configured seed and the number of
 * trials it resumed from, and keeps that stream. Processes started on the same history with the same
 * seed (parallel runs of one study) would hold the very same stream and sample the same points, so
 * whenever an ask finds trials this process did not create, the sampler is reseeded from the trial
 * count seen under the storage lock and a per-process nonce. A run no other process writes to never
 * reseeds, so it stays reproducible.
 */
import { mixSeed } from './rng';
import { createSampler, type Sampler, type SamplerSpec } from './samplers';

export interface SamplerSeedingOptions {
  readonly spec: SamplerSpec;
  /** The configured seed; none means every process draws its own random stream anyway. */
  readonly seed?: number;
  readonly gridPoints?: Readonly<Record<string, number>>;
  /** How many trials the journal held when the study was opened. */
  readonly resumedFrom: number;
}

export class SamplerSeeding {
  private current: Sampler;
  private ownTrials = 0;
  private foreignTrialsSeen = 0;
  /** Tells this process's reseeds from another's that reseeds at the same trial count. */
  private readonly nonce = (Math.floor(Math.random() * 2 ** 32) >>> 0) || 1;

  constructor(private readonly options: SamplerSeedingOptions) {
    // A resumed study must not replay the first run's random draws: fold the history length into the seed.
    const { seed, resumedFrom } = options;
    this.current = this.build(seed === undefined ? undefined : mixSeed(seed, resumedFrom));
  }

  get sampler(): Sampler {
    return this.current;
  }

  /** Counts a trial this process created (an ask or an enqueue), so it is not taken for another's. */
  countOwnTrial(): void {
    this.ownTrials += 1;
  }

  /** Call under the storage lock before sampling, with the study's current trial count. */
  beforeSampling(trialCount: number): void {
    const foreign = trialCount - this.options.resumedFrom - this.ownTrials;
    if (foreign <= this.foreignTrialsSeen) return;
    this.foreignTrialsSeen = foreign;
    if (this.options.seed === undefined) return;
    this.current = this.build(mixSeed(mixSeed(this.options.seed, trialCount), this.nonce));
  }

  private build(seed: number | undefined): Sampler {
    return createSampler(this.options.spec, { seed, studySeed: this.options.seed, gridPoints: this.options.gridPoints });
  }
}
