// Small replies the browser host sends when it refuses or redirects, over HTTP or on a raw upgrade socket.

import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from './content-security-policy';

/** A plain-text answer with the security headers (for refusals and errors). */
export function replyText(response: ServerResponse, status: number, text: string, extraHeaders: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** Refuses a WebSocket upgrade with an HTTP status before any frame flows, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body,
  );
}
