import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { validateOoxml } from '../harness/ooxml';
import { AppPage } from './pages/app-page';
import { AnalysisPageObject } from './pages/analysis-page';
import { analysisWorkspace, hand, importResponses } from '../unit/analysis-app/helpers';

/**
 * Analysing responses end to end in the browser host: code answers with the keyboard alone (themes,
 * a passage, sentiment, a quote), look at the figures (chart and table, no Content Security Policy
 * violation), send a coding package, code it as the colleague would in their own workbench, merge
 * it back and see the agreement, write the government's response, and export the government
 * response, the analysis workbook and the briefing from the Outputs page.
 */
let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const TITLE = 'One online place for NHS information and services';
const ANSWERS = [
  'I do not have a smartphone and the internet at home is too slow for video calls.',
  'My broadband is unreliable in the village, so online booking would not work for me.',
  'I worry about who can see my health records and whether the data is kept safe.',
  'Please keep the telephone line: my mother cannot use a computer.',
  'Privacy matters most: my data must not be sold or shared with companies.',
  'I would be happy to use it if it was simple and worked on my phone.',
];

/** The workspace as the responses work leaves it: the example consultation, responses imported, a few themes. */
async function prepare(dir: string): Promise<string> {
  const ws = await analysisWorkspace(dir, 'nhs.consult', TITLE);
  await importResponses(
    ws,
    dir,
    'survey.csv',
    ANSWERS.map((text, i) =>
      hand(
        i + 1,
        {
          name: `Person ${i + 1}`,
          respondingAs: 'As an individual',
          respondentType: 'Member of the public',
          publishConsent: 'Yes, without my name',
        },
        {
          'example-q1': { optionIds: [i % 2 ? 'likert-agree' : 'likert-strongly-agree'] },
          'example-q3': { optionIds: [], text },
        },
      ),
    ),
  );
  for (const name of ['Poor broadband', 'Privacy', 'Keep the telephone'])
    await ws.call('analysis.saveTheme', { name, questionIds: ['example-q3'] });
  await ws.router.shutdown();
  return ws.path;
}

test('code with the keyboard, double-code through a package, merge it, and export the three documents', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const path = await prepare(host.docsDir);
  const app = new AppPage(page);
  const analysis = new AnalysisPageObject(page);
  await app.open(host.url);
  await app.openWorkspace(path, TITLE);
  await analysis.open();
  await expectNoAxeViolations(page, 'analysis: question 1 figures');

  // Figures: the chart (our SVG, presentation attributes only) with the same figures in a table.
  await analysis.select(/^Question 1:/);
  await analysis.tab('Figures');
  const chart = page.getByRole('img', { name: 'Answers, question 1' });
  await expect(chart).toBeVisible();
  const table = page.getByRole('table', { name: /Answers, question 1 \(base: 6 answered\)/ });
  await expect(table.getByRole('row', { name: /Strongly agree 3 50%/ })).toBeVisible();
  await page.getByLabel('Split the answers by').selectOption('Respondent type');
  await expect(page.getByRole('table', { name: /by respondent type/ })).toContainText('Member of the public');

  // The coding queue, with the keyboard only.
  await analysis.select(/^Question 3:/);
  await analysis.tab('Coding');
  await expect(page.getByText('0 of 6 answers coded, 6 to go.')).toBeVisible();
  await analysis.expectPosition(1, 6);
  await expect(analysis.answerText()).toHaveText(ANSWERS[0]!);
  await expectNoAxeViolations(page, 'analysis: coding queue');
  // At laptop size the card starts on the screen, and the keys work straight after choosing the tab.
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(analysis.answerText()).toBeInViewport();
  await expect(page.getByRole('tab', { name: 'Coding' })).toBeFocused();
  await page.keyboard.press('1');
  await expect(analysis.themeButton('Poor broadband')).toHaveAttribute('aria-pressed', 'true');
  // The sidebar's count follows the queue's at once (the full overview is read again 1.2 s later).
  await expect(
    analysis
      .nav()
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: /^Question 3:/ }) }),
  ).toContainText('1 of 6 coded', { timeout: 1000 });
  await analysis.queue().focus();
  await page.keyboard.press('d');
  await expect(analysis.queue().getByRole('button', { name: 'D Disagrees' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('n');
  await analysis.expectPosition(2, 6);
  await expect(page.getByText('1 of 6 answers coded, 5 to go.')).toBeVisible();
  // A passage: select words, then the theme's number.
  await analysis.selectWords('broadband is unreliable');
  await page.keyboard.press('1');
  await expect(
    analysis.queue().getByRole('listitem').filter({ hasText: '“broadband is unreliable”: Poor broadband' }),
  ).toBeVisible();
  await expect(analysis.themeButton('Poor broadband')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('ArrowRight');
  await analysis.expectPosition(3, 6);
  await page.keyboard.press('2');
  await expect(analysis.themeButton('Privacy')).toHaveAttribute('aria-pressed', 'true');
  // Q alone: the whole answer becomes a quote.
  await page.keyboard.press('q');
  await expect(analysis.queue()).toContainText('Quotes from this answer');
  await expect(analysis.queue()).toContainText('Can be published');
  await page.keyboard.press('ArrowLeft');
  await analysis.expectPosition(2, 6);
  await page.keyboard.press('n');
  await analysis.expectPosition(4, 6);
  await page.keyboard.press('3');
  await page.keyboard.press('n');
  await analysis.expectPosition(5, 6);
  await page.keyboard.press('2');
  await page.keyboard.press('n');
  await analysis.expectPosition(6, 6);
  await page.keyboard.press('c');
  await expect(page.getByText('6 of 6 answers coded, 0 to go.')).toBeVisible();
  await app.expectSaved();

  await analysis.tab('Figures');
  await expect(page.getByRole('img', { name: 'Themes, question 3' })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: /Themes, question 3 \(base: 6 coded answers\)/ })
      .getByRole('row', { name: /Privacy 2 33%/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'analysis: figures with themes');

  // A coding package for a colleague: every answer to question 3.
  await analysis.select('Two coders');
  await expectNoAxeViolations(page, 'analysis: two coders');
  await page.getByRole('radio', { name: 'A percentage' }).check();
  await page.getByLabel('Percentage of the answers').fill('100');
  await page.getByLabel('Who will code it').fill('Sam Patel');
  const packagePath = join(host.docsDir, 'for-sam.consult');
  await page.getByLabel('Save the package to').fill(packagePath);
  await page.getByRole('button', { name: 'Make the coding package' }).click();
  await expect(page.getByText(`Saved a package of 6 answers to ${packagePath}`)).toBeVisible();
  expect(existsSync(packagePath)).toBe(true);

  // The colleague opens it in their workbench and codes it, again with the keyboard.
  await app.closeWorkspace();
  await app.openWorkspace(packagePath, TITLE);
  await analysis.open();
  await expect(page.getByRole('region', { name: 'Coding package' })).toContainText('for Sam Patel: 6 answers to code');
  await expectNoAxeViolations(page, 'analysis: a coding package');
  await analysis.tab('Coding');
  await analysis.expectPosition(1, 6);
  await analysis.queue().focus();
  for (const [i, key] of ['1', '1', '2', '3', '2', '2'].entries()) {
    await analysis.expectPosition(i + 1, 6);
    await page.keyboard.press(key);
    await expect(page.getByRole('status').filter({ hasText: /^Coded with/ })).toBeVisible();
    await page.keyboard.press('n');
  }
  await expect(page.getByText('Every answer to this question is coded.')).toBeVisible();
  await app.expectSaved();
  await app.closeWorkspace();

  // Back in the lead's workspace: merge it and see the agreement.
  await app.openWorkspace(path, TITLE);
  await analysis.open();
  await analysis.select('Two coders');
  await page.getByLabel('Coded package').fill(packagePath);
  await page.getByRole('button', { name: 'Merge the package' }).click();
  const merged = page.getByRole('alert').filter({ hasText: 'Merged Sam Patel’s coding of 6 answers' });
  await expect(merged).toBeVisible();
  await expect(merged).toContainText('Overall kappa');
  await expect(page.getByRole('table', { name: /Question 3: 6 of 6 sampled answers coded by both/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Answers coded differently \(\d+\)/ })).toBeVisible();
  await expectNoAxeViolations(page, 'analysis: agreement and conflicts');

  // The government's response to question 1, beside its figures, saved as typed.
  await analysis.select(/^Question 1:/);
  await analysis.tab('Government response');
  await page
    .getByLabel('Response to what people said')
    .fill('We will build one online front door, and keep the telephone.');
  await expect(page.getByText('Saved', { exact: true }).first()).toBeVisible();
  await app.expectSaved();
  await expectNoAxeViolations(page, 'analysis: government response');

  // The three documents from the Outputs page, for publication.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Outputs' }).click();
  await expect(app.heading()).toHaveText('Outputs');
  for (const title of ['Government response (Word)', 'Analysis workbook (Excel)', 'Ministerial briefing (Word)']) {
    const card = page.getByRole('region', { name: title });
    await expect(card.getByRole('radio', { name: 'Redacted, for publication' })).toBeChecked();
    const out = await card.getByLabel('Save to').inputValue();
    await card.getByRole('button', { name: /^Export / }).click();
    // Only question 1's response is written and little is coded: the publication check says so and writes nothing.
    // At the top of the card, each problem with a link to where it is fixed.
    const refusal = card.getByRole('alert');
    await expect(refusal).toContainText('Not published: the publication check found problems');
    await expect(refusal).toContainText('the government’s response is not written yet');
    await expect(refusal.getByRole('button', { name: /^Go to it ?: Question 2/ })).toBeVisible();
    expect(existsSync(out)).toBe(false);
    await card.getByLabel('Publish it anyway, marked “Draft” on every page').check();
    await card.getByRole('button', { name: /^Export / }).click();
    await expect(card.getByRole('status')).toContainText('Saved to');
    await expect(card.getByRole('status')).toContainText('every page says “Draft”');
    expect(existsSync(out)).toBe(true);
    const v = await validateOoxml(out);
    expect(v.ok, v.output).toBe(true);
  }
  await expect(page.getByRole('table', { name: /Every file written from this workspace/ })).toContainText(
    'Redacted for publication',
  );
  await expectNoAxeViolations(page, 'outputs after the reports');
  // The publication check on its own: question 2's response still to write, and a link that opens it.
  const check = page.getByRole('region', { name: 'Publication check' });
  await expect(check).toContainText('block');
  await check.getByRole('button', { name: /^Go to it ?: Question 2: the government’s response/ }).click();
  await expect(app.heading()).toHaveText('Analysis');
  await expect(page.getByLabel('Response to what people said')).toBeVisible();
  expect(cspViolations).toEqual([]);
});

test('the Outputs page refuses to publish a quote from a confidential respondent, and names it', async ({ page }) => {
  const ws = await analysisWorkspace(host.docsDir, 'confidential.consult', TITLE);
  await importResponses(ws, host.docsDir, 'letters.csv', [
    hand(
      1,
      {
        name: 'Pat Pharmacist',
        respondingAs: 'On behalf of an organisation',
        organisation: 'Hilltop Pharmacy',
        respondentType: 'Business',
        confidential: 'Yes',
        publishConsent: 'No',
      },
      {
        'example-q3': {
          optionIds: [],
          text: 'The online system would put small pharmacies like ours out of business.',
        },
      },
    ),
  ]);
  const [responseId] = (await ws.call('responses.list', { offset: 0, limit: 5 })).rows.map((r) => r.id);
  await ws.call('analysis.markQuote', { responseId: responseId!, questionId: 'example-q3' });
  await ws.router.shutdown();

  const app = new AppPage(page);
  await app.open(host.url);
  await app.openWorkspace(ws.path, TITLE);
  const analysis = new AnalysisPageObject(page);
  await analysis.open();
  await analysis.select(/^Question 3:/);
  await analysis.tab('Quotes');
  await expect(page.getByText('Cannot be published: the respondent asked for confidentiality')).toBeVisible();
  await expectNoAxeViolations(page, 'analysis: quotes that cannot be published');

  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Outputs' }).click();
  const card = page.getByRole('region', { name: 'Government response (Word)' });
  const out = await card.getByLabel('Save to').inputValue();
  await card.getByRole('button', { name: /^Export / }).click();
  // Unfinished (no response written): published anyway as a draft, the quote is still refused.
  await expect(card.getByRole('alert')).toContainText('Not published: the publication check found problems');
  await card.getByLabel('Publish it anyway, marked “Draft” on every page').check();
  await card.getByRole('button', { name: /^Export / }).click();
  await expect(card).toContainText('A quote cannot be published.');
  await expect(card.getByRole('list', { name: 'What to resolve before publishing' })).toContainText(
    `Question 3, response ${responseId}`,
  );
  await expect(card.getByRole('list', { name: 'What to resolve before publishing' })).toContainText(
    'asked for their response to be confidential',
  );
  expect(existsSync(out)).toBe(false);
  await expectNoAxeViolations(page, 'outputs: publication refused');
  // For internal use it is made, with the quote.
  await card.getByRole('radio', { name: 'Not redacted, for internal use only' }).check();
  await card.getByRole('button', { name: /^Export / }).click();
  await expect(card.getByRole('status')).toContainText('Saved to');
  expect(existsSync(out)).toBe(true);
});
