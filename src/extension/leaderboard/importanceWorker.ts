/**
 * The worker thread that computes parameter importance for the leaderboard (bundled as
 * dist/importanceWorker.js), so a forest fit never blocks the extension host. It answers each
 * `ImportanceRequest` with an `ImportanceReply` carrying the same id; see ImportanceService.
 */
import { parentPort } from 'node:worker_threads';
import { computeImportance, type ImportanceOutcome, withImputationNote } from '../../core';
import type { ImportanceReply, ImportanceRequest } from './importanceService';

const port = parentPort;
if (!port) throw new Error('importanceWorker runs as a worker thread: start it through ImportanceService');

port.on('message', (request: ImportanceRequest) => {
  let outcome: ImportanceOutcome;
  try {
    outcome = withImputationNote(computeImportance(request.input, request.options), request.input);
  } catch (error) {
    // Malformed trials are a bug to report, not a reason to lose the worker.
    outcome = { result: null, reason: `Parameter importance failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const reply: ImportanceReply = { id: request.id, outcome };
  port.postMessage(reply);
});
