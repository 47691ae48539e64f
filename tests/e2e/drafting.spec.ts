import { test, expect } from '@playwright/test';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { AppPage } from './pages/app-page';
import { DraftPageObject } from './pages/draft-page';

let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const TYPES = [
  'Open text',
  'Agree or disagree (5 points and don’t know)',
  'Yes, no or don’t know',
  'Single choice',
  'Multiple choice (select all that apply)',
  'Ranking',
  'Number or evidence',
  'Any other comments',
];

test('draft from the template: write sections, add every question type, reorder, versions, reopen', async ({
  page,
}) => {
  const app = new AppPage(page);
  const draft = new DraftPageObject(page);
  await app.open(host.url);
  await app.createConsultation('Rural bus services');
  await draft.open();
  await expectNoAxeViolations(page, 'draft: about this consultation');

  // Details: the audience and the closing date.
  await page
    .getByLabel('To (who the consultation is for)')
    .fill('Bus users, operators and local authorities in England.');
  // GOV.UK's date input and a 24-hour time, whatever the browser's locale; an impossible date is refused.
  const closes = page.getByRole('group', { name: 'Closes' });
  await closes.getByLabel('Day').fill('31');
  await closes.getByLabel('Month').fill('2');
  await closes.getByLabel('Year').fill('2027');
  await expect(closes).toContainText('There are 28 days in that month');
  await closes.getByLabel('Day').fill('24');
  await closes.getByLabel('Month').fill('5');
  await expect(closes).toContainText('11:59pm on 24 May 2027');
  await expect(closes.getByLabel('Hour')).toHaveValue('23');
  await closes.getByLabel('Hour').fill('25');
  await expect(closes).toContainText('Enter the hour from 0 to 23');
  await closes.getByLabel('Hour').fill('23');
  await expect(closes).toContainText('11:59pm on 24 May 2027');
  await draft.expectSaved();

  // Write the background section.
  await draft.select('Background');
  await expect(page.getByText('What to write here:')).toBeVisible();
  const editor = draft.editor('Background');
  await editor.click();
  await page.keyboard.type('Rural bus routes have fallen by a quarter since 2010.');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Bullets' }).click();
  await page.keyboard.type('fewer routes');
  await page.keyboard.press('Enter');
  await page.keyboard.type('longer journeys');
  await draft.expectSaved();
  await expectNoAxeViolations(page, 'draft: section editor');

  // The standard checker: a word to avoid appears as a finding, links to its place, and clears when fixed.
  const findings = page.getByRole('complementary', { name: 'Consultation standard' });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('We will leverage local knowledge.');
  const leverage = findings.getByRole('listitem').filter({ hasText: '“leverage”' });
  await expect(leverage).toBeVisible();
  await leverage.getByRole('button', { name: /Go to it/ }).click();
  await expect(editor).toBeFocused();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toContain('leverage');
  // The paragraph is selected: typing replaces it.
  await page.keyboard.type('We will use local knowledge.');
  await expect(editor).toContainText('We will use local knowledge.');
  await expect(leverage).toHaveCount(0);
  // Dismiss a finding with a reason; it moves to the dismissed list.
  const first = findings.getByRole('region', { name: 'Warnings' }).getByRole('listitem').first();
  const firstTitle = (await first.locator('p').first().textContent()) ?? '';
  await first.getByRole('button', { name: /^Dismiss/ }).click();
  await first.getByLabel('Why is this not a problem?').fill('Agreed with the publishing team.');
  await first.getByRole('button', { name: 'Dismiss with this reason' }).click();
  await findings.getByRole('button', { name: /Show \d+ dismissed/ }).click();
  await expect(findings.getByText('Agreed with the publishing team.')).toBeVisible();
  expect(firstTitle.length).toBeGreaterThan(3);
  await expectNoAxeViolations(page, 'draft: findings panel');

  // One question of every type, in the proposal section.
  await draft.select('Proposal 1');
  for (const type of TYPES) {
    await draft.select('Proposal 1');
    await page.getByLabel('Type of question to add').selectOption({ label: type });
    await page.getByRole('button', { name: 'Add question' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /Question \d+/ })).toBeVisible();
    const text = page.getByLabel('Question', { exact: true });
    await text.fill(`About ${type.toLowerCase()}?`);
  }
  await draft.expectSaved();
  await expectNoAxeViolations(page, 'draft: question builder');
  let qs = await draft.outlineQuestions();
  expect(qs).toHaveLength(8);
  expect(qs[0]).toMatch(/^Q1\. About open text\?/);
  expect(qs[7]).toMatch(/^Q8\. About any other comments\?/);

  // A single-choice question's answers.
  await draft.select(/^Q4\./);
  await page.getByRole('textbox', { name: 'Answer 1', exact: true }).fill('Every day');
  await page.getByRole('textbox', { name: 'Answer 2', exact: true }).fill('Every week');
  await page.getByRole('button', { name: 'Add an answer' }).click();
  await page.getByRole('textbox', { name: 'Answer 3', exact: true }).fill('Less often');

  // Reorder: move the last question up by keyboard (move button) and the first down; numbers follow.
  await draft.outline().getByRole('button', { name: 'Move question 8 up' }).click();
  await expect(draft.outline().getByRole('button', { name: 'Move question 7 up' })).toBeFocused();
  qs = await draft.outlineQuestions();
  expect(qs[6]).toMatch(/^Q7\. About any other comments\?/);
  await draft
    .outline()
    .getByRole('button', { name: /^Q1\. About open text/ })
    .focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(async () => (await draft.outlineQuestions())[1]).toMatch(/^Q2\. About open text\?/);
  await draft.expectSaved();

  // Undo the last move, then redo it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await draft.outlineQuestions())[0]).toMatch(/^Q1\. About open text\?/);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => (await draft.outlineQuestions())[1]).toMatch(/^Q2\. About open text\?/);

  // Versions: save, change, save, compare.
  await draft.select('Versions');
  await page.getByLabel('Label for a new version').fill('First draft');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByRole('alert')).toContainText('Saved version “First draft”');
  await draft.select(/^Q3\./);
  await page.getByLabel('Question', { exact: true }).fill('A reworded question?');
  await draft.expectSaved();
  await draft.select('Versions');
  await page.getByLabel('Label for a new version').fill('Second draft');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByRole('alert')).toContainText('Saved version “Second draft”');
  await page.getByLabel('From').selectOption({ index: 2 }); // current, Second draft, First draft
  await page.getByLabel('To', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Compare' }).click();
  // The wording before and after, side by side, for clearance.
  const changes = page.getByRole('region', { name: 'Comparison' }).getByRole('table', { name: 'Question 3' });
  const row = changes.getByRole('row', { name: /^Question / });
  await expect(row.getByRole('cell').nth(1)).toContainText('A reworded question?');
  await expect(row.getByRole('cell').nth(0)).not.toContainText('A reworded question?');
  await expect(row.locator('ins')).toContainText('reworded');
  await expectNoAxeViolations(page, 'draft: versions and comparison');

  await draft.select('Preview the document');
  await expect(page.getByRole('article', { name: 'Preview of the consultation document' })).toContainText(
    'Question 3: A reworded question?',
  );
  await expectNoAxeViolations(page, 'draft: preview');

  // Close, reopen: everything is there.
  await app.closeWorkspace();
  await app.openRecent('Rural bus services');
  await draft.open();
  await expect(page.getByLabel('To (who the consultation is for)')).toHaveValue(
    'Bus users, operators and local authorities in England.',
  );
  qs = await draft.outlineQuestions();
  expect(qs).toHaveLength(8);
  expect(qs[1]).toMatch(/^Q2\. About open text\?/);
  expect(qs[2]).toMatch(/^Q3\. A reworded question\?/);
  await draft.select('Background');
  await expect(draft.editor('Background')).toContainText('Rural bus routes have fallen by a quarter since 2010.');
  await expect(draft.editor('Background').getByRole('listitem')).toHaveText(['fewer routes', 'longer journeys']);
  await draft.select(/^Q4\./);
  await expect(page.getByRole('textbox', { name: 'Answer 3', exact: true })).toHaveValue('Less often');
});

test('dates to avoid and the response due date are GOV.UK date inputs: wrong dates named, right ones kept', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = new AppPage(page);
  const draft = new DraftPageObject(page);
  await app.open(host.url);
  await app.createConsultation('Dates to avoid');
  await draft.open();

  // The response due date: day, month and year, whatever the browser's locale; an impossible one is refused.
  const due = page.getByRole('group', { name: 'Government response due by' });
  await due.getByLabel('Day').fill('30');
  await due.getByLabel('Month').fill('2');
  await due.getByLabel('Year').fill('2028');
  await expect(due).toContainText('There are 29 days in that month');
  await due.getByLabel('Day').fill('16');
  await due.getByLabel('Month').fill('8');
  await expect(due).toContainText('Shown in documents as “16 August 2028”');
  await draft.expectSaved();

  // A pre-election period: From and To as date inputs; To before From is refused, not saved.
  await page.locator('#meta-elections-add').click();
  const period = page.getByRole('group', { name: 'Period 1' });
  await period.getByLabel('Name').fill('Local elections');
  const from = period.getByRole('group', { name: 'From' });
  const to = period.getByRole('group', { name: 'To' });
  await from.getByLabel('Day').fill('26');
  await from.getByLabel('Month').fill('3');
  await from.getByLabel('Year').fill('2027');
  await to.getByLabel('Day').fill('1');
  await to.getByLabel('Month').fill('3');
  await to.getByLabel('Year').fill('2027');
  await expect(to).toContainText('The end date must be the same as or after the start date');
  await to.getByLabel('Month').fill('5');
  await to.getByLabel('Day').fill('7');
  await expect(to.locator('.govuk-error-message')).toHaveCount(0);
  await draft.expectSaved();
  await expectNoAxeViolations(page, 'draft: dates to avoid');

  // Bank holidays: a line that is not a date is named, and the list is not saved until it is put right.
  await page.getByLabel('Use my own list of bank holidays').check();
  const bank = page.getByLabel('Bank holidays', { exact: true });
  await expect(bank).toHaveValue(/2027-05-31/);
  await bank.fill('2027-05-31\n2027-02-30\n2027-12-27');
  await bank.blur();
  await expect(page.locator('#meta-bank-holidays-error')).toContainText('Line 2 (“2027-02-30”) is not a date');
  await bank.fill('2027-05-31\n2027-12-27');
  await bank.blur();
  await expect(page.locator('#meta-bank-holidays-error')).toHaveCount(0);
  await draft.expectSaved();

  // What was saved is what comes back.
  await app.closeWorkspace();
  await app.openRecent('Dates to avoid');
  await draft.open();
  await expect(due.getByLabel('Month')).toHaveValue('8');
  await expect(period.getByLabel('Name')).toHaveValue('Local elections');
  await expect(from.getByLabel('Day')).toHaveValue('26');
  await expect(to.getByLabel('Day')).toHaveValue('7');
  await expect(to.getByLabel('Month')).toHaveValue('5');
  await expect(page.getByLabel('Bank holidays', { exact: true })).toHaveValue('2027-05-31\n2027-12-27');
});
