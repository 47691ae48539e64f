import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { Package } from '../harness/ooxml-read';
import { AppPage } from './pages/app-page';
import { AnalysisPageObject } from './pages/analysis-page';
import { analysisWorkspace, hand, importResponses } from '../unit/analysis-app/helpers';
import { costAndAccessAnswers } from '../generators/coded-sample';

/**
 * Assisted coding through the UI (issue 20): code a sample of a question's answers with the keyboard, see the
 * proposals with their confidence for the rest, accept a confident batch after reading it (one unticked), correct
 * one answer, and export the government response, whose method says how many answers came from accepted proposals.
 */
let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const TITLE = 'One online place for NHS information and services';

test('code a sample, accept a confident batch, correct one, and the government response says so', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const ws = await analysisWorkspace(host.docsDir, 'assisted.consult', TITLE);
  const answers = costAndAccessAnswers();
  await importResponses(
    ws,
    host.docsDir,
    'answers.csv',
    answers.map((a, i) =>
      hand(i + 1, { respondingAs: 'individual' }, { 'example-q3': { optionIds: [], text: a.text } }),
    ),
  );
  await ws.call('analysis.saveTheme', { name: 'Cost', questionIds: ['example-q3'] });
  await ws.call('analysis.saveTheme', { name: 'Access and signal', questionIds: ['example-q3'] });
  await ws.router.shutdown();

  const app = new AppPage(page);
  await app.open(host.url);
  await app.openWorkspace(ws.path, TITLE);
  const analysis = new AnalysisPageObject(page);
  await analysis.open();
  await analysis.select(/^Question 3:/);

  // The analyst codes the first 14 answers with the keyboard: 1 for cost, 2 for access, N for the next.
  await analysis.tab('Coding');
  for (let i = 0; i < 14; i++) {
    await analysis.expectPosition(i + 1, answers.length);
    const text = await analysis.answerText().innerText();
    const kind = answers.find((a) => a.text === text)!.kind;
    await page.keyboard.press(kind === 'cost' ? '1' : '2');
    await expect(analysis.queue().getByRole('button', { pressed: true })).toHaveCount(1);
    await page.keyboard.press('n');
  }

  // Proposals for the rest, with confidence; nothing coded yet.
  await analysis.tab('Proposed codes');
  const panel = page.getByRole('region', { name: 'Proposed codes' });
  await panel.getByRole('button', { name: 'Propose themes' }).click();
  const summary = panel.getByTestId('proposals-summary');
  await expect(summary).toContainText('from 14 coded answers', { timeout: 60_000 });
  await expect(summary).toContainText('answers still to code have a proposal');
  const table = panel.getByRole('table', { name: 'Proposals by theme' });
  await expect(table.getByRole('row', { name: /^Cost 7 / })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Access and signal 7 / })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('proposals.png'), fullPage: true });
  await expectNoAxeViolations(page, 'analysis: proposed codes');

  // A confident batch for Cost: read, one unticked, the rest coded as one change.
  await table.getByRole('button', { name: 'Check and accept “Cost”' }).click();
  const preview = panel.getByRole('group', { name: 'Answers to code with “Cost”' });
  await expect(preview.getByRole('status')).toContainText(/answers? would be coded/);
  await expect(preview).toContainText('least confident first');
  await expect(preview.getByRole('checkbox').first()).toBeVisible();
  const total = await preview.getByRole('checkbox').count();
  expect(total).toBeGreaterThan(10);
  await expect(preview.getByText(/% confident\)/).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('proposals-batch.png'), fullPage: true });
  await expectNoAxeViolations(page, 'analysis: a batch of proposals to check');
  await preview.getByRole('checkbox').first().uncheck();
  await preview.getByRole('button', { name: `Code ${total - 1} answers` }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'coded with “Cost”' })).toContainText(
    `${total - 1} answers coded with “Cost”`,
  );

  // One answer at a time: the first card's proposal corrected (its theme unticked, the other ticked).
  const card = panel.getByRole('group', { name: /^Response \d+$/ }).first();
  await expect(card).toBeVisible();
  const boxes = card.getByRole('checkbox');
  await expect(boxes).toHaveCount(2);
  const first = boxes.nth(0);
  await expect(first).toBeChecked();
  await expect(card).toContainText('proposed,');
  // When the model proposed both themes, the second is a kept proposal (machine-proposed, person-accepted).
  const secondProposed = await boxes.nth(1).isChecked();
  await first.uncheck();
  await boxes.nth(1).check();
  await card.getByRole('button', { name: /^Accept for response/ }).click();
  await expect(panel.getByRole('status').filter({ hasText: /^Response \d+ coded with/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('proposals-after.png'), fullPage: true });

  // The government response, published as a draft, states it.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Outputs' }).click();
  const out = page.getByRole('region', { name: 'Government response (Word)' });
  const path = await out.getByLabel('Save to').inputValue();
  await out.getByRole('button', { name: /^Export / }).click();
  await expect(out.getByRole('alert')).toContainText('Not published: the publication check found problems');
  await out.getByLabel('Publish it anyway, marked “Draft” on every page').check();
  await out.getByRole('button', { name: /^Export / }).click();
  await expect(out.getByRole('status')).toContainText('Saved to');
  const xml = new Package(readFileSync(path)).text('word/document.xml');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  // The batch (total - 1) in batches; the corrected answer counts only if it kept a proposed theme.
  const accepted = total - 1 + (secondProposed ? 1 : 0);
  expect(text).toContain(
    `For ${accepted} coded answers, a theme was first proposed by software trained on the analysts’ own coding`,
  );
  expect(text).toContain(
    secondProposed
      ? `(${total - 1} in batches the analyst checked before accepting and 1 one answer at a time)`
      : `(${total - 1} in batches the analyst checked before accepting)`,
  );
});
