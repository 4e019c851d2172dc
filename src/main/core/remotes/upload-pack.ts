// The fetch side of smart HTTP: POST git-upload-pack with the tips we want and the tips we have, then read the
// pack the server sends (through side-band-64k: band 2 carries its progress). One round: "done" goes with
// the first request, as a stateless client may.

import { FleetError } from '../../../shared/errors';
import type { HttpClient } from './http-transport';
import { readSome } from './http-transport';
import { FLUSH_PKT, PktLineReader, encodePktLine, pktText } from './pkt-line';
import { httpStatusError, notGitServer, serverText, type RemoteContext } from './remote-errors';

export interface UploadPackRequest {
  client: HttpClient;
  url: string;
  headers: Record<string, string>;
  context: RemoteContext;
  wants: string[];
  haves: string[];
  capabilities: Set<string>;
  agent: string;
  signal?: AbortSignal;
  onProgress?(message: string): void;
}

function requestBody(request: UploadPackRequest): Buffer {
  // No thin-pack: the pack must stand alone to be indexed. No multi_ack: one answer, then the pack.
  const caps = ['side-band-64k', ...(request.capabilities.has('ofs-delta') ? ['ofs-delta'] : []), `agent=${request.agent}`].join(' ');
  const lines = request.wants.map((oid, i) => encodePktLine(`want ${oid}${i === 0 ? ` ${caps}` : ''}\n`));
  const haves = request.haves.map((oid) => encodePktLine(`have ${oid}\n`));
  return Buffer.concat([...lines, FLUSH_PKT, ...haves, encodePktLine('done\n')]);
}

/** Fetches the objects reachable from `wants` and not from `haves`; returns the pack's bytes. */
export async function fetchPack(request: UploadPackRequest): Promise<Buffer> {
  const service = 'git-upload-pack';
  if (!request.capabilities.has('side-band-64k')) {
    throw new FleetError('UNSUPPORTED', `${request.context.url} is a git server too old for Fleet Control (it lacks side-band-64k).`, { remote: request.context.remote });
  }
  const body = requestBody(request);
  const response = await request.client({
    method: 'POST',
    url: `${request.url}/${service}`,
    headers: { ...request.headers, 'Content-Type': `application/x-${service}-request`, Accept: `application/x-${service}-result` },
    body: (async function* () {
      yield body;
    })(),
    contentLength: body.length,
    signal: request.signal,
  });
  if (response.statusCode !== 200) throw httpStatusError(response.statusCode, request.context, await readSome(response.body));
  const type = response.headers['content-type']?.split(';')[0]?.trim();
  if (type !== `application/x-${service}-result`) throw notGitServer(request.context, type, await readSome(response.body, 200));

  const reader = new PktLineReader(response.body);
  const chunks: Buffer[] = [];
  let progress = '';
  for (let line = await reader.read(); line !== undefined; line = await reader.read()) {
    if (line === null || line.length === 0) continue;
    const head = line.toString('latin1', 0, Math.min(line.length, 4));
    // The negotiation's answer comes first, outside the side-band.
    if (head === 'NAK\n' || head === 'ACK ') continue;
    if (head === 'ERR ') throw new FleetError('REMOTE_REJECTED', `The server refused the fetch: ${serverText(pktText(line).slice(4))}`, { remote: request.context.remote });
    const band = line[0];
    if (band === 1) chunks.push(line.subarray(1));
    else if (band === 2) {
      const parts = (progress + line.subarray(1).toString('utf8')).split(/[\r\n]/);
      progress = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) request.onProgress?.(part.trim());
    } else if (band === 3) {
      throw new FleetError('REMOTE_REJECTED', `The server stopped the fetch: ${serverText(pktText(line.subarray(1)))}`, { remote: request.context.remote });
    } else {
      throw notGitServer(request.context, type, `side-band channel ${band}`);
    }
  }
  const pack = Buffer.concat(chunks);
  if (pack.length < 32 || pack.toString('ascii', 0, 4) !== 'PACK') throw new FleetError('NOT_A_GIT_SERVER', 'The server answered the fetch without a pack.', { remote: request.context.remote });
  return pack;
}
