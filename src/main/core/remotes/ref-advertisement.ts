// The first half of a smart-HTTP exchange: GET info/refs?service=..., then parse the refs the server advertises
// and its capabilities (report-status, side-band-64k, ofs-delta, ...).

import type { HttpClient, HttpRequest } from './http-transport';
import { readSome } from './http-transport';
import { PktLineReader, pktText } from './pkt-line';
import { httpStatusError, notGitServer, serverText, type RemoteContext } from './remote-errors';
import { FleetError } from '../../../shared/errors';

export type GitService = 'git-receive-pack' | 'git-upload-pack';

export interface RefAdvertisement {
  /** Full ref name -> oid (peeled tags "^{}" left out). */
  refs: Map<string, string>;
  capabilities: Set<string>;
  /** The repository's URL after redirects: the POST goes there. */
  url: string;
}

export interface DiscoverOptions {
  client: HttpClient;
  url: string;
  service: GitService;
  headers: Record<string, string>;
  context: RemoteContext;
  signal?: AbortSignal;
}

const OID_LINE = /^([0-9a-f]{40}) ([^\0]+)(?:\0(.*))?$/s;

/** Parses the pkt-lines of an advertisement (after the "# service=" preamble, if any). */
export async function parseAdvertisement(reader: PktLineReader, context: RemoteContext): Promise<Omit<RefAdvertisement, 'url'>> {
  const refs = new Map<string, string>();
  let capabilities = new Set<string>();
  let first = await reader.read();
  if (first && pktText(first).startsWith('# service=')) {
    // The preamble is followed by a flush, then the refs.
    if ((await reader.read()) !== null) throw notGitServer(context, undefined, 'no flush after the service line');
    first = await reader.read();
  }
  for (let line = first; line !== null && line !== undefined; line = await reader.read()) {
    const match = OID_LINE.exec(pktText(line));
    if (!match) {
      if (pktText(line).startsWith('ERR ')) throw new FleetError('REMOTE_REJECTED', `The server refused: ${serverText(pktText(line).slice(4))}`, { remote: context.remote });
      throw notGitServer(context, undefined, pktText(line).slice(0, 60));
    }
    const [, oid, name, caps] = match;
    if (caps !== undefined) capabilities = new Set(caps.trim().split(' ').filter(Boolean));
    // An empty repository advertises "capabilities^{}" with the zero id.
    if (name === 'capabilities^{}' || name!.endsWith('^{}')) continue;
    refs.set(name!, oid!);
  }
  return { refs, capabilities };
}

/** The GET that asks for a repository's refs (a request sent early, before the push needs it, must be this one). */
export function advertisementRequest(url: string, service: GitService, headers: Record<string, string>, signal?: AbortSignal): HttpRequest {
  return { method: 'GET', url: `${url}/info/refs?service=${service}`, headers: { ...headers, Accept: '*/*', 'Cache-Control': 'no-cache', Pragma: 'no-cache' }, signal };
}

/** Asks the server for its refs; HTTP and protocol failures become AUTH_FAILED, REMOTE_NOT_FOUND, NOT_A_GIT_SERVER or NETWORK. */
export async function discoverRefs(options: DiscoverOptions): Promise<RefAdvertisement> {
  const { client, url, service, context } = options;
  const response = await client(advertisementRequest(url, service, options.headers, options.signal));
  if (response.statusCode !== 200) throw httpStatusError(response.statusCode, context, await readSome(response.body));
  const type = response.headers['content-type'];
  if (type?.split(';')[0]?.trim() !== `application/x-${service}-advertisement`) throw notGitServer(context, type, await readSome(response.body, 200));
  const reader = new PktLineReader(response.body);
  const parsed = await parseAdvertisement(reader, context);
  await reader.drain();
  const finalUrl = response.url.replace(/\/info\/refs\?service=.*$/, '');
  return { ...parsed, url: finalUrl };
}
