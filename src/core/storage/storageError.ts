/** The errors a journal storage throws for misuse, and the words for records the replay ignored. */
import type { Refusal } from './journalReplay';

/** Misuse of the storage: an unknown id, a finished trial updated, a duplicate study name. */
export class StorageError extends Error {
  override name = 'StorageError';

  constructor(
    message: string,
    /** Set when the replay ignored a record of ours, and why (another worker's record came first). */
    readonly refusal?: Refusal,
  ) {
    super(message);
  }
}

/** Why one of our records was ignored, in the words the checks before writing use. */
export const REFUSAL_TEXT: Readonly<Record<Refusal, string>> = {
  'no-study': 'no such study (deleted?)',
  'duplicate-study': 'a study of that name exists',
  'no-trial': 'no such trial',
  finished: 'it already finished',
  'param-clash': "its distribution differs from the study's earlier trials'",
  'already-running': 'another process started it first',
};
