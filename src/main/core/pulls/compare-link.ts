// The host's own page for opening a pull request (a merge request on GitLab) from a branch into a target, for
// hosts without an API client here, and as a by-hand way on GitHub.

import type { CompareLink } from '../../../shared/types-pulls';
import type { PullHost } from './pull-host';

const HOST_NAMES: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  'bitbucket-server': 'Bitbucket Server',
  'azure-devops': 'Azure DevOps',
};

/** A branch name as one URL path part that keeps its slashes (module/fleet-hub stays readable). */
function branchPath(branch: string): string {
  return branch.split('/').map(encodeURIComponent).join('/');
}

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

function bitbucketServerUrl(host: PullHost, head: string, base: string): string | null {
  // https://host/scm/PROJ/repo.git -> https://host/projects/PROJ/repos/repo/pull-requests?create&...
  const [scm, project, repo] = host.repository.split('/');
  if (scm !== 'scm' || !project || !repo) return null;
  const origin = new URL(host.webUrl).origin;
  const params = query({ sourceBranch: `refs/heads/${head}`, targetBranch: `refs/heads/${base}` });
  return `${origin}/projects/${encodeURIComponent(project.toUpperCase())}/repos/${encodeURIComponent(repo)}/pull-requests?create&${params}`;
}

/** The page on `host` where a pull request from `head` into `base` is opened by hand; url null with a reason otherwise. */
export function compareLinkFor(remote: string, host: PullHost, head: string, base: string): CompareLink {
  const link = (url: string | null, reason: string | null = null): CompareLink => ({ remote, host: host.kind, url, reason });
  switch (host.kind) {
    case 'github':
      return link(`${host.webUrl}/compare/${branchPath(base)}...${branchPath(head)}?expand=1`);
    case 'gitlab':
      return link(`${host.webUrl}/-/merge_requests/new?${query({ 'merge_request[source_branch]': head, 'merge_request[target_branch]': base })}`);
    case 'bitbucket':
      return link(`${host.webUrl}/pull-requests/new?${query({ source: head, dest: base })}`);
    case 'bitbucket-server': {
      const url = bitbucketServerUrl(host, head, base);
      return url ? link(url) : link(null, `"${host.webUrl}" does not look like a Bitbucket Server repository address (…/scm/<project>/<repo>.git).`);
    }
    case 'azure-devops':
      return link(`${host.webUrl}/pullrequestcreate?${query({ sourceRef: head, targetRef: base })}`);
    default:
      return link(
        null,
        `${new URL(host.webUrl).host} is not a host Fleet Control knows (GitHub, GitLab, Bitbucket or Azure DevOps), so it has no page to link to for opening a pull request. Open one on the host's website from ${head} into ${base}.`,
      );
  }
}

/** "GitHub", "Azure DevOps", ... for messages; the host name itself for unknown hosts. */
export function hostDisplayName(host: PullHost): string {
  return HOST_NAMES[host.kind] ?? new URL(host.webUrl).host;
}
