// Where a remote's or a provider's address is typed, plain http:// to another computer is flagged: main sends no
// credential there (INSECURE_TRANSPORT), and the form says so before anything is saved.

import { expect, test } from '@playwright/test';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, openBoard } from './support/page';

let server: FleetServer;

test.beforeAll(async () => {
  ({ server } = await serveInitialisedRepo());
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const NOTE = 'Plain HTTP: credentials are not sent.';

test('the remote form and the provider settings warn about plain HTTP to another computer, not about https or loopback', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Remotes' }).click();
  const form = page.getByTestId('remote-form');
  const address = form.getByLabel('HTTPS address');
  await address.fill('http://git.example.com/acme/fleet.git');
  await expect(form.getByTestId('plain-http-note')).toContainText(NOTE);
  await expectNoSeriousA11yViolations(page, 'remote form with the plain HTTP note');
  await address.fill('https://git.example.com/acme/fleet.git');
  await expect(form.getByTestId('plain-http-note')).toBeHidden();
  await address.fill('http://127.0.0.1:8080/fleet.git');
  await expect(form.getByTestId('plain-http-note')).toBeHidden();

  await page.getByRole('link', { name: 'Agent settings' }).click();
  const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
  await expect(lmstudio.getByTestId('plain-http-note')).toBeHidden();
  await lmstudio.getByLabel('Base URL').fill('http://192.168.1.20:1234/v1');
  await expect(lmstudio.getByTestId('plain-http-note')).toContainText(NOTE);
  await lmstudio.getByLabel('Base URL').fill('http://localhost:1234/v1');
  await expect(lmstudio.getByTestId('plain-http-note')).toBeHidden();
});
