/**
 * The journal's cross-host write lock on Redis: a lease. One key holds a token with a TTL; its holder
 * renews it while it works and deletes it only if the token is still its own. A holder that dies never
 * blocks the others longer than the lease; a holder that lost its lease (frozen, cut off) learns so at
 * its next renewal and can no longer write, because every append checks the token in the same script.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Redis from 'ioredis';
import { LockWaitAbortedError } from '../core';
import { redisScript, type RedisScript } from './redisScripts';

/** Renew if the token is ours; 1 when renewed, 0 when the lease was lost. */
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
/** Delete only our own lease. */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface LeaseOptions {
  /** How long the lease lasts without renewal (renewed every third of it). */
  readonly leaseMs: number;
  readonly signal?: AbortSignal;
  /** Told once per wait that lasts `waitNoticeMs` (default 1 s), whose lease it waits for. */
  readonly onWait?: (message: string) => void;
  readonly waitNoticeMs?: number;
}

export class RedisLease {
  private token: string | null = null;
  private renewal: ReturnType<typeof setInterval> | null = null;
  private lostReason: string | null = null;
  /** `host:pid`, the start of every token (os.hostname() is a system call: once, not per ask). */
  private readonly holder = `${hostname()}:${process.pid}`;
  private readonly renewScript: RedisScript;
  private readonly releaseScript: RedisScript;

  constructor(private readonly client: Redis, readonly key: string, private readonly where: string, private readonly options: LeaseOptions) {
    this.renewScript = redisScript(client, 'tuneboardLeaseRenew', 1, RENEW);
    this.releaseScript = redisScript(client, 'tuneboardLeaseRelease', 1, RELEASE);
  }

  /** The token of the lease held now, or null; every append names it. */
  get heldToken(): string | null {
    return this.lostReason === null ? this.token : null;
  }

  /** Why the lease was lost while held, or null. */
  get lost(): string | null {
    return this.lostReason;
  }

  /**
   * `take` sets the key to the token for the lease's length if it is free (SET NX PX) and says whether
   * it did; the journal's take also reads the log in the same script. A waiter tries again after 1 ms,
   * then twice as long each time up to 50 ms, jittered: a lock held for a millisecond (an ask or a tell)
   * changes hands quickly, and waiters do not poll in step.
   */
  async acquire(take: (key: string, token: string, leaseMs: number) => Promise<boolean> = this.setIfFree): Promise<void> {
    if (this.token !== null) throw new Error(`internal: the lease ${this.key} is already held by this process`);
    const token = `${this.holder}:${randomUUID()}`;
    const started = Date.now();
    let told = false;
    let pause = 1;
    for (;;) {
      if (this.options.signal?.aborted) throw new LockWaitAbortedError(`stopped waiting for the journal lock on ${this.where}`);
      if (await take(this.key, token, this.options.leaseMs)) break;
      if (!told && Date.now() - started >= (this.options.waitNoticeMs ?? 1000)) {
        told = true;
        const [holder, ttl] = await Promise.all([this.client.get(this.key), this.client.pttl(this.key)]);
        this.options.onWait?.(`waiting for the journal lock on ${this.where}: held by ${describeHolder(holder)} (lease expires in ${Math.max(0, ttl)} ms unless renewed)`);
      }
      await sleep(pause * (0.5 + Math.random()), this.options.signal);
      pause = Math.min(pause * 2, 50);
    }
    this.token = token;
    this.lostReason = null;
    this.renewal = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    this.renewal.unref();
  }

  private readonly setIfFree = async (key: string, token: string, leaseMs: number): Promise<boolean> => (await this.client.set(key, token, 'PX', leaseMs, 'NX')) === 'OK';

  async release(): Promise<void> {
    const token = this.token;
    this.stopRenewal();
    this.token = null;
    this.lostReason = null;
    if (token !== null) await this.releaseScript(this.key, token).catch(() => undefined);
  }

  /** The key was deleted with the holder's last write (the journal's append script): forget it here. */
  released(): void {
    this.stopRenewal();
    this.token = null;
    this.lostReason = null;
  }

  /** Stops renewing without touching Redis (closing, or Redis unreachable). */
  stopRenewal(): void {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
  }

  private async renew(): Promise<void> {
    const token = this.token;
    if (token === null || this.lostReason !== null) return;
    try {
      const renewed = await this.renewScript(this.key, token, String(this.options.leaseMs));
      if (renewed !== 1 && this.token === token) this.lostReason = `the journal lock on ${this.where} expired before it was renewed (this process was paused or cut off from Redis)`;
    } catch {
      // Unreachable for now: the next renewal tries again, and an expired lease shows there.
    }
  }
}

function describeHolder(token: string | null): string {
  if (token === null) return 'nobody any more';
  const [host, pid] = token.split(':');
  return pid === undefined ? 'another process' : `pid ${pid} on ${host}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
