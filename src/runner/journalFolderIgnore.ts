/**
 * The `.gitignore` in Tuneboard's own folder. `.tuneboard/` beside a config holds the study journals
 * and one log file per trial: after a few studies, Source Control listed a hundred untracked logs.
 * So the run that creates the logs folder leaves a `.gitignore` in `.tuneboard/`: logs ignored (large,
 * rewritten by every run), journals kept (they are the results: whether to commit them is the user's
 * choice, one line to change). One that is already there is the user's and is never rewritten.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The folder Tuneboard keeps journals and logs in beside a config (the default `storage:`). */
export const JOURNAL_FOLDER_NAME = '.tuneboard';

export const JOURNAL_FOLDER_GITIGNORE = `# Written by Tuneboard once; your edits are kept (delete the file and the next run writes it again).
# Trial logs: large, and written again by every run.
logs/
# A journal's lock (and its hand-over file) while a run appends to it.
*.jsonl.lock*
# The study journals (*.jsonl) are kept: they are your studies' results, and Tuneboard, Optuna and
# optuna-dashboard read them. To leave them out of Git too, uncomment the next line.
# *.jsonl
`;

/**
 * The `.tuneboard` folder a trial log folder is in (logs go to `.tuneboard/logs/<journal>/<study>/`),
 * else null: logs beside a `storage:` in a folder of the user's, which is theirs to ignore or not.
 */
export function journalFolderOf(logDir: string): string | null {
  let dir = path.resolve(logDir);
  for (let parent = path.dirname(dir); parent !== dir; dir = parent, parent = path.dirname(dir)) {
    if (path.basename(dir) === 'logs' && path.basename(parent) === JOURNAL_FOLDER_NAME) return parent;
  }
  return null;
}

export type GitignoreOutcome = 'written' | 'kept' | 'failed';

/**
 * Writes `<folder>/.gitignore` unless a file of that name is there. Created exclusively (`wx`), so a
 * user's file, or one another run wrote a moment ago, is never overwritten. A folder that cannot take
 * it ('failed') does not stop the study: the file only keeps Source Control tidy.
 */
export function writeJournalFolderGitignore(folder: string): GitignoreOutcome {
  try {
    writeFileSync(path.join(folder, '.gitignore'), JOURNAL_FOLDER_GITIGNORE, { flag: 'wx' });
    return 'written';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'kept' : 'failed';
  }
}

/** After the logs folder is created: the `.gitignore` of the `.tuneboard` folder it is in, if any. */
export function ignoreLogsOf(logDir: string): GitignoreOutcome | null {
  const folder = journalFolderOf(logDir);
  return folder === null ? null : writeJournalFolderGitignore(folder);
}
