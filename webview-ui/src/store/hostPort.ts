/** The one way a view talks to the extension host: a message from src/protocol/leaderboard.ts. */
import type { WebviewMessage } from '../../../src/protocol/leaderboard';

export interface HostPort {
  post(message: WebviewMessage): void;
}
