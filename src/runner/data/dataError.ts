/**
 * A problem with a data file or with what was asked of it, located as `file:line: message` so
 * terminals and editors link straight to the offending line.
 */
export class DataError extends Error {
  override name = 'DataError';

  /**
   * @param line 1-based line in `file`, or null when the problem is not on one line
   *   (a missing target column, too few rows for k folds).
   * @param reason the message without the location, for callers that show the location themselves.
   */
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
  }
}
