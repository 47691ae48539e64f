import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { startHost, type HostProcess } from '../harness/host';
import { AppPage } from './pages/app-page';

let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('create a workspace, retitle it, close, reopen and find the change', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(host.url);
  const path = await app.createConsultation('Bus services in rural areas');
  expect(existsSync(path)).toBe(true);
  await expect(page).toHaveTitle(/Bus services in rural areas \(Saved\)/);

  await app.retitle('Improving bus services in rural areas');
  await app.closeWorkspace();
  await expect(page.getByRole('list', { name: 'Recent workspaces' })).toContainText(
    'Improving bus services in rural areas',
  );

  await app.openRecent('Improving bus services in rural areas');
  await expect(page.getByLabel('Consultation title')).toHaveValue('Improving bus services in rural areas');
});

test('the change survives the app being stopped and started again', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(host.url);
  await app.createConsultation('Waste collection');
  await app.retitle('Waste collection and recycling');
  // Stop the whole app (the browser host), as closing the window would, then start a new one.
  const { configDir, docsDir } = host;
  await host.stop();
  host = await startHost({ configDir, docsDir });
  await app.open(host.url);
  await app.openRecent('Waste collection and recycling');
  await expect(page.getByLabel('Consultation title')).toHaveValue('Waste collection and recycling');
});

test('a change acknowledged as saved survives the app being killed', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(host.url);
  await app.createConsultation('School transport');
  await app.retitle('Home to school transport');
  const { configDir, docsDir } = host;
  host.kill(); // no clean shutdown: the change is only in the journal
  await new Promise((r) => setTimeout(r, 200));
  host = await startHost({ configDir, docsDir });
  await app.open(host.url);
  await app.openRecent('Home to school transport');
  await expect(page.getByLabel('Consultation title')).toHaveValue('Home to school transport');
});

test('errors are shown in an error summary that links to the field', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(host.url);
  await page.getByRole('button', { name: 'New consultation' }).click();
  await page.getByRole('button', { name: 'Create workspace' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  await expect(summary).toContainText('Enter a title for the consultation');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Enter a title for the consultation' }).click();
  await expect(page.getByLabel('Title of the consultation')).toBeFocused();
});

test('opening a file that is not a workspace says so and stays on the open page', async ({ page }) => {
  const { writeFileSync } = await import('node:fs');
  const bogus = `${host.docsDir}/letter.consult`;
  writeFileSync(bogus, 'Dear Minister');
  const app = new AppPage(page);
  await app.open(host.url);
  await page.getByRole('button', { name: 'Open a workspace' }).click();
  await expect(app.heading()).toHaveText('Open a workspace');
  await page.getByLabel('Workspace file').fill(bogus);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not a Consultation Workbench workspace');
});

test('the whole flow works from the keyboard alone', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(host.url);
  // Skip link first, then the two main actions.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New consultation' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.heading()).toHaveText('New consultation');
  await expect(app.heading()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Title of the consultation')).toBeFocused();
  await page.keyboard.type('Keyboard only consultation');
  await expect(page.getByLabel('Where to save it')).toHaveValue(/keyboard-only-consultation\.consult$/);
  await page.keyboard.press('Enter'); // submits the form
  await expect(app.heading()).toHaveText('Keyboard only consultation');
  await app.expectSaved();
});
