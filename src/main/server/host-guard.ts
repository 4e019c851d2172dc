// DNS-rebinding and cross-site guards: the Host header must name this server, and a WebSocket's Origin must be it.

import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

/** True for addresses that are reachable from this machine only. */
export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isWildcardAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** `host:port` as it appears in a Host header and a URL (IPv6 in brackets). */
export function hostWithPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

const LOOPBACK_HOST_HEADER = /^(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

/** The Host header values this server answers to by its own port, lower-cased. */
export function allowedHostHeaders(boundHost: string, port: number): Set<string> {
  const names = new Set<string>([boundHost, 'localhost', '127.0.0.1', '::1']);
  if (isWildcardAddress(boundHost)) {
    // Bound to every interface: each of this machine's own addresses is a legitimate name for it.
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.replace(/%.*$/, ''));
    }
  }
  return new Set([...names].map((name) => hostWithPort(name, port).toLowerCase()));
}

/**
 * True when the request's Host header names this server. Loopback names pass with any port, so an SSH
 * tunnel may use another local port; a rebinding attack needs its own domain name here, which never passes.
 */
export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (hostHeader === undefined) return false;
  const value = hostHeader.trim().toLowerCase();
  return allowed.has(value) || LOOPBACK_HOST_HEADER.test(value);
}

/** True when a WebSocket's Origin is exactly the origin the page was served from (this server, by its Host). */
export function isOwnOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (!originHeader || !hostHeader) return false;
  return originHeader.toLowerCase() === `http://${hostHeader.trim().toLowerCase()}`;
}
