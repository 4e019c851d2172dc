import { describe, expect, it } from 'vitest';
import { compareLinkFor } from '../../../../src/main/core/pulls/compare-link';
import { pullHostOf, pullHostSettings } from '../../../../src/main/core/pulls/pull-host';

const none = pullHostSettings({});
const link = (url: string, head = 'module/fleet-hub', base = 'main') => compareLinkFor('origin', pullHostOf(url, none), head, base);

describe('the host behind a remote address', () => {
  it('reads owner/repo and the REST API base for github.com and Enterprise servers', () => {
    expect(pullHostOf('https://github.com/acme/fleet.git', none)).toMatchObject({ kind: 'github', owner: 'acme', name: 'fleet', apiBase: 'https://api.github.com' });
    expect(pullHostOf('https://x-access-token:tok@github.acme.io/ops/fleet', none)).toMatchObject({ kind: 'github', apiBase: 'https://github.acme.io/api/v3', repository: 'ops/fleet' });
    const listed = pullHostSettings({ FLEET_GITHUB_HOSTS: 'code.acme.io, 127.0.0.1:8080' });
    expect(pullHostOf('https://code.acme.io/ops/fleet.git', listed)).toMatchObject({ kind: 'github', apiBase: 'https://code.acme.io/api/v3' });
    expect(pullHostOf('http://127.0.0.1:8080/ops/fleet.git', listed)).toMatchObject({ kind: 'github', apiBase: 'http://127.0.0.1:8080/api/v3' });
    const proxied = pullHostSettings({ FLEET_GITHUB_API_URL: 'http://127.0.0.1:9/api/' });
    expect(pullHostOf('https://github.com/acme/fleet', proxied).apiBase).toBe('http://127.0.0.1:9/api');
  });

  it('refuses SSH addresses as the remotes do, with the HTTPS form', () => {
    expect(() => pullHostOf('git@github.com:acme/fleet.git', none)).toThrow(expect.objectContaining({ code: 'SSH_UNSUPPORTED', data: expect.objectContaining({ httpsUrl: 'https://github.com/acme/fleet.git' }) }));
  });
});

describe('compare links for opening a pull request by hand', () => {
  it('links to GitHub\'s compare page', () => {
    expect(link('https://github.com/acme/fleet.git').url).toBe('https://github.com/acme/fleet/compare/main...module/fleet-hub?expand=1');
  });

  it('links to GitLab\'s new merge request page, subgroups included', () => {
    expect(link('https://gitlab.com/acme/platform/fleet.git')).toEqual({
      remote: 'origin',
      host: 'gitlab',
      url: 'https://gitlab.com/acme/platform/fleet/-/merge_requests/new?merge_request%5Bsource_branch%5D=module%2Ffleet-hub&merge_request%5Btarget_branch%5D=main',
      reason: null,
    });
  });

  it('links to Bitbucket Cloud and Bitbucket Server pages', () => {
    expect(link('https://me@bitbucket.org/acme/fleet.git').url).toBe('https://bitbucket.org/acme/fleet/pull-requests/new?source=module%2Ffleet-hub&dest=main');
    expect(link('https://bitbucket.acme.io/scm/ops/fleet.git').url).toBe(
      'https://bitbucket.acme.io/projects/OPS/repos/fleet/pull-requests?create&sourceBranch=refs%2Fheads%2Fmodule%2Ffleet-hub&targetBranch=refs%2Fheads%2Fmain',
    );
  });

  it('links to Azure DevOps\' pullrequestcreate page on dev.azure.com and visualstudio.com', () => {
    expect(link('https://acme@dev.azure.com/acme/Fleet%20Ops/_git/fleet').url).toBe(
      'https://dev.azure.com/acme/Fleet%20Ops/_git/fleet/pullrequestcreate?sourceRef=module%2Ffleet-hub&targetRef=main',
    );
    expect(link('https://acme.visualstudio.com/Fleet/_git/fleet', 'module/ai-chat', 'fleet/integration').url).toBe(
      'https://acme.visualstudio.com/Fleet/_git/fleet/pullrequestcreate?sourceRef=module%2Fai-chat&targetRef=fleet%2Fintegration',
    );
  });

  it('gives no link, with the reason, for a host it does not know', () => {
    const generic = link('https://git.example.org/acme/fleet.git');
    expect(generic).toMatchObject({ host: 'generic', url: null });
    expect(generic.reason).toContain('git.example.org is not a host Fleet Control knows');
  });
});
