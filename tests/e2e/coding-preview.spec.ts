import { test, expect } from '@playwright/test';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { AppPage } from './pages/app-page';
import { AnalysisPageObject } from './pages/analysis-page';
import { analysisWorkspace, hand, importGenerated, importResponses } from '../unit/analysis-app/helpers';

/**
 * Coding many answers at once shows them first (issue 18, items 3 and 6): a bulk coding's check lists
 * the answers, each ticked, to untick any that do not belong before the rest are coded as one
 * undoable change; accepting a suggested theme offers to code the answers it was suggested from, the
 * same way.
 */
let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const TITLE = 'One online place for NHS information and services';

test('bulk coding and an accepted suggestion show their answers to untick, then code the rest', async ({ page }) => {
  test.setTimeout(180_000);
  const ws = await analysisWorkspace(host.docsDir, 'preview.consult', TITLE);
  await importGenerated(ws, host.docsDir, 'generated.csv', { count: 160, seed: 4, campaigns: [] });
  await importResponses(
    ws,
    host.docsDir,
    'broadband.csv',
    ['Broadband here is too slow.', 'Our broadband drops every evening.', 'I like the broadband idea.'].map((text, i) =>
      hand(i + 1, { name: `B ${i}`, publishConsent: 'Yes' }, { 'example-q3': { optionIds: [], text } }),
    ),
  );
  await ws.call('analysis.saveTheme', { name: 'Poor broadband', questionIds: ['example-q3'] });
  await ws.router.shutdown();

  const app = new AppPage(page);
  await app.open(host.url);
  await app.openWorkspace(ws.path, TITLE);
  const analysis = new AnalysisPageObject(page);
  await analysis.open();
  await analysis.select(/^Question 3:/);
  await analysis.tab('Themes');

  // Bulk: a search, its answers shown; the one that likes the idea is unticked.
  const bulk = page.getByRole('region', { name: 'Code many answers at once' });
  await bulk.getByLabel('Theme to apply').selectOption({ label: 'Poor broadband' });
  await bulk.getByLabel('Search for').fill('broadband');
  await bulk.getByRole('button', { name: 'Check which answers' }).click();
  const preview = bulk.getByRole('group', { name: 'Answers to code with “Poor broadband”' });
  await expect(preview.getByRole('status')).toContainText(/answers? would be coded/);
  const total = await preview.getByRole('checkbox').count();
  expect(total).toBeGreaterThanOrEqual(3);
  await expectNoAxeViolations(page, 'analysis: bulk coding preview');
  await preview.getByLabel(/I like the broadband idea\./).uncheck();
  await preview.getByRole('button', { name: `Code ${total - 1} answer${total - 1 === 1 ? '' : 's'}` }).click();
  const doneStatus = bulk.getByRole('status').filter({ hasText: 'coded with “Poor broadband”' });
  await expect(doneStatus).toContainText(`${total - 1} answer`);
  await expect(bulk).toContainText('Changes made in bulk');

  // A suggestion accepted: the answers it came from are offered, to untick and code.
  const suggest = page.getByRole('region', { name: 'Suggested themes' });
  await suggest.getByRole('button', { name: 'Suggest themes' }).click();
  await expect(suggest.getByRole('button', { name: 'Save my decisions' })).toBeVisible({ timeout: 60_000 });
  await suggest.getByRole('radio', { name: 'Accept' }).first().check();
  await suggest.getByRole('button', { name: 'Save my decisions' }).click();
  await expect(suggest.getByRole('status').filter({ hasText: 'added to the codebook' })).toContainText(
    '1 theme was added to the codebook.',
  );
  const offered = suggest.getByRole('group', { name: /^Answers to code with “/ });
  await expect(offered.getByRole('status')).toContainText(/answers? would be coded/);
  const boxes = offered.getByRole('checkbox');
  const shown = await boxes.count();
  expect(shown).toBeGreaterThan(1);
  await boxes.first().uncheck();
  await expectNoAxeViolations(page, 'analysis: a suggestion’s answers offered');
  await offered.getByRole('button', { name: /^Code [\d,]+ answers?$/ }).click();
  await expect(suggest.getByText(/answers? coded with “/)).toBeVisible();
});
