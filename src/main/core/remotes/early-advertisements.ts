// A command-line push (or fetch) asks each remote for its refs before the rest of the app is even loaded: the GET
// leaves first, the server answers while this process loads its code and opens the workspace, and the push takes the
// answer when it comes to make the same request. Only an identical request (method, URL and every header, so the
// same credential) is answered from here; any other goes to the network as before, and an answer nobody took is
// dropped when the command ends. Asking early never fails the command: a remote that cannot be asked now (no such
// remote, SSH, no usable URL, an unreadable config) is left to the push, which reports it as it always has.

import { resolve } from 'node:path';
import { discoverLayout } from '../git/layout';
import type { HttpClient, HttpRequest, HttpResponse } from './http-transport';
import { advertisementRequest, type GitService } from './ref-advertisement';
import { remoteConfigsIn } from './remote-config';
import { resolveEndpoint, type RemoteServices } from './remote-endpoint';

export interface EarlyAdvertisementOptions {
  /** The workspace's folder, as the command was given it. */
  path: string;
  /** The remotes the command names; all of the repository's when absent or empty. */
  remotes?: string[];
  purpose: 'push' | 'fetch';
  services: RemoteServices;
  /** How long `sent` waits at most: a far server's connection is then finished while the app loads. */
  waitMs: number;
}

export interface EarlyAdvertisements {
  /** The client for the app: answers the requests sent early (once each) and passes every other to `services.http`. */
  http: HttpClient;
  /** Settles once every early request has left (or failed, or could not be made), or after `waitMs`. */
  sent: Promise<void>;
  /** Cancels the early requests nobody took. */
  dispose(): void;
}

interface EarlyRequest {
  key: string;
  controller: AbortController;
  response: Promise<HttpResponse>;
}

/** What makes two requests the same: method, URL and headers (the signal and callbacks are the caller's own). */
function requestKey(request: HttpRequest): string | null {
  if (request.method !== 'GET' || request.body) return null;
  const headers = Object.entries(request.headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([request.url, headers]);
}

const SERVICE: Record<EarlyAdvertisementOptions['purpose'], GitService> = { push: 'git-receive-pack', fetch: 'git-upload-pack' };

/** Sends the advertisement request of each remote `options.remotes` names (all when none), as the push or fetch will. */
export function requestAdvertisementsEarly(options: EarlyAdvertisementOptions): EarlyAdvertisements {
  const { services, purpose } = options;
  const pending: EarlyRequest[] = [];
  let disposed = false;

  const ask = async (): Promise<void> => {
    const absolute = resolve(options.path);
    const layout = await discoverLayout(absolute);
    if (layout.bare) return; // not a workspace: the command refuses it
    const workspacePath = layout.workdir ?? absolute;
    const named = options.remotes?.length ? new Set(options.remotes) : null;
    const entries = (await remoteConfigsIn(layout.commondir)).filter((entry) => !named || named.has(entry.name));
    await Promise.all(
      entries.map(async (entry) => {
        try {
          const endpoint = await resolveEndpoint(services, workspacePath, entry, purpose);
          if (disposed) return;
          const controller = new AbortController();
          const request = advertisementRequest(endpoint.url, SERVICE[purpose], endpoint.headers, controller.signal);
          const key = requestKey(request)!;
          let left!: () => void;
          const gone = new Promise<void>((settle) => (left = settle));
          const response = services.http({ ...request, onSent: left });
          // Whoever takes it sees its failure; one nobody takes must not end the process as an unhandled rejection.
          const settled = response.then(
            () => undefined,
            () => undefined,
          );
          pending.push({ key, controller, response });
          await Promise.race([gone, settled]);
        } catch {
          // Left to the command, which asks again and reports what is wrong with this remote.
        }
      }),
    );
  };

  let timer: NodeJS.Timeout | undefined;
  const sent = Promise.race([
    ask().catch(() => undefined),
    new Promise<void>((settle) => {
      timer = setTimeout(settle, options.waitMs);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));

  const http: HttpClient = (request) => {
    const key = requestKey(request);
    const index = key === null ? -1 : pending.findIndex((early) => early.key === key);
    if (index < 0) return services.http(request);
    const [taken] = pending.splice(index, 1);
    // Cancelling the taker's request cancels the early one it now reads.
    const signal = request.signal;
    if (signal?.aborted) taken!.controller.abort();
    else signal?.addEventListener('abort', () => taken!.controller.abort(), { once: true });
    return taken!.response;
  };

  return {
    http,
    sent,
    dispose() {
      disposed = true;
      for (const early of pending.splice(0)) early.controller.abort();
    },
  };
}
