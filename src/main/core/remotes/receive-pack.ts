// The second half of a push: POST git-receive-pack with every ref update command and one pack, then read the
// server's report-status (per ref "ok" or "ng <reason>"), through side-band-64k when the server offers it.

import { FleetError } from '../../../shared/errors';
import type { HttpClient } from './http-transport';
import { readSome } from './http-transport';
import { FLUSH_PKT, PktLineReader, encodePktLine, pktText, readSideBand } from './pkt-line';
import { httpStatusError, notGitServer, serverText, type RemoteContext } from './remote-errors';

export interface RefUpdateCommand {
  ref: string;
  /** The remote's value now (the zero id to create). */
  oldOid: string;
  newOid: string;
}

export interface ReceivePackReport {
  /** "ok", or the server's reason for failing to unpack. */
  unpack: string;
  /** Per ref: null when updated, else the server's reason. */
  refs: Map<string, string | null>;
  /** Hook and progress output (side-band 2), as lines. */
  messages: string[];
}

export interface ReceivePackRequest {
  client: HttpClient;
  url: string;
  headers: Record<string, string>;
  context: RemoteContext;
  commands: RefUpdateCommand[];
  /** The server's advertised capabilities: we ask for those we understand. */
  capabilities: Set<string>;
  agent: string;
  /** The pack, produced while the request is sent. */
  pack: AsyncIterable<Buffer>;
  signal?: AbortSignal;
}

function requestedCapabilities(offered: Set<string>, agent: string): string[] {
  const wanted = ['report-status', 'side-band-64k', 'quiet'].filter((cap) => offered.has(cap));
  return [...wanted, `agent=${agent}`];
}

/**
 * The command pkt-lines (capabilities on the first), a flush, then the pack as it is produced: the request starts
 * while the objects are still being found and packed, so the server's start-up overlaps that work (chunked, as
 * git sends any push past http.postBuffer; the credential goes with the request, so no probe is needed).
 */
async function* requestBody(request: ReceivePackRequest): AsyncGenerator<Buffer> {
  const caps = requestedCapabilities(request.capabilities, request.agent).join(' ');
  const lines = request.commands.map((c, i) => encodePktLine(`${c.oldOid} ${c.newOid} ${c.ref}${i === 0 ? `\0${caps}` : ''}\n`));
  yield Buffer.concat([...lines, FLUSH_PKT]);
  yield* request.pack;
}

/** Parses report-status lines: "unpack ok", then "ok <ref>" / "ng <ref> <reason>", then a flush. */
async function parseReport(reader: PktLineReader): Promise<Pick<ReceivePackReport, 'unpack' | 'refs'>> {
  const refs = new Map<string, string | null>();
  let unpack: string | null = null;
  for (let line = await reader.read(); line !== null && line !== undefined; line = await reader.read()) {
    // Reasons are the server's words and may echo what it was sent: redacted before they reach a result.
    const text = serverText(pktText(line));
    if (text.startsWith('unpack ')) unpack = text.slice(7);
    else if (text.startsWith('ok ')) refs.set(text.slice(3), null);
    else if (text.startsWith('ng ')) {
      const rest = text.slice(3);
      const space = rest.indexOf(' ');
      refs.set(space < 0 ? rest : rest.slice(0, space), space < 0 ? 'rejected' : rest.slice(space + 1));
    }
  }
  if (unpack === null) throw new FleetError('NOT_A_GIT_SERVER', 'The server ended the push without a report of what it did.');
  return { unpack, refs };
}

async function* asStream(data: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield* data;
}

/** Sends one receive-pack request for all `commands`; HTTP failures are mapped like discovery's. */
export async function sendReceivePack(request: ReceivePackRequest): Promise<ReceivePackReport> {
  const service = 'git-receive-pack';
  const response = await request.client({
    method: 'POST',
    url: `${request.url}/${service}`,
    headers: { ...request.headers, 'Content-Type': `application/x-${service}-request`, Accept: `application/x-${service}-result` },
    body: requestBody(request),
    signal: request.signal,
  });
  if (response.statusCode !== 200) throw httpStatusError(response.statusCode, request.context, await readSome(response.body));
  const type = response.headers['content-type']?.split(';')[0]?.trim();
  if (type !== `application/x-${service}-result`) throw notGitServer(request.context, type, await readSome(response.body, 200));
  const messages: string[] = [];
  let partial = '';
  const onMessage = (text: string): void => {
    const lines = (partial + text).split(/\r|\n/);
    partial = lines.pop() ?? '';
    messages.push(...lines.map((line) => serverText(line.trim())).filter(Boolean));
  };
  const outer = new PktLineReader(response.body);
  const sideBand = request.capabilities.has('side-band-64k');
  const reader = sideBand ? new PktLineReader(asStream(readSideBand(outer, { onMessage }))) : outer;
  const report = request.capabilities.has('report-status')
    ? await parseReport(reader)
    : { unpack: 'ok', refs: new Map(request.commands.map((c) => [c.ref, null] as const)) };
  // Drain whatever follows (the closing flush) so the connection can be reused.
  await outer.drain();
  if (partial.trim()) messages.push(serverText(partial.trim()));
  return { ...report, messages };
}
