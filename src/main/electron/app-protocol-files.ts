// What app://fleet/<path> answers: a file of the built renderer folder with its content type and the security
// headers (the CSP among them, as a header rather than a meta tag), or a plain refusal. Pure Node, unit-tested.

import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { SECURITY_HEADERS } from '../server/content-security-policy';
import { contentTypeFor } from '../server/content-types';
import { resolveStaticTarget } from '../server/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** The file `requestUrl` names under `rootDir` (a real path), or the status to refuse it with. */
export async function resolveAppRequest(rootDir: string, requestUrl: string): Promise<{ path: string; isIndex: boolean } | { status: 400 | 404 }> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port || url.username || url.password) return { status: 404 };
  // The path as sent (still percent-encoded): each segment is decoded once and `..`, encoded slashes and NUL refused.
  const target = resolveStaticTarget(rootDir, url.pathname);
  if (target.kind === 'refused') return { status: 400 };
  try {
    const real = await realpath(target.path);
    // A symlink inside the folder that points out of it is as good as a traversal.
    if (!real.startsWith(rootDir + sep) || !(await stat(real)).isFile()) return { status: 404 };
    return { path: real, isIndex: real === join(rootDir, 'index.html') };
  } catch {
    return { status: 404 };
  }
}

/** The headers of a file served from the app's origin: security headers, its content type, no stale index. */
export function appResponseHeaders(path: string, isIndex: boolean): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(extname(path)), 'Cache-Control': isIndex ? 'no-store' : 'no-cache' };
}

function refusal(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The protocol handler's answer to one request: GET/HEAD of a renderer file, everything else refused. */
export async function appProtocolResponse(rootDir: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed.');
  const found = await resolveAppRequest(rootDir, request.url);
  if ('status' in found) return refusal(found.status, found.status === 400 ? 'Bad path.' : 'Not found.');
  const body = request.method === 'HEAD' ? null : await readFile(found.path);
  return new Response(body, { status: 200, headers: appResponseHeaders(found.path, found.isIndex) });
}
