// Ending the process on SIGTERM/SIGINT whatever is running: stop the work (cancel jobs, close sockets), then exit;
// exit anyway once a grace period has passed, and at once on a second signal. Used by `serve` and the desktop app.

export interface ShutdownOptions {
  /** Cancels jobs, closes sockets and releases what the process holds; may take a while or never settle. */
  stop(): Promise<void>;
  /** Ends the process (process.exit, or Electron's app.exit). */
  exit(code: number): void;
  log(message: string, error?: unknown): void;
  /** How long stop() may take before the process exits without it. */
  graceMs?: number;
  signals?: NodeJS.Signals[];
  /** The process to listen on (tests pass an emitter of their own). */
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export const SHUTDOWN_GRACE_MS = 4000;

/** Installs the handlers; returns a function that runs the same shutdown without a signal, and a remover. */
export function exitOnSignals(options: ShutdownOptions): { shutdown: (code?: number) => void; remove: () => void } {
  const target = options.target ?? process;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  let stopping = false;

  const shutdown = (code = 0): void => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      options.log(`still stopping after ${(options.graceMs ?? SHUTDOWN_GRACE_MS) / 1000} s; exiting without waiting any longer`);
      options.exit(code);
    }, options.graceMs ?? SHUTDOWN_GRACE_MS);
    options
      .stop()
      .catch((error: unknown) => options.log('could not stop cleanly', error))
      .finally(() => {
        clearTimeout(timer);
        options.exit(code);
      });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second Ctrl+C (or SIGTERM) while stopping means "now".
    if (stopping) return options.exit(signal === 'SIGINT' ? 130 : 143);
    shutdown(0);
  };
  for (const signal of signals) target.on(signal, onSignal);
  return { shutdown, remove: () => signals.forEach((signal) => target.off(signal, onSignal)) };
}
