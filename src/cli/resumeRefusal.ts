/**
 * `tuneboard resume` continues a study that is already in its journal. Checked before anything is
 * opened for writing, so a refusal leaves no journal, lock or log folder behind.
 */
import { existsSync } from 'node:fs';
import { isStorageUrl } from '../core';
import { openJournalStorage } from '../redis/openJournal';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { cliCommand } from './invocation';
import { shownStorage } from './studyLocation';

/** Why `resume` must refuse (a message naming the journal and how to start the study), or null to go on. */
export async function resumeRefusal(storagePath: string, study: string, configFile: string): Promise<string | null> {
  const exists = isStorageUrl(storagePath) || existsSync(storagePath);
  if (exists && (await holdsStudy(storagePath, study))) return null;
  const why = exists ? '' : ' (the file does not exist yet)';
  return `${shownStorage(storagePath)} has no study '${study}' to resume${why}; start it with: ${cliCommand(['run', configFile])}`;
}

async function holdsStudy(storagePath: string, study: string): Promise<boolean> {
  // The journal exists, so opening it creates nothing; it is closed at once. One that cannot be read
  // is not refused here: the run goes on to report it as it reports any journal error.
  // A server that cannot be reached is said here, once, rather than as a failed run.
  const storage = await openJournalStorage(storagePath, { readOnly: true }).catch((error: unknown) => {
    if (error instanceof RedisUnreachableError) throw error;
    return null;
  });
  if (!storage) return true;
  try {
    return storage.findStudy(study) !== undefined;
  } finally {
    await storage.close();
  }
}
