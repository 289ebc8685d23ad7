/** The views of `tuneboard run`: which one renders the study's events depends on where output goes. */
import type { StudyEventSink } from '../../protocol/studyEvents';
import { JsonLinesSink } from './jsonLinesSink';
import { LiveViewSink, type LiveViewOptions, type TerminalStream } from './liveViewSink';
import { PlainLogSink } from '../../protocol/studyEventLog';

export interface SinkChoice {
  /** `--json`: machine-readable lines for the VS Code extension; wins over everything else. */
  readonly json: boolean;
  /** Output is a terminal that can redraw in place. */
  readonly tty: boolean;
  readonly stream: TerminalStream;
  readonly live?: LiveViewOptions;
  /** Plain log: a line per intermediate report too. */
  readonly verbose?: boolean;
}

export function createSink(choice: SinkChoice): StudyEventSink {
  if (choice.json) return new JsonLinesSink(choice.stream);
  // A terminal that reports no size (some pseudo-terminals on CI) cannot be redrawn in place reliably.
  const sized = (choice.stream.columns ?? 0) > 0 && (choice.stream.rows ?? 0) > 0;
  if (choice.tty && sized) return new LiveViewSink(choice.stream, choice.live);
  return new PlainLogSink(choice.stream, { reports: choice.verbose === true });
}

export { JsonLinesSink, type TextStream } from './jsonLinesSink';
export { LiveViewSink, type LiveViewOptions, type TerminalStream } from './liveViewSink';
export { PlainLogSink } from '../../protocol/studyEventLog';
export { formatLeaderboard, type Leaderboard, type LeaderboardOptions } from './leaderboardTable';
