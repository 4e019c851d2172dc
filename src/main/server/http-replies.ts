// Small replies the browser host sends when it refuses or explains, over HTTP or on a raw upgrade socket.
// Every one carries the security headers, refusals of WebSocket upgrades included.

import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from './content-security-policy';

function reply(response: ServerResponse, status: number, contentType: string, text: string, extraHeaders: Record<string, string>): void {
  const body = Buffer.from(text, 'utf8');
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** A plain-text answer with the security headers (for refusals and errors). */
export function replyText(response: ServerResponse, status: number, text: string, extraHeaders: Record<string, string> = {}): void {
  reply(response, status, 'text/plain; charset=utf-8', `${text}\n`, extraHeaders);
}

/** An HTML page with the security headers (no scripts: the CSP allows none inline). */
export function replyHtml(response: ServerResponse, status: number, html: string): void {
  reply(response, status, 'text/html; charset=utf-8', html, {});
}

/** Refuses a WebSocket upgrade with an HTTP status and the security headers before any frame flows, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    Connection: 'close',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n${body}`);
}
