/** Opening a storage: in memory, or an Optuna-compatible journal file. */
import { FileJournalBackend, type FileBackendOptions } from './fileBackend';
import { JournalStorage, type JournalStorageOptions } from './journalStorage';
import { MemoryJournalBackend } from './memoryBackend';

export type OpenStorageOptions = FileBackendOptions & JournalStorageOptions;

/**
 * No location: a fresh in-memory journal. A path: the journal file there, created if missing (with
 * `readOnly`: it must exist, and is never written). `onWarning` hears of every recovered problem.
 */
export async function openStorage(location?: string, options: OpenStorageOptions = {}): Promise<JournalStorage> {
  const backend = location === undefined ? new MemoryJournalBackend() : await FileJournalBackend.open(location, options);
  return JournalStorage.open(backend, options);
}

export type { Storage, StudyRecord, TrialDraft, WaitingTrialAttrs } from './storage';
export { JournalStorage, StorageError, type JournalStorageOptions } from './journalStorage';
export type { AppendOptions, JournalBackend, JournalLine } from './journalBackend';
export { JournalUnreachableError } from './journalBackend';
export { readCompleteLines } from './completeLines';
export { isWholeRecord } from './journalFileChecks';
export { FileJournalBackend, type FileBackendOptions } from './fileBackend';
export { LockWaitAbortedError, type LockOwner } from './fileLock';
export { MemoryJournalBackend } from './memoryBackend';
export { describeStorageLocation, isStorageUrl, parseStorageLocation, StorageLocationError, type StorageLocation } from './storageLocation';
export { JournalError, decodeOp, encodeOp, formatTimestamp, parseJson, parseTimestamp, stringifyJson, type JournalOp } from './journalOps';
export { JournalReplay, type Refusal } from './journalReplay';
