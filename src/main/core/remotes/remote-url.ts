// Remote URLs: HTTPS (and plain HTTP) are accepted; SSH, git:// and local paths are refused with a sentence
// that offers the HTTPS form where one can be derived. Credentials written into a URL are split out.

import { FleetError } from '../../../shared/errors';

export interface HttpRemoteUrl {
  /** The URL without user name, password, query or fragment, and without a trailing slash. */
  url: string;
  /** A user name and password written into the URL (https://user:token@host/...), if any. */
  username: string | null;
  password: string | null;
}

const SCP_LIKE = /^(?:([^@/\s]+)@)?([^:/\s]+):(?!\/\/)(.*)$/;
const SSH_SCHEMES = ['ssh:', 'git+ssh:', 'ssh+git:'];

/** The HTTPS address of the repository an SSH address points at (Azure DevOps' layout included). */
export function httpsFormOf(host: string, path: string): string {
  const clean = path.replace(/^\/+/, '').replace(/^~[^/]*\//, '');
  const azure = /^v3\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(clean);
  if (azure && host === 'ssh.dev.azure.com') return `https://dev.azure.com/${azure[1]}/${azure[2]}/_git/${azure[3]}`;
  if (azure && host === 'vs-ssh.visualstudio.com') return `https://${azure[1]}.visualstudio.com/${azure[2]}/_git/${azure[3]}`;
  return `https://${host}/${clean}`;
}

function sshRefused(original: string, httpsUrl: string): FleetError {
  return new FleetError(
    'SSH_UNSUPPORTED',
    `"${original}" is an SSH address, and Fleet Control speaks git over HTTPS only. Use the HTTPS address instead: ${httpsUrl} (with a token as the password).`,
    { url: original, httpsUrl },
  );
}

function invalid(original: string, why: string, data: Record<string, unknown> = {}): FleetError {
  return new FleetError('INVALID_URL', `"${original}" is not a usable remote address: ${why}`, { url: original, ...data });
}

/** True for addresses written as git's scp-like SSH form (git@host:org/repo.git) or with an ssh:// scheme. */
export function isSshUrl(text: string): boolean {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return SSH_SCHEMES.includes(trimmed.slice(0, trimmed.indexOf('//')).toLowerCase());
  return SCP_LIKE.test(trimmed) && !/^[A-Za-z]:[\\/]/.test(trimmed);
}

/** Parses a remote address: HTTP(S) only; SSH_UNSUPPORTED (with data.httpsUrl) or INVALID_URL otherwise. */
export function parseRemoteUrl(text: string): HttpRemoteUrl {
  const original = text.trim();
  if (original === '') throw invalid(original, 'it is empty.');
  if (/\s/.test(original)) throw invalid(original, 'it contains spaces.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(original)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const scp = SCP_LIKE.exec(original);
    if (scp && !/^[A-Za-z]:[\\/]/.test(original)) throw sshRefused(original, httpsFormOf(scp[2]!, scp[3]!));
    throw invalid(original, 'only HTTPS addresses such as https://github.com/org/repo.git are supported, not local paths.');
  }
  let parsed: URL;
  try {
    parsed = new URL(original);
  } catch {
    throw invalid(original, 'it is not a well-formed URL.');
  }
  if (SSH_SCHEMES.includes(`${scheme}:`)) throw sshRefused(original, httpsFormOf(parsed.hostname, decodeURIComponent(parsed.pathname)));
  if (scheme === 'git') {
    const httpsUrl = httpsFormOf(parsed.hostname, parsed.pathname);
    throw invalid(original, `the git:// protocol is not supported. Use the HTTPS address instead: ${httpsUrl}`, { httpsUrl });
  }
  if (scheme !== 'https' && scheme !== 'http') throw invalid(original, `the ${scheme}:// scheme is not supported; use an HTTPS address.`);
  if (parsed.hostname === '') throw invalid(original, 'it names no server.');
  const username = parsed.username ? decodeURIComponent(parsed.username) : null;
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return { url: parsed.toString().replace(/\/+$/, ''), username, password };
}

/** The address with any user name and password removed, for display and logs; unparsable text is returned as is. */
export function redactUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/i, '$1');
}
