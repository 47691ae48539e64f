import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { plantedCorpus } from '../generators/campaign-text';
import { csvText } from '../generators/encode';
import { AppPage } from './pages/app-page';
import { ResponsesPageObject } from './pages/responses-page';
import * as XLSX from '@e965/xlsx';

let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

/** A survey export: 260 answers to "anything else" with a planted campaign of 60, and one row with a stray cell. */
function writeExport(dir: string): string {
  const { docs } = plantedCorpus({ seed: 21, organic: 200, campaigns: [60] });
  const rows = [
    [
      'Response ID',
      'Your name',
      'To what extent do you agree that there should be one online front door for NHS information and services ' +
        'in England?',
      'Is there anything else you would like to tell us about these proposals?',
    ],
  ];
  docs.forEach((d, i) => rows.push([`R${i + 1}`, `Person ${i + 1}`, i % 3 ? 'Agree' : 'Disagree', d.text]));
  rows.push(['R999', 'Late Lamb', 'Agree', 'Please keep the telephone line for my grandmother.', 'a stray cell']);
  const path = join(dir, 'survey export.csv');
  writeFileSync(path, csvText(rows));
  return path;
}

test('import a survey export with the wizard, fix a rejected row, confirm a campaign, search', async ({ page }) => {
  const app = new AppPage(page);
  const responses = new ResponsesPageObject(page);
  const file = writeExport(host.docsDir);
  await app.open(host.url);
  await page.getByRole('button', { name: 'New consultation' }).click();
  await page.getByLabel('Title of the consultation').fill('One online place for NHS information and services');
  await page.getByLabel('The filled-in example').check();
  await expect(page.getByLabel('Where to save it')).toHaveValue(/\.consult$/);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await app.expectSaved();
  await responses.open();
  await expect(page.getByText('Nothing has been imported yet.')).toBeVisible();
  await expectNoAxeViolations(page, 'responses: overview, empty');

  // The wizard: the file, what it is, its columns.
  await page.getByRole('button', { name: 'Import responses' }).click();
  // Chosen with the app's own file chooser (no path typed): it opens in the workspace's folder.
  const chooser = page.getByRole('region', { name: 'Choose a file' });
  await expect(chooser).toContainText(`Looking in ${host.docsDir}`);
  await expectNoAxeViolations(page, 'responses: import, choosing files');
  await chooser.getByLabel(basename(file)).check();
  await chooser.getByRole('button', { name: 'Choose 1 file' }).click();
  await expect(page.getByRole('table', { name: '1 file' })).toContainText('Survey export');
  await expectNoAxeViolations(page, 'responses: import, files');
  await page.getByRole('button', { name: /^Check the columns/ }).click();
  const mapping = page.getByRole('table', { name: 'What each column holds' });
  await expect(mapping).toBeVisible();
  await expect(page.getByLabel(/^Import column 4 \(Is there anything else/)).toHaveValue(/"questionId":"example-q11"/);
  await expect(page.getByText('1 row cannot be read and will wait in the review list, with the reason')).toBeVisible();
  await expectNoAxeViolations(page, 'responses: import, columns');
  await page.getByRole('button', { name: 'Import 260 responses' }).click();
  await expect(page.getByRole('heading', { name: '260 responses imported' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Campaigns:' })).toContainText('1 campaign');
  await responses.expectSaved();
  await expectNoAxeViolations(page, 'responses: import, result');

  // The rejected row: take out the stray cell and accept it.
  await responses.section(/^Rows to review/);
  await page.getByRole('button', { name: /^Fix or discard/ }).click();
  await page.getByLabel('Column 5').fill('');
  await expectNoAxeViolations(page, 'responses: review, fixing a row');
  await page.getByRole('button', { name: 'Accept the fixed row' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is now response 261' })).toBeVisible();
  await expect(page.getByText('No rows are waiting.')).toBeVisible();

  // The campaign: the template once, then confirm it.
  await responses.section(/^Campaigns/);
  await page
    .getByRole('table', { name: /campaign/ })
    .getByRole('button')
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'The text they sent' })).toBeVisible();
  await page.getByLabel('Name for this campaign (optional)').fill('Planted letter');
  await expectNoAxeViolations(page, 'responses: campaign');
  await page.getByRole('button', { name: 'Confirm the campaign' }).click();
  await expect(page.getByRole('table', { name: /campaign/ })).toContainText('Confirmed');
  await expect(page.getByRole('table', { name: /campaign/ })).toContainText('Planted letter');
  await responses.expectSaved();

  // Search: matches highlighted, a response opened, its answer corrected with a record.
  await responses.section('Browse and search');
  await expect(page.getByRole('status').filter({ hasText: /^261 responses$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'responses: browse');
  await page.getByLabel('Search the answers and respondents').fill('grandmother');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /match/ })).toContainText('in');
  const results = page.getByRole('region', { name: 'Search results, scrollable' });
  await expect(results.locator('mark').first()).toHaveText(/grandmother/i);
  await results.getByRole('button', { name: 'Open response 261' }).click();
  await expect(page.getByRole('heading', { name: 'Response 261' })).toBeFocused();
  await expectNoAxeViolations(page, 'responses: search and a response');
  await page.getByRole('button', { name: 'Change the answer to question 11' }).click();
  await page.getByLabel('Corrected value').fill('Please keep the telephone line for my grandmother in Hexham.');
  await page.getByLabel('Reason (optional)').fill('Typo in the export');
  await page.getByRole('button', { name: 'Save the correction' }).click();
  const record = page.getByRole('table', { name: 'Every change made to this response after it was imported' });
  await expect(record).toContainText('Typo in the export');
  await expect(record).toContainText('in Hexham.');
  await responses.expectSaved();

  // The table scrolls with the keyboard and fetches rows as they come into view.
  await page.getByRole('button', { name: 'Clear the search' }).click();
  const table = page.getByRole('region', { name: 'Responses, scrollable' });
  // The whole list is back (End before it has loaded would go to the end of the search results).
  await expect(page.getByRole('status').filter({ hasText: /^261 responses$/ })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Open response 1', exact: true })).toBeVisible();
  // At laptop size the list shows a screenful of rows, and no name or date is cut off.
  await page.setViewportSize({ width: 1366, height: 768 });
  expect((await table.boundingBox())!.height).toBeGreaterThanOrEqual(600);
  for (const cell of await table.getByRole('row').nth(1).getByRole('cell').all())
    expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await table.focus();
  await page.keyboard.press('End');
  await expect(table.getByRole('button', { name: 'Open response 261' })).toBeVisible();
});

test('a letter typed in, and an import undone', async ({ page }) => {
  const app = new AppPage(page);
  const responses = new ResponsesPageObject(page);
  const file = writeExport(host.docsDir);
  await app.open(host.url);
  await app.createConsultation('Letters and undo');
  await responses.open();
  await responses.section('Add a letter');
  await page.getByLabel('Name').fill('Margaret Hughes');
  await page.getByLabel('Postcode').fill('NE46 1AA');
  await page.getByLabel('Date received').fill('2027-04-20');
  await page.getByLabel('The letter').fill('Dear team,\n\nI disagree with closing the phone line.\n\nYours, Margaret');
  await expect(page.getByRole('table', { name: /Assign each paragraph/ })).toBeVisible();
  await page.getByLabel('Assign paragraph 1 to').selectOption({ label: 'Leave out (greeting, signature)' });
  await page.getByLabel('Assign paragraph 3 to').selectOption({ label: 'Leave out (greeting, signature)' });
  await expectNoAxeViolations(page, 'responses: letter');
  await page.getByRole('button', { name: 'Add the letter' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved: Letter from Margaret Hughes (2027-04-20)' }),
  ).toBeVisible();

  await responses.section('Import');
  await page.getByText('Type the paths instead').click();
  await page.getByLabel('Files or folder to import').fill(file);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: /^Check the columns/ }).click();
  // The standard template has no questions yet: the wizard offers to make them from the columns.
  await page.getByRole('button', { name: 'Create questions from these columns' }).click();
  await expect(page.getByLabel(/^Import column 4 \(Is there anything else/)).toHaveValue(/"kind":"question"/);
  await page.getByRole('button', { name: /^Import \d+ responses$/ }).click();
  await expect(page.getByRole('heading', { name: /responses imported/ })).toBeVisible();

  await responses.section('Overview');
  const imports = page.getByRole('table', { name: /Every import, newest first/ });
  await expect(imports.getByRole('row')).toHaveCount(3);
  // The confirmation takes the focus (it is below the list); "No, keep it" gives it back to the link.
  const undoLink = imports.getByRole('button', { name: 'Undo the import of survey export.csv' });
  await undoLink.click();
  await expect(page.getByRole('heading', { name: 'Undo the import of survey export.csv?' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Undo the import of survey export.csv?' })).toBeInViewport();
  await page.getByRole('button', { name: 'No, keep it' }).click();
  await expect(undoLink).toBeFocused();
  await undoLink.click();
  await expectNoAxeViolations(page, 'responses: confirm undo');
  await page.getByRole('button', { name: 'Yes, undo this import' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Undone: 260 responses/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Undone: 260 responses/ })).toBeFocused();
  await expect(imports).toContainText('Undone');
  await expect(page.locator('.app-responses-summary')).toContainText('Letter: 1');
});

test('a consultation started from a survey export: questions made from its columns, then responses imported', async ({
  page,
}) => {
  const app = new AppPage(page);
  const file = writeExport(host.docsDir);
  await app.open(host.url);
  await page.getByRole('button', { name: 'New consultation' }).click();
  await page.getByLabel('Title of the consultation').fill('Started from a survey export');
  await expect(page.getByLabel('Where to save it')).toHaveValue(/started-from-a-survey-export(-\d+)?\.consult$/);
  await page.getByLabel('A survey export').check();
  await page.getByRole('button', { name: 'Create workspace' }).click();
  // The export is needed: asked for, in the error summary and at the field.
  await expect(page.getByRole('alert')).toContainText('Enter the path of the survey export');
  await page.getByLabel('Survey export', { exact: true }).fill(file);
  await expectNoAxeViolations(page, 'new consultation from a survey export');
  await page.getByRole('button', { name: 'Create workspace' }).click();

  // The Responses page opens at the import wizard with the export already chosen and read.
  await expect(app.heading()).toHaveText('Responses');
  await page.getByRole('button', { name: /^Check the columns/ }).click();
  await page.getByRole('button', { name: 'Create questions from these columns' }).click();
  await expect(page.getByLabel(/^Import column 3 \(To what extent/)).toHaveValue(/"kind":"question"/);
  await page.getByRole('button', { name: /^Import \d+ responses$/ }).click();
  const result = page.getByRole('region', { name: '260 responses imported' });
  await expect(result).toContainText('1 row could not be read');
  await expect(result.getByRole('status')).toContainText('Campaigns: 1 campaign (60 respondents)');
  await app.expectSaved();

  // The draft now holds the questions, numbered, in the export's order.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Draft' }).click();
  const outline = page.getByRole('navigation', { name: /outline/i });
  await expect(outline).toContainText('Questions from the survey export');
  await expect(outline).toContainText('Q1. To what extent do you agree that there should be one onli');
  await expect(outline).toContainText('Q2. Is there anything else you would like to tell us');

  // The overview counts them.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByText('260 responses from 1 import')).toBeVisible();
});

test('a workbook with several sheets: the official chooses the sheet that holds the responses', async ({ page }) => {
  const app = new AppPage(page);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['About this export'],
      ['Downloaded on 3 March 2027 by the policy team'],
      ['Two late responses were added by hand'],
    ]),
    'Notes',
  );
  const rows = [['Response ID', 'How often do you use the bus?', 'What would make it better?']];
  for (let i = 1; i <= 9; i++)
    rows.push([`R${i}`, ['Daily', 'Weekly', 'Never'][i % 3]!, `More buses on route ${i} in the evening`]);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Responses');
  const file = join(host.docsDir, 'bus survey.xlsx');
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

  await app.open(host.url);
  await page.getByRole('button', { name: 'New consultation' }).click();
  await page.getByLabel('Title of the consultation').fill('Bus services');
  await expect(page.getByLabel('Where to save it')).toHaveValue(/bus-services(-\d+)?\.consult$/);
  await page.getByLabel('A survey export').check();
  await page.getByLabel('Survey export', { exact: true }).fill(file);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('button', { name: /^Check the columns/ }).click();

  // The first sheet is read, and the choice of sheet is offered.
  const sheet = page.getByLabel('Sheet', { exact: true });
  await expect(sheet).toHaveValue('Notes');
  await expect(page.getByText('This workbook has 2 sheets.')).toBeVisible();
  await sheet.selectOption('Responses');
  await expect(page.getByLabel(/^Import column 2 \(How often/)).toBeVisible();
  await expectNoAxeViolations(page, 'import wizard with a sheet choice');
  await page.getByRole('button', { name: 'Create questions from these columns' }).click();
  await expect(page.getByLabel(/^Import column 2 \(How often/)).toHaveValue(/"kind":"question"/);
  await expect(sheet).toHaveValue('Responses');
  await page.getByRole('button', { name: 'Import 9 responses' }).click();
  await expect(page.getByRole('region', { name: '9 responses imported' })).toBeVisible();
  await app.expectSaved();
});
