/**
 * The Studies index: every `*.tune.yaml` config and every study journal in the workspace (and on the
 * servers of `tuneboard.storages` and of configs whose `storage:` is a URL), kept up to date by
 * watching the files and polling the servers (docs/design.md §1: the journal is the single source of truth, so a study run
 * from a terminal, a remote worker or Python Optuna shows up here too). No vscode import: the tree,
 * status bar and commands read it, and it unit-tests in plain Node. Nothing here ever throws at its
 * users: an unreadable file becomes a summary with `problem` set.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isStorageUrl, type JournalStorage } from '../../core';
import { JournalReplacedError, openJournalForReading } from './readOnlyJournal';
import { RemoteJournals } from './remoteJournals';
import { describeError, errorCode, isConfigFile, isInside, isJournalLocation, isJsonLinesFile, passesSkippedFolder, readConfigEntry, storageLocationKey, type ConfigEntry } from './studyFiles';
import { buildSummaries, sameSummary, type JournalSnapshot, type StudySummary } from './studySummary';
import { StudyWatcher } from './studyWatcher';

export type { StudySummary } from './studySummary';

export interface StudyIndexOptions {
  /** Workspace folders, searched recursively. */
  readonly roots: readonly string[];
  /** Extra journal folders (the `tuneboard.storageDir` setting), which may lie outside the roots. */
  readonly storageDirs?: readonly string[];
  /** Storage URLs whose studies are shown too (the `tuneboard.storages` setting). */
  readonly storages?: readonly string[];
  /** Between polls of a server (default 1000 ms). */
  readonly pollMs?: number;
  /** How long file events are gathered before they are read (default 75 ms). */
  readonly settleMs?: number;
  /** Where watcher errors go (they never stop the index). */
  readonly log?: (message: string) => void;
}

export interface Disposable {
  dispose(): void;
}

interface OpenJournal {
  readonly storage: JournalStorage;
  problem: string | null;
  modified: Date;
}

export class StudyIndex {
  private roots: readonly string[];
  private storageDirs: readonly string[];
  private readonly configs = new Map<string, ConfigEntry>();
  /** Every `*.jsonl` seen in the watched folders, journal or not: a config may point at one later. */
  private readonly jsonLinesFiles = new Set<string>();
  private readonly journals = new Map<string, OpenJournal>();
  private referenced: ReadonlySet<string> = new Set();
  private summaries: readonly StudySummary[] = [];
  private summariesByKey = new Map<string, StudySummary>();
  private readonly listeners = new Set<(keys: string[]) => void>();
  private watcher: StudyWatcher | null = null;
  private storages: readonly string[];
  private readonly remote: RemoteJournals;
  /** Updates run one at a time, in order, so state is never read half-changed. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: StudyIndexOptions) {
    this.roots = options.roots.map((root) => path.resolve(root));
    this.storageDirs = (options.storageDirs ?? []).map((dir) => path.resolve(dir));
    this.storages = options.storages ?? [];
    this.remote = new RemoteJournals({ onChange: () => void this.enqueue(async () => this.publish()), ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}) });
  }

  /** Scans the folders, reads every config and journal, and starts watching. */
  start(): Promise<void> {
    return this.enqueue(() => this.startWatching());
  }

  /** Every study, sorted by name. */
  studies(): readonly StudySummary[] {
    return this.summaries;
  }

  get(key: string): StudySummary | undefined {
    return this.summariesByKey.get(key);
  }

  /** What the index read of the config at `path` (absolute), if it knows one there. */
  config(path: string): ConfigEntry | undefined {
    return this.configs.get(path);
  }

  /** Called with the keys of studies added, changed or removed. */
  onDidChange(listener: (keys: string[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Re-reads every config and journal now (a journal that could not be read is replayed afresh). */
  refreshNow(): Promise<void> {
    return this.enqueue(async () => {
      await this.remote.readAll();
      await this.update([...this.configs.keys(), ...this.jsonLinesFiles, ...this.referenced]);
    });
  }

  /**
   * Reads these configs and journals now, without waiting for the file watcher: the editor's own study
   * process just wrote to them, or a command needs a config just created. Resolves once listeners have
   * been told, so every view shows the same read.
   */
  readNow(files: readonly string[]): Promise<void> {
    const onServers = files.filter((file) => isStorageUrl(file));
    return this.enqueue(async () => {
      await this.update(files.filter((file) => !isStorageUrl(file)).map((file) => path.resolve(file)));
      if (onServers.length === 0) return;
      // The servers' reads are published here, so readNow resolves once the views have them.
      await this.remote.readNow(onServers.flatMap((url) => knownLocation(url)));
      this.publish();
    });
  }

  /** New `tuneboard.storages`: reads those servers from now on. */
  setStorages(storages: readonly string[]): Promise<void> {
    return this.enqueue(async () => {
      this.storages = storages;
      this.syncServers();
      this.publish();
    });
  }

  /**
   * What a `tuneboard` command is given to open this study's journal (`--storage`, `stop <…>`): its
   * file, or its server's URL as the user wrote it (with the password the shown form leaves out).
   */
  storageArgument(study: Pick<StudySummary, 'journalPath'>): string {
    return this.remote.urlOf(study.journalPath) ?? study.journalPath;
  }

  /** New workspace folders or storage setting: watches afresh. */
  setRoots(roots: readonly string[], storageDirs: readonly string[] = []): Promise<void> {
    return this.enqueue(async () => {
      await this.stopWatching();
      this.roots = roots.map((root) => path.resolve(root));
      this.storageDirs = storageDirs.map((dir) => path.resolve(dir));
      await this.startWatching();
    });
  }

  /** Closes the watcher and every journal; the index reads nothing afterwards. */
  dispose(): Promise<void> {
    this.disposed = true;
    this.listeners.clear();
    return this.queue.then(() => Promise.all([this.stopWatching(), this.remote.dispose()])).then(() => undefined);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.disposed) return;
      try {
        await task();
      } catch (error) {
        this.options.log?.(`Studies index: ${describeError(error)}`); // a bug here must not break the views
      }
    });
    this.queue = run;
    return run;
  }

  private async startWatching(): Promise<void> {
    const { watcher, found } = await StudyWatcher.start({
      folders: [...this.roots, ...this.storageDirs.filter((dir) => !this.roots.some((root) => isInside(dir, root)))],
      storageDirs: this.storageDirs,
      settleMs: this.options.settleMs ?? 75,
      onChange: (paths) => void this.enqueue(() => this.update(paths)),
      onError: (error) => this.options.log?.(`Studies index: watching failed: ${describeError(error)}`),
    });
    if (this.disposed) return void (await watcher.close());
    this.watcher = watcher;
    // Anything known from before (setRoots) is checked again: it may be outside the new folders.
    await this.update([...found, ...this.configs.keys(), ...this.jsonLinesFiles, ...this.referenced]);
  }

  private async stopWatching(): Promise<void> {
    await this.watcher?.close();
    this.watcher = null;
    await Promise.all([...this.journals.values()].map((journal) => journal.storage.close()));
    this.journals.clear();
  }

  /** Reads what changed at `paths`, then tells listeners which studies changed. */
  private async update(paths: readonly string[]): Promise<void> {
    const journalsToRead = new Set<string>();
    for (const file of new Set(paths)) {
      if (isConfigFile(file)) await this.readConfig(file);
      else if (isJsonLinesFile(file)) journalsToRead.add(file);
      else this.forgetFolder(file, journalsToRead);
    }
    for (const file of journalsToRead) {
      if (await exists(file)) this.jsonLinesFiles.add(file);
      else this.jsonLinesFiles.delete(file);
    }
    // A config that now points at another journal: read the new one, let go of the old one.
    const referenced = new Set([...this.configs.values()].filter((c) => c.problem === null && !isStorageUrl(c.journalPath)).map((c) => c.journalPath));
    for (const file of symmetricDifference(referenced, this.referenced)) journalsToRead.add(file);
    this.referenced = referenced;
    for (const file of journalsToRead) await this.readJournal(file);
    // Journals the folder watch does not see (elsewhere, or in a skipped folder) are watched one by one.
    const watchedFolders = [...this.roots, ...this.storageDirs];
    const seenByFolders = (file: string): boolean => watchedFolders.some((folder) => isInside(file, folder) && !passesSkippedFolder(file, folder));
    this.watcher?.setExtraFiles(new Set([...referenced].filter((file) => !seenByFolders(file))));
    this.syncServers();
    this.publish();
  }

  /** The servers to poll: the setting's, and those valid configs name in `storage:`. */
  private syncServers(): void {
    const fromConfigs = [...this.configs.values()].flatMap((c) => (c.problem === null && c.storageUrl !== null ? [{ url: c.storageUrl, source: c.path }] : []));
    this.remote.setUrls([...this.storages.map((url) => ({ url, source: 'tuneboard.storages' })), ...fromConfigs]);
  }

  private async readConfig(file: string): Promise<void> {
    const entry = this.isWatched(file) ? await readConfigEntry(file) : null;
    if (entry) this.configs.set(file, entry);
    else this.configs.delete(file);
  }

  /** A folder removed (or anything else not a study file): forget what was inside it. */
  private forgetFolder(folder: string, journalsToRead: Set<string>): void {
    for (const file of this.configs.keys()) if (isInside(file, folder)) this.configs.delete(file);
    for (const file of [...this.jsonLinesFiles, ...this.journals.keys()]) if (isInside(file, folder)) journalsToRead.add(file);
  }

  /** Opens, refreshes or closes the journal at `file`, as it now is. */
  private async readJournal(file: string): Promise<void> {
    const isJournal = isJournalLocation(file, this.storageDirs, this.referenced);
    const present = this.jsonLinesFiles.has(file) || (this.referenced.has(file) && (await exists(file)));
    if (!isJournal || !present || !this.isWatched(file)) return this.closeJournal(file);
    let journal = this.journals.get(file);
    // A journal that could not be read is replayed from the start: its writer may have fixed it.
    if (journal?.problem) journal = await this.closeJournal(file);
    try {
      journal ??= await this.openJournal(file);
      try {
        await journal.storage.refresh(); // only the bytes appended since the last read
      } catch (error) {
        if (!(error instanceof JournalReplacedError)) throw error;
        await this.closeJournal(file);
        journal = await this.openJournal(file);
        await journal.storage.refresh();
      }
      journal.problem = null;
      journal.modified = (await stat(file)).mtime;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        this.jsonLinesFiles.delete(file);
        return this.closeJournal(file);
      }
      if (journal) journal.problem = describeError(error); // a JournalError reads `file:line: what is wrong`
    }
  }

  private async openJournal(file: string): Promise<OpenJournal> {
    const journal: OpenJournal = { storage: await openJournalForReading(file), problem: null, modified: new Date() };
    this.journals.set(file, journal);
    return journal;
  }

  private async closeJournal(file: string): Promise<undefined> {
    const journal = this.journals.get(file);
    this.journals.delete(file);
    await journal?.storage.close();
    return undefined;
  }

  /** Files outside the folders count only as journals a config points at. */
  private isWatched(file: string): boolean {
    return [...this.roots, ...this.storageDirs].some((folder) => isInside(file, folder)) || this.referenced.has(file);
  }

  private publish(): void {
    const files = [...this.journals].map(([file, journal]) => snapshot(file, journal));
    const next = buildSummaries(this.configs.values(), [...files, ...this.remote.snapshots()]);
    const nextByKey = new Map(next.map((summary) => [summary.key, summary]));
    const changed = next.filter((summary) => {
      const previous = this.summariesByKey.get(summary.key);
      return !previous || !sameSummary(previous, summary);
    }).map((summary) => summary.key);
    for (const key of this.summariesByKey.keys()) if (!nextByKey.has(key)) changed.push(key);
    this.summaries = Object.freeze(next);
    this.summariesByKey = nextByKey;
    if (changed.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(changed);
      } catch (error) {
        this.options.log?.(`Studies index: a listener failed: ${describeError(error)}`);
      }
    }
  }
}

function snapshot(file: string, journal: OpenJournal): JournalSnapshot {
  return {
    path: file,
    studies: journal.storage.getStudies(),
    trialsOf: (studyId) => journal.storage.getTrials(studyId),
    problem: journal.problem,
    modified: journal.modified,
  };
}

/** A URL in its shown form, if it parses (a malformed one is not a server the index reads). */
function knownLocation(url: string): string[] {
  try {
    return [storageLocationKey(url)];
  } catch {
    return [];
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then((stats) => stats.isFile(), () => false);
}

function symmetricDifference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] {
  return [...[...a].filter((item) => !b.has(item)), ...[...b].filter((item) => !a.has(item))];
}
