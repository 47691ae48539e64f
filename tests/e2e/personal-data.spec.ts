import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { AppPage } from './pages/app-page';
import { ResponsesPageObject } from './pages/responses-page';
import { analysisWorkspace, hand, importResponses } from '../unit/analysis-app/helpers';

/**
 * Responses → Personal data as an official uses it (issue 17, R-PUB1): the names, emails and phone
 * numbers people typed into answers that would be published, each in its sentence; one released with a
 * reason (refused without one), the rest confirmed for removal in one go; the responses CSV published
 * from the Outputs page then holds the released number and none of the rest.
 */
let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const TITLE = 'One online place for NHS information and services';
const LINE = '0113 496 0000';

test('review the personal data found in answers, release one with a reason, confirm the rest', async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await analysisWorkspace(host.docsDir, 'pd.consult', TITLE);
  await importResponses(
    ws,
    host.docsDir,
    'survey.csv',
    [
      'I am Mei Chen and my email is mei.chen@example.org; the app would help me.',
      `The practice line ${LINE} is always engaged, so booking online would help.`,
    ].map((text, i) =>
      hand(
        i + 1,
        {
          name: i === 0 ? 'Mei Chen' : 'Sam Patel',
          respondingAs: 'As an individual',
          respondentType: 'Member of the public',
          publishConsent: 'Yes',
          confidential: 'No',
        },
        { 'example-q3': { optionIds: [], text } },
      ),
    ),
  );
  await ws.router.shutdown();

  const app = new AppPage(page);
  await app.open(host.url);
  await app.openWorkspace(ws.path, TITLE);

  const responses = new ResponsesPageObject(page);
  await responses.open();
  await responses.section('Personal data');
  await expect(page.getByText('2 answers checked: 3 not reviewed yet')).toBeVisible();
  const table = page.getByRole('table', { name: /Not reviewed yet/ });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table).toContainText('mei.chen@example.org');
  await expectNoAxeViolations(page, 'responses: personal data to review');

  // Releasing needs a reason.
  await page.getByRole('button', { name: `Release the phone number “${LINE}”` }).click();
  await page.getByRole('button', { name: 'Release it' }).click();
  await expect(page.getByText('Say why this can be published as written')).toBeVisible();
  await page.getByLabel(`Why can the phone number “${LINE}” be published?`).fill('The practice’s public number');
  await page.getByRole('button', { name: 'Release it' }).click();
  await responses.expectSaved();
  await expect(page.getByText('2 answers checked: 2 not reviewed yet')).toBeVisible();

  await page.getByRole('button', { name: 'Confirm removal of all 2 findings not reviewed yet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removal confirmed for 2 findings.' })).toBeVisible();
  await expect(page.getByText('Nothing left to review.')).toBeVisible();
  await page.getByLabel('Show').selectOption('all');
  await expect(page.getByRole('table', { name: /All findings/ })).toContainText('The practice’s public number');
  await expectNoAxeViolations(page, 'responses: personal data reviewed');

  // Published from the Outputs page: the released number is there, the removed ones are not.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Outputs' }).click();
  const check = page.getByRole('region', { name: 'Publication check' });
  await expect(check).not.toContainText('personal data');
  const card = page.getByRole('region', { name: 'Responses (CSV)' });
  const out = join(host.docsDir, 'published.csv');
  await card.getByLabel('Save to').fill(out);
  await card.getByRole('button', { name: /^Export / }).click();
  // Unfinished (no government response written yet): refused, then exported anyway for this check.
  await expect(card.getByRole('alert')).toContainText('Not published: the publication check found problems');
  await card.getByLabel(/Export it anyway/).check();
  await card.getByRole('button', { name: /^Export / }).click();
  await expect(card.getByRole('status')).toContainText('Saved to');
  const csv = readFileSync(out, 'utf8');
  expect(csv).toContain(LINE);
  for (const item of ['Mei Chen', 'mei.chen@example.org']) expect(csv).not.toContain(item);
  expect(csv).toContain('[name removed]');
});
