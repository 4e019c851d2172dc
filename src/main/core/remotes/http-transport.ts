// The HTTP the push speaks through: an injectable client (tests and the bench use the real one against loopback
// servers), kept-alive connections, redirects followed for GET, and network failures turned into NETWORK errors.

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { FleetError } from '../../../shared/errors';
import { redactUrl } from './remote-url';
import { requireSecureTransport } from '../secrets/secure-transport';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** The request body; sent with Content-Length when `contentLength` is known, else chunked. */
  body?: AsyncIterable<Buffer>;
  contentLength?: number;
  signal?: AbortSignal;
  /** Called once the whole request has been handed to the operating system (not called when it fails first). */
  onSent?: () => void;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  /** The URL that answered, after redirects. */
  url: string;
  body: AsyncIterable<Buffer>;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const IDLE_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

interface Client {
  request: typeof httpRequest;
  agent: HttpAgent | HttpsAgent;
}
const plainClient: Client = { request: httpRequest, agent: new HttpAgent({ keepAlive: true }) };
let secure: Client | null = null;

/** node:https and its keep-alive agent, loaded by the first https request: a command that sends none skips loading TLS. */
function secureClient(): Client {
  if (!secure) {
    const https = process.getBuiltinModule('node:https');
    secure = { request: https.request, agent: new https.Agent({ keepAlive: true }) };
  }
  return secure;
}

/** True for errors that mean the server could not be reached or the connection broke. */
export function isNetworkFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (code !== undefined && NETWORK_CODES.has(code)) || (error instanceof Error && /socket hang up|aborted|timed out/i.test(error.message));
}

/** A NETWORK error naming the server, from whatever the socket reported. */
export function networkError(url: string, error: unknown): FleetError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return redactUrl(url);
    }
  })();
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `the name ${host} could not be resolved (offline, or a typo in the address)`
      : code === 'ECONNREFUSED'
        ? `${host} refused the connection`
        : code === 'ETIMEDOUT'
          ? `${host} did not answer in time`
          : `the connection to ${host} broke (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return new FleetError('NETWORK', `Could not reach the remote: ${why}. Nothing was changed; try again when the connection is back.`, {
    url: redactUrl(url),
    cause: code ?? null,
  });
}

function tlsError(url: string, error: Error): FleetError {
  return new FleetError('NETWORK', `The secure connection to ${redactUrl(url)} failed: ${error.message}.`, { url: redactUrl(url), cause: (error as NodeJS.ErrnoException).code ?? null, tls: true });
}

function once(request: HttpRequest): Promise<IncomingMessage> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? secureClient() : plainClient;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.contentLength !== undefined ? { 'Content-Length': String(request.contentLength) } : {}),
        },
        agent: client.agent,
        signal: request.signal,
      },
      resolve,
    );
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    if (request.onSent) req.once('finish', request.onSent);
    if (!request.body) return void req.end();
    void (async () => {
      try {
        for await (const chunk of request.body!) {
          if (!req.write(chunk)) await new Promise<void>((drained) => req.once('drain', drained));
        }
        req.end();
      } catch (error) {
        req.destroy(error as Error);
      }
    })();
  });
}

/** The default client: node:http / node:https with keep-alive; GET follows up to five redirects. */
export const nodeHttpClient: HttpClient = async (request) => {
  let url = request.url;
  for (let redirects = 0; ; redirects++) {
    let response: IncomingMessage;
    try {
      response = await once({ ...request, url });
    } catch (error) {
      if (request.signal?.aborted) throw new FleetError('CANCELLED', 'The operation was cancelled.');
      // A failure while producing the body (a damaged object, say) is ours, not the network's.
      if (error instanceof FleetError) throw error;
      if (error instanceof Error && /certificate|self.signed|SSL|TLS/i.test(`${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}`)) throw tlsError(url, error);
      throw networkError(url, error);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (request.method === 'GET' && [301, 302, 303, 307, 308].includes(status) && location && redirects < MAX_REDIRECTS) {
      response.resume();
      url = new URL(location, url).toString();
      // A redirect must not carry the credential somewhere it would travel unencrypted.
      if (request.headers.Authorization || request.headers.authorization) requireSecureTransport(url, 'the token');
      continue;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return { statusCode: status, headers, url, body: guardBody(response, url, request.signal) };
  }
};

/** The response body, with a broken connection mid-answer reported as NETWORK (or CANCELLED, when it was a cancel). */
async function* guardBody(response: IncomingMessage, url: string, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of response) yield chunk as Buffer;
  } catch (error) {
    if (signal?.aborted) throw new FleetError('CANCELLED', 'The operation was cancelled.');
    throw networkError(url, error);
  }
  if (!response.complete) throw networkError(url, Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }));
}

/** Reads at most `limit` bytes of a body (for error pages), discarding the rest. */
export async function readSome(body: AsyncIterable<Buffer>, limit = 4096): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      if (size < limit) chunks.push(chunk);
      size += chunk.length;
    }
  } catch {
    // The start of an error page is all we wanted.
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}
