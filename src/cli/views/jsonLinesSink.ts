/**
 * `tuneboard run --json`: each event as one line of JSON on stdout. The VS Code extension reads
 * these lines, so nothing else may be written to the stream.
 */
import type { TextStream } from '../../protocol/studyEventLog';
import type { StudyEvent, StudyEventSink } from '../../protocol/studyEvents';

export type { TextStream };

export class JsonLinesSink implements StudyEventSink {
  constructor(private readonly stream: TextStream) {}

  handle(event: StudyEvent): void {
    this.stream.write(`${JSON.stringify(event)}\n`);
  }
}
