/**
 * Which journal locks the current async call chain holds: a storage's withLock() opens a section, and
 * the calls inside it (however deep, across awaits) find it here, so a nested withLock() does not wait
 * for itself and a write checks that its lock is still held.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** A withLock section, as seen by the calls inside it. */
export interface LockSection {
  /** The storage whose lock this is. */
  readonly owner: object;
  /** The lock is held for the calls in this section. */
  active: boolean;
  /** Opened with `releaseEarly`: a write marked `lastWrite` may release the lock. */
  readonly releaseEarly: boolean;
  /** Released with such a write; the section has not ended yet. */
  released: boolean;
}

/** One context for the whole process: an AsyncLocalStorage per storage would slow every later promise once many journals were opened. */
const sections = new AsyncLocalStorage<readonly LockSection[]>();

/** Runs `fn` inside `section`, and inside the sections the caller is in. */
export function runInSection<T>(section: LockSection, fn: () => T | Promise<T>): Promise<T> {
  return Promise.resolve(sections.run([...(sections.getStore() ?? []), section], fn));
}

/** `owner`'s section the current call runs in, if one matches `test`. */
export function currentSection(owner: object, test: (section: LockSection) => boolean): LockSection | undefined {
  return sections.getStore()?.find((section) => section.owner === owner && test(section));
}
