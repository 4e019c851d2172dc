// The walkthrough's world: a fleet repository cloned from a git server on loopback (git http-backend, one token),
// a loopback GitHub API over the same bare repository, an OpenAI-compatible loopback provider, and the app served
// as `fleet-control serve` without a repository (the demo a newcomer sees first).

import { GitHttpServer, gitAsync } from '../../tests/helpers/git-http-server';
import { GitHubServer } from '../../tests/helpers/github-server';
import { openAiStream, startProviderServer, type ProviderServer } from '../../tests/helpers/provider-servers';
import { git } from './git';
import { startServer, type FleetServer } from './fleet-server';
import { makeFleetRepo, writeFiles } from './repo';
import { moduleOf } from './provider-server';

export const JOURNEY_TOKEN = 'ghp_e2e_walkthrough_token';
export const JOURNEY_REPO = 'acme/fleet';

/** A check that prints a few lines and then what it read from the branch, so its log visibly comes from there. */
const CHECK_SCRIPT = `const { readFileSync } = require('node:fs');
for (let step = 1; step <= 3; step++) console.log('step ' + step + ' of 3');
console.log(readFileSync('package.json', 'utf8').includes('fleetops') ? 'fleetops package found' : 'package missing');
`;

export interface Journey {
  repo: string;
  gitServer: GitHttpServer;
  github: GitHubServer;
  provider: ProviderServer;
  server: FleetServer;
  /** The bare repository on the git server (the remote's side, read with the git CLI). */
  bare: string;
  close: () => Promise<void>;
}

/** An as-is analysis with all four sections of the template filled, as a provider would stream it. */
export function providerAsIs(title: string): string {
  return [
    `# ${title}: As-Is Analysis`,
    '',
    '## Scope',
    '',
    'The module covers its pages under web/src/pages and its routes under api/src/routes.',
    '',
    '## Features',
    '',
    '- The page renders an empty placeholder today.',
    '',
    '## Technology',
    '',
    'React function components and plain TypeScript modules.',
    '',
    '## Gaps and risks',
    '',
    '- No tests cover the module yet.',
    '',
  ].join('\n');
}

/**
 * Builds the world: the repository (with alert pages no default pattern matches, and a check script) pushed to the
 * git server and cloned-like (origin points there, no credential stored), then the servers.
 */
export async function startJourney(): Promise<Journey> {
  const repo = makeFleetRepo();
  writeFiles(repo, {
    'web/src/pages/alerts/AlertList.tsx': 'export function AlertList() {\n  return null;\n}\n',
    'web/src/pages/alerts/AlertDetail.tsx': 'export function AlertDetail() {\n  return null;\n}\n',
    'scripts/check.js': CHECK_SCRIPT,
  });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'Alert pages and a check script']);

  const gitServer = await GitHttpServer.start({ token: JOURNEY_TOKEN });
  const bare = gitServer.createBareRepo(JOURNEY_REPO);
  // Asynchronously: the git server answers from this same process.
  await gitAsync(repo, 'push', '-q', gitServer.authUrl(JOURNEY_REPO), 'main');
  git(repo, ['remote', 'add', 'origin', gitServer.url(JOURNEY_REPO)]);

  // GitHub knows the branches the git server holds.
  const github = await GitHubServer.start({
    token: JOURNEY_TOKEN,
    branchTip: (_repository, branch) => {
      try {
        return git(bare, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`]);
      } catch {
        return null;
      }
    },
  });
  github.createRepo(JOURNEY_REPO);
  const provider = await startProviderServer((request) => openAiStream(providerAsIs(moduleOf(request)), { chunkSize: 40, promptTokens: 1200 }));
  const server = await startServer(null, { FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: github.enterpriseApiUrl });

  const close = async () => {
    await server.close();
    await provider.close();
    await github.close();
    await gitServer.stop();
  };
  return { repo, gitServer, github, provider, server, bare, close };
}
