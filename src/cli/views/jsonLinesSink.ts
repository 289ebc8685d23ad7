/**
 * `tuneboard run --json`: each event as one line of JSON on stdout. The VS Code extension reads
 * these lines, so nothing else may be written to the stream.
 */
import type { StudyEvent, StudyEventSink } from '../../protocol/studyEvents';

/** Where text goes: stdout, a file, or a test's buffer. */
export interface TextStream {
  write(text: string): unknown;
}

export class JsonLinesSink implements StudyEventSink {
  constructor(private readonly stream: TextStream) {}

  handle(event: StudyEvent): void {
    this.stream.write(`${JSON.stringify(event)}\n`);
  }
}
