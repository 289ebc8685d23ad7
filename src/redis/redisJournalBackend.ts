/**
 * The journal on Redis, in Optuna's JournalRedisStorage layout: `{prefix}:log_number` counts the ops
 * (it starts at -1), `{prefix}:log:{n}` holds op n as JSON; one Lua script appends (INCR + SET), so the
 * log has one order whoever writes. Python Optuna (`JournalStorage(JournalRedisStorage(url, prefix=P))`)
 * reads and writes the same study at the same time. Optuna's pickled `{prefix}:snapshot` is never
 * read or written. Reads are incremental: each call fetches only the ops after the last one read.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { type AppendOptions, describeStorageLocation, type JournalBackend, type JournalLine, JournalUnreachableError, type StorageLocation } from '../core';
import { RedisLease, type LeaseOptions } from './redisLease';
import { redisScript, type RedisScript } from './redisScripts';
import { RedisTrialLeases, type TrialLeases } from './trialLeases';

type RedisLocation = Extract<StorageLocation, { kind: 'redis' }>;

/** Ops fetched per round trip when catching up with a long log. */
const READ_CHUNK = 1000;

/**
 * Lua that reads the ops from number `from` on (at most READ_CHUNK): returns {last op number, op, …},
 * an op not yet set as false (nil). The log_number and the ops come in one round trip, and the lock and
 * append scripts end with it, so a lock or an append also brings the log up to date.
 */
const READ_FUNCTION = `
local function read_from(prefix, from)
  local last = tonumber(redis.call('get', prefix .. ':log_number') or '-1')
  local reply = {last}
  local to = math.min(last, from + ${READ_CHUNK} - 1)
  if to < from then return reply end
  local keys = {}
  for n = from, to do keys[#keys + 1] = string.format('%s:log:%d', prefix, n) end
  local values = redis.call('mget', unpack(keys))
  for i = 1, #values do reply[i + 1] = values[i] end
  return reply
end`;

/** ARGV: prefix, first op to read. */
const READ = `${READ_FUNCTION}
return read_from(ARGV[1], tonumber(ARGV[2]))`;

/**
 * Appends the ops in one atomic step and reads the log from ARGV[3] on: returns the number of the first
 * op appended, then the reply of READ (the appended ops among its ops). Keys are built in the script, as
 * Optuna's own script does (no Redis Cluster). KEYS: lock, receipt. ARGV: prefix, token, first op to
 * read, receipt ms, release, ops…
 *
 * With a token, only while it is still the lock's value (else -2, nothing written): a holder that lost
 * its lease never writes; with release '1' the lock is then deleted in the same step (the holder's last
 * write). An empty token is an append that needs no lock (a trial's own records; see
 * JournalBackend.atomicAppend).
 *
 * Each append leaves a receipt (a key unique to it holding its first op number, kept ARGV[4] ms), and
 * an append whose receipt is there is not made again: ioredis sends a command again when the connection
 * dropped before its answer came (a Redis restart, a flaky link), and an append Redis had already made
 * must not land twice.
 */
const APPEND = `${READ_FUNCTION}
local first = redis.call('get', KEYS[2])
if not first then
  if ARGV[2] ~= '' and redis.call('get', KEYS[1]) ~= ARGV[2] then return -2 end
  redis.call('setnx', ARGV[1] .. ':log_number', -1)
  for i = 6, #ARGV do
    local n = redis.call('incr', ARGV[1] .. ':log_number')
    first = first or n
    redis.call('set', string.format('%s:log:%d', ARGV[1], n), ARGV[i])
  end
  redis.call('set', KEYS[2], first, 'PX', ARGV[4])
  if ARGV[2] ~= '' and ARGV[5] == '1' then redis.call('del', KEYS[1]) end
end
local reply = read_from(ARGV[1], tonumber(ARGV[3]))
table.insert(reply, 1, tonumber(first))
return reply`;

/**
 * Takes the lock (KEYS[1] = ARGV[3] for ARGV[4] ms) if free, and then reads as READ; nil if taken.
 * ARGV: prefix, first op to read, token, ms. Holding our own token already means this is the same
 * command sent again after its answer was lost: taken.
 */
const LOCK_AND_READ = `${READ_FUNCTION}
if redis.call('get', KEYS[1]) ~= ARGV[3] and not redis.call('set', KEYS[1], ARGV[3], 'PX', ARGV[4], 'NX') then return false end
return read_from(ARGV[1], tonumber(ARGV[2]))`;

type ReadReply = [number, ...(string | null)[]];
/** APPEND's reply: the first op appended, then READ's. */
type AppendReply = [number, ...ReadReply];

export interface RedisBackendOptions {
  /** The write lock's lease (default 15 s, renewed every 5 s while held). */
  readonly leaseMs?: number;
  readonly signal?: AbortSignal;
  readonly onLockWait?: (message: string) => void;
  readonly lockWaitNoticeMs?: number;
  readonly onWarning?: (message: string) => void;
  /** How long one command may wait for Redis to come back (a restart) before it fails (default 30 s). */
  readonly reconnectMs?: number;
}

/** Redis could not be reached, or stopped answering: says where, and what to check. */
export class RedisUnreachableError extends JournalUnreachableError {
  override name = 'RedisUnreachableError';
}

export class RedisJournalBackend implements JournalBackend {
  /** One Lua script per append: a trial's own records need not take the lock. */
  readonly atomicAppend = true;
  /** Python Optuna's workers write to the same log with no lock. */
  readonly lockFreePeers = true;
  readonly warnings: string[] = [];
  readonly location: string;
  /** The next op number to read. */
  private next = 0;
  /** Ops a lock or an append brought along, for the next readNewLines. */
  private readonly pending: JournalLine[] = [];
  /** The last lock or append read the log to its end: the next readNewLines needs no round trip. */
  private upToDate = false;
  private readonly lease: RedisLease;
  private closed = false;
  /** READ, APPEND and LOCK_AND_READ, sent by SHA1 once Redis has them. */
  private readonly scripts: { readonly read: RedisScript; readonly append: RedisScript; readonly lockAndRead: RedisScript };

  private constructor(private readonly client: Redis, private readonly where: RedisLocation, private readonly options: RedisBackendOptions) {
    this.location = describeStorageLocation(where);
    const leaseOptions: LeaseOptions = { leaseMs: options.leaseMs ?? 15_000, ...(options.signal ? { signal: options.signal } : {}), ...(options.onLockWait ? { onWait: options.onLockWait } : {}), ...(options.lockWaitNoticeMs !== undefined ? { waitNoticeMs: options.lockWaitNoticeMs } : {}) };
    this.lease = new RedisLease(client, `${where.prefix}:tuneboard:lock`, this.location, leaseOptions);
    this.scripts = {
      read: redisScript(client, 'tuneboardJournalRead', 0, READ),
      append: redisScript(client, 'tuneboardJournalAppend', 2, APPEND),
      lockAndRead: redisScript(client, 'tuneboardJournalLockAndRead', 1, LOCK_AND_READ),
    };
  }

  /** Connects, or fails at once with an error naming host:port and what to check. */
  static async open(where: RedisLocation, options: RedisBackendOptions = {}): Promise<RedisJournalBackend> {
    const reconnectMs = options.reconnectMs ?? 30_000;
    const client = new Redis({
      host: where.host,
      port: where.port,
      db: where.db,
      ...(where.username !== null ? { username: where.username } : {}),
      ...(where.password !== null ? { password: where.password } : {}),
      ...(where.tls ? { tls: {} } : {}),
      lazyConnect: true,
      connectTimeout: 5000,
      // While Redis restarts, commands wait and are retried with backoff, up to about `reconnectMs`.
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 4), 1000),
      maxRetriesPerRequest: Math.max(1, Math.ceil(reconnectMs / 1000)),
    });
    let lastError: Error | null = null;
    client.on('error', (error: Error) => (lastError = error)); // reported where a command fails, never as an unhandled event
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      client.disconnect();
      throw unreachable(where, lastError ?? error);
    }
    return new RedisJournalBackend(client, where, options);
  }

  async readNewLines(): Promise<readonly JournalLine[]> {
    if (this.upToDate) {
      this.upToDate = false;
      return this.pending.splice(0);
    }
    for (;;) {
      const from = this.next;
      const reply = await this.command(() => this.scripts.read(this.where.prefix, String(from)) as Promise<ReadReply>);
      if (!this.take(reply, from) || this.upToDate) break;
    }
    this.upToDate = false;
    return this.pending.splice(0);
  }

  /**
   * Keeps the ops of a READ reply (read from op `from` on) for readNewLines; false at an op counted but
   * not yet set. Ops already taken from another reply that crossed this one (a read while locking) are skipped.
   */
  private take(reply: ReadReply, from: number): boolean {
    const [last, ...values] = reply;
    for (const [i, value] of values.entries()) {
      if (from + i < this.next) continue;
      // Counted but not yet set: a writer outside one script (Optuna with use_cluster). Read it next time.
      if (value === null) {
        this.upToDate = false;
        return false;
      }
      this.next += 1;
      this.pending.push({ text: value, lineNumber: this.next });
    }
    this.upToDate = this.next > last;
    return true;
  }

  /**
   * Appends in one script; resolves to the lines' numbers (op number + 1, as readNewLines numbers them).
   * Holding the lock (the default), only while the lease is still ours: a holder that lost it never writes;
   * with `release`, the lease is given up in the same script.
   */
  async appendLines(lines: readonly string[], options: AppendOptions = {}): Promise<readonly number[]> {
    if (lines.length === 0) return [];
    const token = options.locked === false ? '' : this.lease.heldToken;
    if (token === null) throw new Error(this.lease.lost ?? `internal: appending to ${this.location} without its lock`);
    const from = this.next;
    // Kept while ioredis may still send the append again (it retries for about reconnectMs).
    const receipt = `${this.where.prefix}:tuneboard:append:${randomUUID()}`;
    const receiptMs = String(2 * (this.options.reconnectMs ?? 30_000));
    const release = token !== '' && options.release === true;
    const result = await this.command(() => this.scripts.append(this.lease.key, receipt, this.where.prefix, token, String(from), receiptMs, release ? '1' : '0', ...lines) as Promise<AppendReply | -2>);
    if (result === -2) throw new Error(`the journal lock on ${this.location} expired before this write, which was not made (this process was paused or cut off from Redis)`);
    if (release) this.lease.released();
    const [first, ...read] = result;
    this.take(read as ReadReply, from);
    return lines.map((_, i) => first + i + 1);
  }

  /** Takes the lease; the same script reads the log, so the replay that follows needs no round trip. */
  lock(): Promise<void> {
    return this.command(() => this.lease.acquire(async (key, token, ms) => {
      const from = this.next;
      const reply = (await this.scripts.lockAndRead(key, this.where.prefix, String(from), token, String(ms))) as ReadReply | null;
      if (reply === null) return false;
      this.take(reply, from);
      return true;
    }));
  }

  /** Heartbeat leases of the trials this process runs (see trialLeases.ts). */
  trialLeases(leaseMs: number): TrialLeases {
    return new RedisTrialLeases(this.client, this.where.prefix, leaseMs);
  }

  unlock(): Promise<void> {
    return this.lease.release();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Not connected (Redis down or cut off): a release and a QUIT would each wait out the retries, and
    // a lease left behind runs out by itself.
    if (this.client.status !== 'ready') return void this.client.disconnect();
    await this.lease.release();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** A Redis command whose failure names the server and what to check, not ioredis's internals. */
  private async command<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection is closed|MaxRetriesPerRequest|max retries/i.test(error.message)) throw unreachable(this.where, error, this.options.reconnectMs);
      throw error;
    }
  }
}

function unreachable(where: RedisLocation, cause: unknown, reconnectMs = 30_000): RedisUnreachableError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const reason =
    // ioredis's own words name its option, not what happened.
    /max retries/i.test(message) ? `no answer for ${Math.round(reconnectMs / 1000)} s while reconnecting`
    // Protected mode answers another machine's connection with DENIED and closes it, which ioredis reports as a closed connection.
    : /EPIPE|ECONNRESET|Connection is closed/i.test(message) ? 'the server closed the connection; a Redis without a password in protected mode does that to other machines'
    : message.replace(/^connect /, '');
  const address = `${where.host}:${where.port}`;
  return new RedisUnreachableError(
    `cannot reach Redis at ${address} (${reason}): check that redis-server runs there and accepts connections from this machine ` +
      `(redis-cli -h ${where.host} -p ${where.port} ping), and the URL's password and database`,
  );
}
