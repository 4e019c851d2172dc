// The browser host's per-start secret: made once at start, exchanged for an HttpOnly cookie, compared in constant time.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '../../shared/wire';

/** A fresh random token: 32 bytes, base64url. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when `candidate` equals `token`, in time that does not depend on where they differ. */
export function tokensEqual(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every value the Cookie header gives for `name` (a browser may send more than one). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/** The cookie's name for the host on `port`: browsers ignore ports for cookies, so two hosts need two names. */
export function sessionCookieName(port: number): string {
  return `${SESSION_COOKIE}_${port}`;
}

/** The Set-Cookie value that keeps the session for this browser tab's lifetime. */
export function sessionCookie(token: string, port: number): string {
  return `${sessionCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** How a request proved it holds the token: its session cookie, a `?token=` parameter, or not at all. */
export function authenticate(request: IncomingMessage, query: URLSearchParams, token: string, port: number): 'cookie' | 'query' | null {
  if (cookieValues(request.headers.cookie, sessionCookieName(port)).some((value) => tokensEqual(value, token))) return 'cookie';
  const fromQuery = query.get('token');
  if (fromQuery !== null && tokensEqual(fromQuery, token)) return 'query';
  return null;
}
