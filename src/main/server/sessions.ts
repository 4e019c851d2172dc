// The browser host's sessions: each printed link carries a one-time token that the first page load trades for a
// session credential (kept by that tab in sessionStorage, never in a cookie); a socket must present a live one.
// Everything is in memory, so every session ends with the server.

import { createHash, randomBytes } from 'node:crypto';

/** What a link token turned out to be when a page presented it. */
export type LinkTrade = { kind: 'session'; credential: string } | { kind: 'used' } | { kind: 'unknown' };

/** A fresh random secret: 32 bytes, base64url (43 characters, all valid in a Sec-WebSocket-Protocol token). */
export function createSecret(): string {
  return randomBytes(32).toString('base64url');
}

// Secrets are looked up by their SHA-256, so a lookup's timing says nothing about the secret itself.
function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class BrowserSessions {
  private readonly links = new Map<string, 'unused' | 'used'>();
  private readonly credentials = new Set<string>();
  private ended = false;

  /** A new single-use link token. */
  mintLinkToken(): string {
    const token = createSecret();
    this.links.set(digest(token), 'unused');
    return token;
  }

  /** Trades a link token for a new session credential, once; a second try says the link was used. */
  trade(token: string): LinkTrade {
    if (this.ended || !SECRET_SHAPE.test(token)) return { kind: 'unknown' };
    const key = digest(token);
    const state = this.links.get(key);
    if (state === undefined) return { kind: 'unknown' };
    if (state === 'used') return { kind: 'used' };
    this.links.set(key, 'used');
    const credential = createSecret();
    this.credentials.add(digest(credential));
    return { kind: 'session', credential };
  }

  /** True when `credential` was handed out by this server and the server has not stopped since. */
  isLive(credential: string | undefined): boolean {
    return !this.ended && credential !== undefined && SECRET_SHAPE.test(credential) && this.credentials.has(digest(credential));
  }

  /** Ends every session and link (the server is stopping). */
  endAll(): void {
    this.ended = true;
    this.links.clear();
    this.credentials.clear();
  }
}
