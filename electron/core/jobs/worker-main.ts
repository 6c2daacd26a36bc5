import { parentPort, workerData } from 'node:worker_threads';
import { toTidemarkError } from '../../../shared/result.js';
import type { JobHandler, MainMessage, ProgressUpdate, WorkerMessage, WorkerStart } from './types.js';

/** Worker-side throttle: main throttles again for the UI, this only keeps the message channel quiet. */
const PROGRESS_EVERY_MS = 50;

/** The body of every job worker: runs one job of `workerData.kind` and reports through the message port. */
export function runWorker(handlers: Record<string, JobHandler<never, unknown>>): void {
  const port = parentPort;
  if (!port) throw new Error('runWorker must run inside a worker thread');
  const { kind, input } = workerData as WorkerStart;
  const send = (m: WorkerMessage) => port.postMessage(m);
  const abort = new AbortController();
  port.on('message', (m: MainMessage) => {
    if (m.type === 'cancel') abort.abort();
  });

  let last = 0;
  let pending: ProgressUpdate | null = null;
  const flush = () => {
    if (pending) send({ type: 'progress', update: pending });
    pending = null;
  };

  const handler = handlers[kind];
  const run = async () => {
    if (!handler) throw new Error(`unknown job kind "${kind}"`);
    return handler(input as never, {
      signal: abort.signal,
      progress(update) {
        pending = update;
        const now = Date.now();
        if (now - last >= PROGRESS_EVERY_MS) {
          last = now;
          flush();
        }
      },
      log: (level, message) => send({ type: 'log', level, message }),
    });
  };

  run().then(
    (value) => {
      flush();
      send({ type: 'result', value });
    },
    (e: unknown) => {
      flush();
      const error = abort.signal.aborted ? { code: 'cancelled', message: 'cancelled by the user' } : toTidemarkError(e);
      send({ type: 'error', error });
    },
  );
}
