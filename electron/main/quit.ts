import { app, dialog } from 'electron';

/**
 * Holds the quit until the services closed (workers told to stop, catalog checkpointed), so a job
 * in flight ends as cancelled in the catalog rather than as a killed process.
 */
export function closeOnQuit(close: () => Promise<void> | undefined): void {
  let done = false;
  app.on('will-quit', (event) => {
    if (done) return;
    const closing = close();
    if (!closing) return;
    event.preventDefault();
    done = true;
    closing
      .catch((e: unknown) => console.error(`tidemark: error while closing: ${String(e)}`))
      .finally(() => app.quit());
  });
}

/** A start-up failure (catalog from a newer Tidemark, data dir not writable…) is shown, not swallowed. */
export function failStartup(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  dialog.showErrorBox('Tidemark cannot start', message);
  app.exit(1);
}
