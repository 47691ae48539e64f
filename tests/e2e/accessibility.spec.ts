import { test, expect } from '@playwright/test';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { AppPage } from './pages/app-page';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

test('every screen is free of axe violations', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(host.url);
  await expectNoAxeViolations(page, 'home (empty)');

  await page.getByRole('button', { name: 'New consultation' }).click();
  await expectNoAxeViolations(page, 'new consultation');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page, 'new consultation with errors');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await app.createConsultation('Accessible consultation');
  await expectNoAxeViolations(page, 'workspace overview');
  for (const tab of ['Draft', 'Responses', 'Analysis', 'Outputs', 'Team']) {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: tab }).click();
    await expect(app.heading()).toHaveText(tab);
    await expectNoAxeViolations(page, `workspace ${tab}`);
  }
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Save a copy as…' }).click();
  await expect(app.heading()).toHaveText('Save a copy as');
  await expectNoAxeViolations(page, 'save as');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'About' }).click();
  await expectNoAxeViolations(page, 'about');
  await page.getByRole('button', { name: 'Back' }).click();
  await app.closeWorkspace();
  await expectNoAxeViolations(page, 'home with recent workspaces');
  await page.getByRole('button', { name: 'Join a team' }).click();
  await expect(app.heading()).toHaveText('Join a team');
  await page.getByRole('button', { name: 'Join the team' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the team server');
  await expectNoAxeViolations(page, 'join a team with errors');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Open a workspace' }).click();
  await expect(app.heading()).toHaveText('Open a workspace');
  await expectNoAxeViolations(page, 'open a workspace');
});
