/**
 * Heartbeats of running trials on a shared Redis journal: each host keeps one key per trial it runs,
 * with a TTL it renews (a key, not a journal line per beat). A running trial whose key is gone has a
 * host that died, was cut off or fell asleep: any process may then fail it as stale and retry it.
 */
import { hostname } from 'node:os';
import type Redis from 'ioredis';

export interface TrialLeases {
  /** How long a lease lasts without a beat. */
  readonly leaseMs: number;
  /** Takes or renews the leases of these trials (journal trial ids). */
  beat(trialIds: readonly number[]): Promise<void>;
  /** Gives a finished trial's lease up. */
  drop(trialId: number): Promise<void>;
  /** Which of these trials have a live lease. */
  alive(trialIds: readonly number[]): Promise<ReadonlySet<number>>;
}

export class RedisTrialLeases implements TrialLeases {
  private readonly holder = `${hostname()}:${process.pid}`;

  constructor(private readonly client: Redis, private readonly prefix: string, readonly leaseMs: number) {}

  async beat(trialIds: readonly number[]): Promise<void> {
    if (trialIds.length === 0) return;
    const pipeline = this.client.pipeline();
    for (const id of trialIds) pipeline.set(this.key(id), this.holder, 'PX', this.leaseMs);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error !== null);
    if (failed?.[0]) throw failed[0];
  }

  async drop(trialId: number): Promise<void> {
    await this.client.del(this.key(trialId));
  }

  async alive(trialIds: readonly number[]): Promise<ReadonlySet<number>> {
    if (trialIds.length === 0) return new Set();
    const values = await this.client.mget(trialIds.map((id) => this.key(id)));
    return new Set(trialIds.filter((_, i) => values[i] !== null));
  }

  private key(trialId: number): string {
    return `${this.prefix}:tuneboard:trial:${trialId}`;
  }
}
