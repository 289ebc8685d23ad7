/**
 * Opening a study's journal wherever it lives: a file (the engine's own backend) or Redis. The runner,
 * the CLI and the editor open journals through here, so every command and view works on both.
 */
import { FileJournalBackend, JournalStorage, parseStorageLocation, type JournalBackend, type OpenStorageOptions } from '../core';
import { RedisJournalBackend, type RedisBackendOptions } from './redisJournalBackend';

export type JournalOpenOptions = OpenStorageOptions & Pick<RedisBackendOptions, 'leaseMs' | 'reconnectMs'>;

/** The backend for a storage text: a path (resolved by the caller) or a redis:// URL. */
export async function openJournalBackend(location: string, options: JournalOpenOptions = {}): Promise<JournalBackend> {
  const parsed = parseStorageLocation(location);
  if (parsed.kind === 'file') return FileJournalBackend.open(parsed.path, options);
  return RedisJournalBackend.open(parsed, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onLockWait ? { onLockWait: options.onLockWait } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    ...(options.lockWaitNoticeMs !== undefined ? { lockWaitNoticeMs: options.lockWaitNoticeMs } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.reconnectMs !== undefined ? { reconnectMs: options.reconnectMs } : {}),
  });
}

/** The journal storage for a storage text (see openJournalBackend). */
export async function openJournalStorage(location: string, options: JournalOpenOptions = {}): Promise<JournalStorage> {
  return JournalStorage.open(await openJournalBackend(location, options), options);
}
