// What the command line and its background helper say to each other: one JSON object per line.
//
// command -> helper: the request (key, environment without secrets, the push and the request's own secrets), then
//   `cancel` on Ctrl+C.
// helper -> command: `declined`, or `accepted` (the push starts at once), `out`/`err` text as the command prints it,
//   and last `exit`. Once its request is out, a command never pushes by itself: a push never runs twice.
// `daemon --stop` sends a `stop` with the key instead; the helper answers `exit` and ends.

import type { FleetErrorPayload } from '../../shared/errors';

/** The one command the helper runs today. */
export interface PushRequest {
  type: 'request';
  version: 1;
  key: string;
  /** The command's sharedEnvironment() as JSON: served only when it is the helper's own. */
  environment: string;
  command: 'push';
  /** Absolute: the helper's working folder is not the command's. */
  repo: string;
  remotes?: string[];
  json: boolean;
  /** The command's secret-looking environment variables (its tokens), for this request only. */
  secrets: Record<string, string>;
}

/** `fleet-control daemon --stop`: the helper ends (after cancelling what it runs). */
export interface StopRequest {
  type: 'stop';
  version: 1;
  key: string;
}

export type CommandMessage = PushRequest | StopRequest | { type: 'cancel' };

export type HelperMessage =
  | { type: 'accepted'; pid: number }
  | { type: 'declined'; text: string }
  | { type: 'out'; text: string }
  | { type: 'err'; text: string }
  | { type: 'exit'; ok: boolean; error?: FleetErrorPayload };

/** Longest line either side accepts (a report of many branches is well below). */
export const MAX_LINE = 8 * 1024 * 1024;

/** Splits a stream of text into lines; `onLine` gets each complete one. Returns false once a line is too long. */
export function lineReader(onLine: (line: string) => void): (chunk: string) => boolean {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      onLine(line);
    }
    return pending.length <= MAX_LINE;
  };
}
