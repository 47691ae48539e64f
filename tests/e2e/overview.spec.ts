import { test, expect, type Page } from '@playwright/test';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { AppPage } from './pages/app-page';
import { AnalysisPageObject } from './pages/analysis-page';
import { whenText } from '../../renderer/src/features/shared/format';
import { analysisWorkspace, hand, importResponses } from '../unit/analysis-app/helpers';

/**
 * The Overview's task list is worked out from the workspace, never stored (issue 18, item 2): before
 * the opening date "Collect responses" says when it opens; coding a few answers puts Analyse in
 * progress; writing one government response puts Respond in progress ("Last saved" is then that
 * change's time); "Produce the outputs" can always be started; a document published over the
 * publication check's problems leaves Publish in progress, not completed.
 */
let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const TITLE = 'One online place for NHS information and services';

const task = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });

test('the task list follows the work: analysis, response and publishing', async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await analysisWorkspace(host.docsDir, 'overview.consult', TITLE);
  await importResponses(
    ws,
    host.docsDir,
    'survey.csv',
    ['No broadband in the village.', 'Keep the telephone line.', 'My data must stay private.'].map((text, i) =>
      hand(
        i + 1,
        { name: `Person ${i + 1}`, respondingAs: 'As an individual', publishConsent: 'Yes' },
        { 'example-q1': { optionIds: ['likert-agree'] }, 'example-q3': { optionIds: [], text } },
      ),
    ),
  );
  const theme = await ws.call('analysis.saveTheme', { name: 'Access', questionIds: ['example-q3'] });
  const [first] = (await ws.call('responses.list', { offset: 0, limit: 1 })).rows;
  await ws.call('analysis.code', { responseId: first!.id, questionId: 'example-q3', themeId: theme.id });
  const opensAt = (await ws.call('draft.get', {})).draft.metadata.opensAt;
  await ws.router.shutdown();

  const app = new AppPage(page);
  await app.open(host.url);
  await app.openWorkspace(ws.path, TITLE);

  if (opensAt && Date.parse(opensAt) > Date.now())
    await expect(task(page, 'Collect responses')).toContainText(/Opens .* in [\d,]+ days/);
  await expect(task(page, 'Produce the outputs')).toContainText('Not started');
  await expect(task(page, 'Analyse')).toContainText('In progress');
  await expect(task(page, 'Analyse')).toContainText(/1 of [\d,]+ open answers coded/);
  await expect(task(page, 'Respond')).toContainText(/0 of [\d,]+ questions answered/);
  await expect(task(page, 'Publish')).toContainText('Not started');
  const lastSaved = page.getByRole('term').filter({ hasText: 'Last saved' }).locator('xpath=following-sibling::dd[1]');
  await expectNoAxeViolations(page, 'overview with responses');

  // One government response written: Respond is in progress, and "Last saved" moves.
  const analysis = new AnalysisPageObject(page);
  await analysis.open();
  await analysis.select(/^Question 1:/);
  await analysis.tab('Government response');
  // The minute before the change and after the Overview shows it (a loaded machine can take a minute between).
  const before = Date.now();
  await page.getByLabel('Response to what people said').fill('We will build one online front door.');
  await app.expectSaved();
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Overview' }).click();
  await expect(task(page, 'Respond')).toContainText('In progress');
  await expect(task(page, 'Respond')).toContainText(/1 of [\d,]+ questions answered/);
  // "Last saved" is the time of that change: a minute from the one it was typed in to the one after it was shown.
  const after = Date.now() + 60_000;
  const minutes: string[] = [];
  for (let t = before; t < after + 60_000; t += 60_000)
    minutes.push(whenText(new Date(Math.min(t, after)).toISOString()));
  await expect(lastSaved).toHaveText(new RegExp(`^(${minutes.join('|')})$`));

  // Published over the publication check's problems (marked "Draft"): Publish is in progress, not completed.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Outputs' }).click();
  const card = page.getByRole('region', { name: 'Government response (Word)' });
  await card.getByRole('button', { name: /^Export / }).click();
  await card.getByLabel('Publish it anyway, marked “Draft” on every page').check();
  await card.getByRole('button', { name: /^Export / }).click();
  await expect(card.getByRole('status')).toContainText('Saved to');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Overview' }).click();
  await expect(task(page, 'Publish')).toContainText('In progress');
  await expect(task(page, 'Publish')).toContainText('0 of 3 published');
  await expect(task(page, 'Publish')).toContainText('1 made as drafts');
  await expectNoAxeViolations(page, 'overview after publishing a draft');
});
