/**
 * The journals the Studies index reads from servers (Redis): the `tuneboard.storages` setting and
 * every config whose `storage:` is a URL. Optuna's Redis layout sends no notifications, so each is
 * polled: one `GET {prefix}:log_number` a second while nothing changes, and only the new ops when
 * something did. A server that cannot be reached becomes a `problem` naming its address (shown on its
 * studies' nodes), polled again with backoff; what was read before stays shown.
 */
import type { JournalStorage } from '../../core';
import { RedisUnreachableError } from '../../redis/redisJournalBackend';
import { openRemoteJournalForReading } from './readOnlyJournal';
import { describeError, storageLocationKey } from './studyFiles';
import type { JournalSnapshot } from './studySummary';

export interface RemoteJournalsOptions {
  /** Studies, trials or a problem changed: the index publishes anew. */
  readonly onChange: () => void;
  /** Between polls while the server answers (default 1000 ms). */
  readonly pollMs?: number;
  /** The longest wait between tries at a server that does not answer (default 15 s). */
  readonly maxBackoffMs?: number;
  /** Opens a storage that only reads (tests pass their own). */
  readonly open?: (url: string) => Promise<JournalStorage>;
}

interface Remote {
  /** What the user wrote: the URL to connect with (it may hold a password, never shown). */
  readonly url: string;
  storage: JournalStorage | null;
  /** A problem that polling cannot fix (a malformed URL in the settings). */
  readonly fixedProblem: string | null;
  problem: string | null;
  modified: Date;
  failures: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** The read in progress: reads of one server never overlap. */
  reading: Promise<void>;
  closed: boolean;
}

export class RemoteJournals {
  private readonly remotes = new Map<string, Remote>();
  private disposed = false;

  constructor(private readonly options: RemoteJournalsOptions) {}

  /** Reads these servers from now on (each URL as the user wrote it); lets go of the others. */
  setUrls(urls: Iterable<{ readonly url: string; readonly source: string }>): void {
    const wanted = new Map<string, { url: string; problem: string | null }>();
    for (const { url, source } of urls) {
      let key: string;
      let problem: string | null = null;
      try {
        key = storageLocationKey(url);
      } catch (error) {
        key = url;
        problem = `${source}: '${url}' is not a storage Tuneboard can read: ${describeError(error)}`;
      }
      if (!wanted.has(key)) wanted.set(key, { url, problem });
    }
    for (const [key, remote] of this.remotes) {
      if (wanted.get(key)?.url === remote.url) continue;
      this.remotes.delete(key);
      void this.close(remote);
    }
    for (const [key, { url, problem }] of wanted) {
      if (this.remotes.has(key) || this.disposed) continue;
      const remote: Remote = { url, storage: null, fixedProblem: problem, problem, modified: new Date(), failures: 0, timer: null, reading: Promise.resolve(), closed: false };
      this.remotes.set(key, remote);
      if (problem === null) this.schedule(remote, 0);
    }
  }

  /** The URL to open the storage shown as `key` with (with its password), if it is one of ours. */
  urlOf(key: string): string | undefined {
    return this.remotes.get(key)?.url;
  }

  /** What was read of each server, keyed like the files' snapshots (path = the shown location). */
  snapshots(): JournalSnapshot[] {
    return [...this.remotes].map(([key, remote]) => ({
      path: key,
      studies: remote.storage?.getStudies() ?? [],
      trialsOf: (studyId: number) => remote.storage?.getTrials(studyId) ?? [],
      problem: remote.problem,
      modified: remote.modified,
    }));
  }

  /** Reads these servers now (a run of ours just wrote there); resolves when the read is done. */
  async readNow(keys: Iterable<string>): Promise<void> {
    const reads: Promise<void>[] = [];
    for (const key of keys) {
      const remote = this.remotes.get(key);
      if (!remote || remote.fixedProblem !== null) continue;
      if (remote.timer) clearTimeout(remote.timer);
      remote.timer = null;
      remote.failures = 0;
      reads.push(this.read(remote));
    }
    await Promise.all(reads);
  }

  readAll(): Promise<void> {
    return this.readNow([...this.remotes.keys()]);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const remotes = [...this.remotes.values()];
    this.remotes.clear();
    await Promise.all(remotes.map((remote) => this.close(remote)));
  }

  private schedule(remote: Remote, delayMs: number): void {
    if (remote.closed || remote.timer) return;
    remote.timer = setTimeout(() => {
      remote.timer = null;
      void this.read(remote);
    }, delayMs);
  }

  private read(remote: Remote): Promise<void> {
    remote.reading = remote.reading.then(() => this.readOnce(remote));
    return remote.reading;
  }

  private async readOnce(remote: Remote): Promise<void> {
    if (remote.closed) return;
    const before = remote.problem;
    let changed = false;
    try {
      if (remote.storage === null) {
        const storage = await (this.options.open ?? openRemoteJournalForReading)(remote.url);
        if (remote.closed) return void (await storage.close());
        remote.storage = storage;
      }
      changed = await remote.storage.refresh();
      remote.problem = null;
      remote.failures = 0;
    } catch (error) {
      remote.problem = describeError(error);
      remote.failures += 1;
      // A bad op (not a lost connection): the ops after it in that read were skipped, so the next
      // read replays the log afresh rather than go on from a view with a hole in it.
      if (!(error instanceof RedisUnreachableError) && remote.storage !== null) {
        await remote.storage.close().catch(() => undefined);
        remote.storage = null;
      }
    }
    if (remote.closed) return;
    if (changed) remote.modified = new Date();
    if (changed || before !== remote.problem) this.options.onChange();
    const pollMs = this.options.pollMs ?? 1000;
    const backoff = Math.min(pollMs * 2 ** remote.failures, this.options.maxBackoffMs ?? 15_000);
    this.schedule(remote, remote.failures === 0 ? pollMs : backoff);
  }

  private async close(remote: Remote): Promise<void> {
    remote.closed = true;
    if (remote.timer) clearTimeout(remote.timer);
    remote.timer = null;
    await remote.reading.catch(() => undefined);
    await remote.storage?.close().catch(() => undefined);
    remote.storage = null;
  }
}
