// `fleet-control serve`: opens the repository (or the demo), starts the browser host, prints a single-use link, and
// runs until SIGINT/SIGTERM, which cancel the jobs, close the sockets and exit within a few seconds whatever runs.

import { createInterface } from 'node:readline';
import type { FleetApp } from './core/app';
import type { WorkspaceSummary } from '../shared/types';
import { exitOnSignals } from './shutdown';

export interface ServeOptions {
  app: FleetApp;
  repo: string | undefined;
  host: string | undefined;
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  print(line: string): void;
  log(message: string, error?: unknown): void;
}

/**
 * Each line a script writes to a piped standard input prints another link (a terminal's is left alone: reading it
 * from a background job would stop the process).
 */
function printLinksOnRequest(newLink: () => string, print: (line: string) => void): void {
  if (process.stdin.isTTY) return;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', () => print(`New link (opens one tab, once): ${newLink()}`));
  lines.on('error', () => lines.close());
}

/** Serves until a signal; resolves never (the process exits from the signal handler). */
export async function serve(options: ServeOptions): Promise<void> {
  const { app } = options;
  let workspace: WorkspaceSummary;
  let server: Awaited<ReturnType<typeof import('./server/browser-host').startBrowserHost>>;
  try {
    workspace = options.repo ? await app.openWorkspace(options.repo) : await app.openDemoWorkspace();
    // The host (and its WebSocket library) loads only for `serve`, keeping `status` and `init` quick to start.
    const { startBrowserHost } = await import('./server/browser-host');
    server = await startBrowserHost({ app, host: options.host, port: options.port, rendererDir: options.rendererDir, log: options.log });
  } catch (error) {
    await app.dispose(); // the repository watcher would otherwise keep the process alive
    throw error;
  }
  exitOnSignals({
    // Jobs first (their cancel reaches every file-system and network step), then the sockets and sessions.
    stop: async () => {
      const disposed = app.dispose();
      await server.close();
      await disposed;
    },
    exit: (code) => process.stderr.write('', () => process.exit(code)),
    log: options.log,
  });
  options.print(`Fleet Control is serving ${workspace.name} at ${server.url}  (the link opens one tab, once; Ctrl+C stops it)`);
  printLinksOnRequest(server.newLink, options.print);
  await new Promise<never>(() => undefined);
}
