/**
 * File events for the Studies index, from chokidar's native watchers (inotify, FSEvents,
 * ReadDirectoryChangesW): no polling, heavy folders skipped, and no awaitWriteFinish, because a
 * journal grows line by line and each complete line is news. Events are gathered for a short while
 * so a burst of appends becomes one read per file.
 */
import { watch, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import * as path from 'node:path';
import { isConfigFile, isInside, isJsonLinesFile, isTrialLogFolder, passesSkippedFolder } from './studyFiles';

/** When a batch's journals are looked at again (see `echo`). */
const ECHO_AFTER_MS = 400;

export interface StudyWatcherOptions {
  /** Folders watched recursively (workspace roots, storage folders). */
  readonly folders: readonly string[];
  /** Journal folders besides `.tuneboard/`, whose `logs/` are skipped too. */
  readonly storageDirs: readonly string[];
  /** How long events are gathered before `onChange` sees them. */
  readonly settleMs: number;
  /** The longest start() waits for the initial scan. */
  readonly readyTimeoutMs?: number;
  /** Paths touched (added, changed, removed; a removed folder is reported as the folder). */
  readonly onChange: (paths: string[]) => void;
  readonly onError: (error: unknown) => void;
}

export class StudyWatcher {
  private readonly pending = new Set<string>();
  /** Single files watched outside the folders: journals that configs put elsewhere. */
  private extraFiles = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private echoTimer: ReturnType<typeof setTimeout> | null = null;
  private ready = false;
  private readonly watcher: FSWatcher;

  private constructor(private readonly options: StudyWatcherOptions) {
    const folders = options.folders.map((folder) => path.resolve(folder));
    this.watcher = watch(folders, {
      ignoreInitial: false,
      usePolling: false,
      awaitWriteFinish: false,
      ignorePermissionErrors: true,
      ignored: (file: string, stats?: Stats) => this.isIgnored(file, folders, stats),
    });
    const touched = (file: string): void => this.touch(path.resolve(file));
    this.watcher.on('add', touched).on('change', touched).on('unlink', touched).on('unlinkDir', touched);
    this.watcher.on('error', (error: unknown) => options.onError(error));
  }

  /** Watches the folders; resolves once their initial scan is done, with every relevant file found. */
  static start(options: StudyWatcherOptions): Promise<{ watcher: StudyWatcher; found: string[] }> {
    const studyWatcher = new StudyWatcher(options);
    if (options.folders.length === 0) {
      // chokidar never says `ready` for nothing (no folder open); extra files may still be added.
      studyWatcher.ready = true;
      return Promise.resolve({ watcher: studyWatcher, found: [] });
    }
    return new Promise((resolve) => {
      const settle = (): void => {
        if (studyWatcher.ready) return;
        clearTimeout(fallback);
        studyWatcher.ready = true;
        resolve({ watcher: studyWatcher, found: studyWatcher.takePending() });
      };
      // A scan that never finishes (a vast tree, a watch limit hit) must not hold the index forever:
      // what was found so far is read now, and the rest arrives as events.
      const fallback = setTimeout(settle, options.readyTimeoutMs ?? 30_000);
      studyWatcher.watcher.once('ready', settle);
    });
  }

  /** Sets the single files watched besides the folders (they need not exist yet). */
  setExtraFiles(files: ReadonlySet<string>): void {
    const removed = [...this.extraFiles].filter((file) => !files.has(file));
    const added = [...files].filter((file) => !this.extraFiles.has(file));
    this.extraFiles = new Set(files);
    if (removed.length > 0) this.watcher.unwatch(removed);
    if (added.length > 0) this.watcher.add(added);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.echoTimer) clearTimeout(this.echoTimer);
    this.timer = null;
    this.pending.clear();
    await this.watcher.close();
  }

  private touch(file: string): void {
    this.pending.add(file);
    // Not restarted by later events: a journal appended to continuously is still read every settleMs.
    if (this.ready && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        const paths = this.takePending();
        if (paths.length === 0) return;
        this.options.onChange(paths);
        this.echo(paths);
      }, this.options.settleMs);
    }
  }

  /**
   * Reports the journals of a batch once more a little later. chokidar drops a 'change' whose mtime
   * equals the previous one, so the last append of a burst (a study's final result) can arrive
   * without an event; the index reads incrementally, so a second look costs one stat and no replay.
   */
  private echo(paths: readonly string[]): void {
    const journals = paths.filter((file) => isJsonLinesFile(file));
    if (journals.length === 0) return;
    if (this.echoTimer) clearTimeout(this.echoTimer);
    this.echoTimer = setTimeout(() => {
      this.echoTimer = null;
      this.options.onChange(journals);
    }, ECHO_AFTER_MS);
  }

  private takePending(): string[] {
    const paths = [...this.pending];
    this.pending.clear();
    return paths;
  }

  private isIgnored(file: string, folders: readonly string[], stats: Stats | undefined): boolean {
    const absolute = path.resolve(file);
    // A watched file outside the folders, and the folders above it that chokidar watches while it is missing.
    if ([...this.extraFiles].some((extra) => isInside(extra, absolute))) return false;
    const base = folders.find((folder) => isInside(absolute, folder));
    if (base !== undefined && passesSkippedFolder(absolute, base)) return true;
    if (isTrialLogFolder(absolute, this.options.storageDirs)) return true;
    // Other files are noise (data, logs, lock files); folders must be entered.
    return stats?.isFile() === true && !isConfigFile(absolute) && !isJsonLinesFile(absolute);
  }
}
