// What a page load with `?token=` gets: index.html carrying the new session credential (read once by the
// renderer into the tab's sessionStorage), or a short page saying why the link no longer opens anything.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { SESSION_META } from '../../shared/wire';
import { SECURITY_HEADERS } from './content-security-policy';
import { replyHtml } from './http-replies';

/** index.html with `<meta name="fleet-session" content="…">` as the first element of its head. */
export function withSessionMeta(indexHtml: string, credential: string): string {
  const meta = `<meta name="${SESSION_META}" content="${credential}" />`;
  const head = /<head[^>]*>/i.exec(indexHtml);
  if (head) return indexHtml.slice(0, head.index + head[0].length) + meta + indexHtml.slice(head.index + head[0].length);
  const doctype = /^<!doctype html>/i.exec(indexHtml);
  return doctype ? doctype[0] + meta + indexHtml.slice(doctype[0].length) : meta + indexHtml;
}

/** Serves index.html for a page that just traded its link: never cached, since it holds the credential. */
export async function serveSessionIndex(response: ServerResponse, rootDir: string, credential: string): Promise<void> {
  const body = Buffer.from(withSessionMeta(await readFile(join(rootDir, 'index.html'), 'utf8'), credential), 'utf8');
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function page(title: string, paragraphs: string[]): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${title} · Fleet Control</title>` +
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{font-size:.95em}</style></head>' +
    `<body><main><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</main></body></html>\n`
  );
}

const NEW_LINK =
  'For a new link, restart <code>fleet-control serve</code> (or <code>npm start</code>) and open the link it prints. ' +
  'To have Fleet Control in a second tab, duplicate the tab that is already open: the copy keeps its session.';

/** 410: the link was already traded by another page load. */
export function replyLinkUsed(response: ServerResponse): void {
  replyHtml(
    response,
    410,
    page('This link was already used', [
      'Each link Fleet Control prints opens one browser tab, once, so that nobody who sees the address later can use it.',
      'If you opened it a moment ago, go back to that tab: it stays signed in, reloads included.',
      NEW_LINK,
    ]),
  );
}

/** 401: the token is not one this server printed (an old link from an earlier start, or a typo). */
export function replyLinkUnknown(response: ServerResponse): void {
  replyHtml(
    response,
    401,
    page('This link does not open this server', [
      'It is not a link this Fleet Control server printed: it may be from an earlier start, since every start makes new links and ends the sessions of the one before.',
      NEW_LINK,
    ]),
  );
}
