// "Set up CI runners" on an Azure Repos remote in Chromium: origin is one loopback address serving git's http-backend
// and the loopback Azure DevOps API (items, pull requests, definitions, pipelines read from the same bare repository).
// Settings → Remotes → CI runners opens the Azure Repos pull request by keyboard (checked with git on the server);
// completed there, the screen offers to create the pipeline, and says set up with the pipeline's link once it exists.

import { expect, test } from '@playwright/test';
import { AzureDevOpsServer } from '../tests/helpers/azure-devops-server';
import { AzureReposFront } from '../tests/helpers/azure-repos-front';
import { addReposRoutes, type ReposRoutes } from '../tests/helpers/azure-repos-routes';
import { GitHttpServer, gitAsync } from '../tests/helpers/git-http-server';
import { git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

const TOKEN = 'azure_e2e_runner_setup_pat';
const SETUP_BRANCH = 'fleet/setup-ci-runners';

let repo: string;
let bare: string;
let server: FleetServer;
let gitServer: GitHttpServer;
let azure: AzureDevOpsServer;
let front: AzureReposFront;
let routes: ReposRoutes;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  gitServer = await GitHttpServer.start({ token: TOKEN });
  bare = gitServer.createBareRepo('acme/Fleet/_git/fleet');
  azure = await AzureDevOpsServer.start({ token: TOKEN, organisation: 'acme' });
  azure.addProject('Fleet', ['fleet']);
  routes = addReposRoutes(azure, { project: azure.projectInfo('Fleet')!, id: '00000001-aaaa-4bbb-8ccc-000000000001', name: 'fleet', bare, defaultBranch: 'main' });
  front = await AzureReposFront.start(Number(new URL(azure.url).port), gitServer.port);
  // Asynchronously: the git server answers from this same process.
  await gitAsync(repo, 'push', '-q', `http://git:${TOKEN}@127.0.0.1:${gitServer.port}/acme/Fleet/_git/fleet.git`, 'main');
  git(repo, ['remote', 'add', 'origin', `${front.url}/acme/Fleet/_git/fleet`]);
  server = await startServer(repo, { FLEET_GIT_TOKEN_ORIGIN: TOKEN });
});

test.afterAll(async () => {
  await server?.close();
  await front?.close();
  await azure?.close();
  await gitServer?.stop();
  removeTempDirs();
});

test('opens the Azure Repos pull request, then creates the pipeline once it is completed, and says set up', async ({ page }) => {
  const web = `${front.url}/acme/Fleet`;
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Remotes' }).click();
  const section = page.getByTestId('runner-setup');
  const origin = section.locator('[data-testid="runner-remote"][data-remote="origin"]');
  await expect(origin.getByTestId('runner-chip')).toHaveText('Not set up');
  await expect(origin.getByTestId('runner-headline')).toHaveText('Not set up: main has no Fleet Control pipeline file yet.');
  await expect(origin.locator('[data-file="pipeline"]')).toContainText('not on main');
  await expect(origin.getByTestId('runner-secrets')).toContainText('a secret variable on the pipeline; add the one for the provider runs use: XAI_API_KEY');
  await expect(origin.getByTestId('runner-secrets-link')).toHaveAttribute('href', `${web}/_build`);
  await expect(origin.getByTestId('runner-azure')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the CI runners section on Azure Repos, not set up');
  await screenshot(page, 'runner-setup-azure', 'light', section);
  await screenshot(page, 'runner-setup-azure', 'dark', section);

  const open = origin.getByRole('button', { name: 'Open the set-up pull request' });
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(origin.getByTestId('runner-result')).toHaveText('Pull request #1 opened on origin: complete it into main in Azure DevOps, then create the pipeline here.', { timeout: 20_000 });
  await expect(origin.getByTestId('runner-chip')).toHaveText('Waiting for merge');
  await expect(origin.getByTestId('runner-headline')).toContainText('Waiting for the set-up pull request #1 to be completed into main.');
  await expect(origin.getByTestId('runner-pull-link')).toHaveAttribute('href', `${web}/_git/fleet/pullrequest/1`);
  await expect(page.locator('body')).not.toContainText(TOKEN);
  const commit = git(bare, ['rev-parse', `refs/heads/${SETUP_BRANCH}`]);
  expect(git(bare, ['show', `${commit}:.azure-pipelines/fleet-control.yml`])).toContain('trigger: none');
  expect(routes.pulls).toMatchObject([{ sourceRefName: `refs/heads/${SETUP_BRANCH}`, targetRefName: 'refs/heads/main', status: 'active' }]);
  expect(routes.definitions).toHaveLength(0);

  // Completed on the website: main holds the commit; the pipeline is still to be created.
  git(bare, ['update-ref', 'refs/heads/main', commit]);
  routes.completePull(1);
  await section.getByRole('button', { name: 'Check again' }).click();
  await expect(origin.getByTestId('runner-chip')).toHaveText('Pipeline to create');
  await expect(origin.getByTestId('runner-pull-state')).toHaveText('merged');
  const create = origin.getByRole('button', { name: 'Create the pipeline in Azure Pipelines' });
  await create.focus();
  await page.keyboard.press('Enter');
  await expect(origin.getByTestId('runner-result')).toContainText('Pipeline Fleet Control (fleet) created in Azure Pipelines', { timeout: 20_000 });
  await expect(origin.getByTestId('runner-chip')).toHaveText('Set up');
  await expect(origin.getByTestId('runner-pipeline-link')).toHaveAttribute('href', `${web}/_build?definitionId=30`);
  await expect(origin.getByTestId('runner-secrets-link')).toHaveAttribute('href', `${web}/_build?definitionId=30`);
  await expect(origin.getByTestId('runner-secrets-link')).toHaveText('Open the pipeline Fleet Control (fleet)');
  expect(routes.definitions).toMatchObject([{ id: 30, yamlFilename: '/.azure-pipelines/fleet-control.yml' }]);
  await expect(create).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the CI runners section on Azure Repos, set up');
});
