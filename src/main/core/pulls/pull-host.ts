// Which host a remote lives on, read from its HTTPS address: GitHub (github.com or an Enterprise server, with the
// REST API's base URL and owner/repo), GitLab, Bitbucket (cloud or server), Azure DevOps, or something else.

import type { PullHostKind } from '../../../shared/types-pulls';
import { parseRemoteUrl } from '../remotes/remote-url';

export interface PullHost {
  kind: PullHostKind;
  /** The repository's web page (https://github.com/acme/fleet), without ".git". */
  webUrl: string;
  /** owner/repo (GitHub, GitLab's full group path, Bitbucket workspace/repo); the project/_git/repo path for Azure. */
  repository: string;
  /** GitHub only: the REST API's base URL (https://api.github.com, or https://<host>/api/v3 for Enterprise). */
  apiBase: string | null;
  owner: string | null;
  name: string | null;
}

/**
 * Settings read in main only: FLEET_GITHUB_HOSTS lists more hosts (host or host:port, comma-separated) that are
 * GitHub Enterprise servers; FLEET_GITHUB_API_URL replaces the API base for every GitHub remote (a proxy, or tests).
 */
export interface PullHostSettings {
  githubHosts: string[];
  githubApiUrl: string | null;
}

/** The host settings from the environment. */
export function pullHostSettings(env: NodeJS.ProcessEnv): PullHostSettings {
  const hosts = (env.FLEET_GITHUB_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  const api = env.FLEET_GITHUB_API_URL?.trim().replace(/\/+$/, '') || null;
  return { githubHosts: hosts, githubApiUrl: api };
}

function kindOf(url: URL, path: string[], settings: PullHostSettings): PullHostKind {
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || settings.githubHosts.includes(url.host.toLowerCase()) || settings.githubHosts.includes(host)) return 'github';
  // Enterprise servers are usually named github.<company>.<tld>.
  if (host.startsWith('github.')) return 'github';
  if (host === 'dev.azure.com' || host.endsWith('.visualstudio.com') || path.includes('_git')) return 'azure-devops';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  if (host === 'bitbucket.org') return 'bitbucket';
  if (path[0] === 'scm' && (host.startsWith('bitbucket.') || host.startsWith('stash.'))) return 'bitbucket-server';
  return 'generic';
}

/** Reads the host and repository out of a remote's address (SSH_UNSUPPORTED / INVALID_URL as the remotes say). */
export function pullHostOf(remoteUrl: string, settings: PullHostSettings): PullHost {
  const parsed = new URL(parseRemoteUrl(remoteUrl).url);
  const path = parsed.pathname
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  const kind = kindOf(parsed, path, settings);
  const origin = `${parsed.protocol}//${parsed.host}`;
  const repository = path.join('/');
  const webUrl = `${origin}/${path.map(encodeURIComponent).join('/')}`;
  if (kind === 'github' && path.length === 2) {
    const apiBase = settings.githubApiUrl ?? (parsed.hostname.toLowerCase() === 'github.com' ? 'https://api.github.com' : `${origin}/api/v3`);
    return { kind, webUrl, repository, apiBase, owner: path[0]!, name: path[1]! };
  }
  // A GitHub address without exactly owner/repo cannot name a repository; treat it as unknown.
  return { kind: kind === 'github' ? 'generic' : kind, webUrl, repository, apiBase: null, owner: null, name: null };
}
