// Serves the built renderer from one folder: correct content types, no way out of the folder, and
// paths that look like in-app routes answered with index.html.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './content-security-policy';
import { contentTypeFor } from './content-types';
import { replyText } from './http-replies';

export type StaticTarget = { kind: 'file'; path: string; isIndex: boolean; rootAsset: string | null } | { kind: 'refused' };

/**
 * Maps a raw request path (not yet normalised, so `..` cannot hide) to a file under `rootDir`.
 * Any `.`/`..` segment, encoded slash or NUL is refused outright.
 */
export function resolveStaticTarget(rootDir: string, rawPath: string): StaticTarget {
  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'refused' };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { kind: 'refused' };
    if (segment !== '') segments.push(segment);
  }
  if (segments.length === 0) return { kind: 'file', path: join(rootDir, 'index.html'), isIndex: true, rootAsset: null };
  const path = join(rootDir, ...segments);
  if (!path.startsWith(rootDir + sep)) return { kind: 'refused' };
  // index.html links ./assets/… relatively (it must, for file:// under Electron), so a page served at a
  // nested route asks for /<route>/assets/…: those resolve to the root's assets folder.
  const assetsAt = segments.indexOf('assets', 1);
  const rootAsset = assetsAt > 0 ? join(rootDir, ...segments.slice(assetsAt)) : null;
  return { kind: 'file', path, isIndex: path === join(rootDir, 'index.html'), rootAsset };
}

/** A path whose last segment has no extension is an in-app route (e.g. /module/fleet-hub), not a file. */
function looksLikeRoute(rawPath: string): boolean {
  const last = rawPath.slice(rawPath.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/** True for a request that loads the app's page (the root, index.html or an in-app route), not an asset. */
export function isPageRequest(rawPath: string): boolean {
  return rawPath === '/' || rawPath === '/index.html' || looksLikeRoute(rawPath);
}

function cacheControlFor(rawPath: string, isIndex: boolean): string {
  if (isIndex) return 'no-store';
  // Vite puts content-hashed file names under /assets/, so they never change.
  return rawPath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function regularFileInside(rootDir: string, path: string): Promise<{ size: number; path: string } | null> {
  try {
    const real = await realpath(path);
    if (!real.startsWith(rootDir + sep)) return null; // a symlink pointing out of the folder
    const info = await stat(real);
    return info.isFile() ? { size: info.size, path: real } : null;
  } catch {
    return null;
  }
}

/** Answers a GET or HEAD for a static file (or index.html for a route); `rootDir` must be a real path. */
export async function serveStatic(request: IncomingMessage, response: ServerResponse, rootDir: string, rawPath: string): Promise<void> {
  const target = resolveStaticTarget(rootDir, rawPath);
  if (target.kind === 'refused') return replyText(response, 400, 'Bad path.');
  let file = (await regularFileInside(rootDir, target.path)) ?? (target.rootAsset ? await regularFileInside(rootDir, target.rootAsset) : null);
  let isIndex = target.isIndex;
  if (!file && looksLikeRoute(rawPath)) {
    file = await regularFileInside(rootDir, join(rootDir, 'index.html'));
    isIndex = true;
  }
  // Browsers ask for a favicon on their own; an empty answer keeps a 404 out of the console.
  if (!file && rawPath === '/favicon.ico') {
    response.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' });
    return void response.end();
  }
  if (!file) return replyText(response, 404, 'Not found.');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeFor(extname(file.path)),
    'Content-Length': String(file.size),
    'Cache-Control': cacheControlFor(rawPath, isIndex),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
