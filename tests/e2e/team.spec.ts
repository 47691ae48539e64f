import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startHost, type HostProcess } from '../harness/host';
import { expectNoAxeViolations } from '../harness/axe';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres';
import { AppPage } from './pages/app-page';
import { AnalysisPageObject } from './pages/analysis-page';
import { analysisWorkspace, hand, importResponses } from '../unit/analysis-app/helpers';

/**
 * A team on one consultation, through the window, against a throwaway PostgreSQL: the lead publishes a workspace
 * from its Team page; a colleague joins it from Home as a second copy (a second browser session on the same host);
 * both code, sync and agree; both rename the same theme, sync, and the conflict is shown with both names, settled on
 * one copy and seen settled on the other; a third joins with question 3 only (a slice, chosen with "Choose
 * questions"). Axe and the keyboard on each state of the Team page and of Join a team, and screenshots of them at
 * laptop size (1366×768).
 */
const TITLE = 'Bus services in rural areas';
const VIEWPORT = { width: 1366, height: 768 };
const ANSWERS = [
  'Fares are too high for a daily commute.',
  'The last bus leaves before my shift ends.',
  'Cost matters most: a weekly ticket would help.',
  'Buses do not run on Sundays at all.',
  'I cannot afford the fare on my pension.',
  'The timetable changes without notice.',
];

let pgServer: ThrowawayPostgres | null = null;
let host: HostProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  pgServer = await startThrowawayPostgres();
});
test.afterAll(async () => {
  await pgServer?.stop();
});
test.beforeEach(async () => {
  host = await startHost();
});
/** The sessions a test opened (each its own browser context), closed after it so none outlives the test. */
const sessions: BrowserContext[] = [];
test.afterEach(async () => {
  for (const c of sessions.splice(0)) await c.close();
  await host.stop();
});

/** The lead's workspace: the example consultation, six answers to question 3, and one theme. */
async function prepare(dir: string): Promise<string> {
  const ws = await analysisWorkspace(dir, 'lead.consult', TITLE);
  await importResponses(
    ws,
    dir,
    'survey.csv',
    ANSWERS.map((text, i) =>
      hand(i + 1, { respondingAs: 'As an individual' }, { 'example-q3': { optionIds: [], text } }),
    ),
  );
  await ws.call('analysis.saveTheme', { name: 'Cost', questionIds: ['example-q3'] });
  await ws.router.shutdown();
  return ws.path;
}

async function newSession(browser: Browser): Promise<{ page: Page; app: AppPage; analysis: AnalysisPageObject }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  sessions.push(context);
  const page = await context.newPage();
  return { page, app: new AppPage(page), analysis: new AnalysisPageObject(page) };
}

async function openTeam(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

async function syncNow(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Sync now' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Success' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  return (await banner.locator('.govuk-notification-banner__heading').textContent()) ?? '';
}

/** A summary list row's value, by its key. */
function summaryValue(page: Page, key: string) {
  return page
    .locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) })
    .locator('dd')
    .first();
}

/**
 * Every control in the page's main part is reached by Tab from its heading, in order, and none is skipped: the
 * controls (buttons, links, fields) that are not disabled, against what has the focus after each press.
 */
async function expectAllReachableByTab(page: Page, what: string): Promise<void> {
  const controls = await page.evaluate(() => {
    const main = document.getElementById('main-content')!;
    const all = [...main.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
    );
    all.forEach((el, i) => el.setAttribute('data-tab-check', String(i)));
    return all.length;
  });
  await page.locator('#page-heading').focus();
  const reached = new Set<string>();
  for (let i = 0; i < controls + 20 && reached.size < controls; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-tab-check') ?? null);
    if (id !== null) reached.add(id);
  }
  const missed = await page.evaluate(
    (ids) =>
      [...document.querySelectorAll<HTMLElement>('[data-tab-check]')]
        .filter((el) => !ids.includes(el.getAttribute('data-tab-check')!))
        .map((el) => el.textContent?.trim() || el.id || el.tagName),
    [...reached],
  );
  expect(missed, `controls not reached by Tab on ${what}`).toEqual([]);
  expect(reached.size).toBe(controls);
}

async function codeFirst(analysis: AnalysisPageObject, page: Page, skip: number): Promise<void> {
  await analysis.open();
  await analysis.select(/^Question 3:/);
  await analysis.tab('Coding');
  await analysis.expectPosition(1, 6);
  await analysis.queue().focus();
  for (let i = 0; i < skip; i++) await page.keyboard.press('n');
  await analysis.expectPosition(skip + 1, 6);
  await page.keyboard.press('1');
  await expect(analysis.themeButton('Cost')).toHaveAttribute('aria-pressed', 'true');
}

async function renameTheme(analysis: AnalysisPageObject, page: Page, from: string, to: string): Promise<void> {
  await analysis.open();
  await analysis.select(/^Question 3:/);
  await analysis.tab('Themes');
  await page.getByRole('button', { name: `Change ${from}` }).click();
  await page.getByLabel('Name', { exact: true }).fill(to);
  await page.getByRole('button', { name: 'Save the theme' }).click();
  await expect(page.getByRole('button', { name: `Change ${to}` })).toBeVisible();
}

test('publish a workspace, join it from Home, code and sync on both copies, and settle a conflict', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  if (!pgServer) {
    console.log('team.spec.ts skipped: no PostgreSQL binaries for a throwaway cluster (Debian’s postgresql)');
    test.skip(true, 'no PostgreSQL binaries for a throwaway cluster (install Debian’s postgresql)');
    return;
  }
  const server = pgServer.url;
  const leadPath = await prepare(host.docsDir);

  // The lead: a workspace that is not yet a team copy.
  const lead = await newSession(browser);
  await lead.app.open(host.url);
  await lead.app.openWorkspace(leadPath, TITLE);
  await openTeam(lead.page);
  await expect(lead.page.getByRole('heading', { name: 'Publish to a team server' })).toBeVisible();
  await expect(lead.page.getByText(/never saved in the workspace/)).toBeVisible();
  await lead.page.screenshot({ path: test.info().outputPath('team-not-a-team.png'), fullPage: true });
  await expectNoAxeViolations(lead.page, 'team: not a team copy');
  await expectAllReachableByTab(lead.page, 'team: not a team copy');

  // A wrong address is refused at its field.
  await lead.page.getByLabel('Server address').fill('db.example/teams');
  await lead.page.getByRole('button', { name: 'Publish to a team server' }).click();
  await expect(lead.page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    'Give the team server as postgres://host/database',
  );
  await expectNoAxeViolations(lead.page, 'team: publish form with an error');

  // Publish, with the default name on the server.
  await lead.page.getByLabel('Server address').fill(server);
  await lead.page.getByRole('button', { name: 'Publish to a team server' }).click();
  await expect(lead.page.getByRole('alert').filter({ hasText: 'Success' })).toContainText(
    `Published “${TITLE}” to the team server`,
    { timeout: 60_000 },
  );
  await expect(summaryValue(lead.page, 'Name on the server')).toHaveText('workbench');
  await expect(summaryValue(lead.page, 'Changes not yet sent')).toHaveText('None');
  await expect(summaryValue(lead.page, 'Server')).toContainText('127.0.0.1');

  // A colleague joins from Home, in a session of their own, saving the copy where the app suggests.
  const colleague = await newSession(browser);
  await colleague.app.open(host.url);
  await colleague.page.screenshot({ path: test.info().outputPath('home.png'), fullPage: true });
  await colleague.page.getByRole('button', { name: 'Join a team' }).click();
  await expect(colleague.app.heading()).toHaveText('Join a team');
  const copyPath = colleague.page.getByLabel('Where to save your copy');
  await expect(copyPath).toHaveValue(/team-workspace\.consult$/);
  await expect(colleague.page.getByRole('button', { name: /^Browse/ })).toBeVisible();
  await colleague.page.screenshot({ path: test.info().outputPath('join-a-team.png'), fullPage: true });
  await expectNoAxeViolations(colleague.page, 'join a team');
  await expectAllReachableByTab(colleague.page, 'join a team');
  await colleague.page.getByLabel('Server address').fill(server);
  await colleague.page.getByRole('button', { name: 'Join the team' }).click();
  await expect(colleague.page.getByRole('alert').filter({ hasText: 'Success' })).toContainText('You joined the team', {
    timeout: 60_000,
  });
  await expect(colleague.app.heading()).toHaveText('Team');
  await expect(colleague.page.getByRole('banner')).toContainText(TITLE);
  await expect(summaryValue(colleague.page, 'Last synced')).not.toHaveText('Not yet');
  await expect(summaryValue(colleague.page, 'Holds')).toHaveText('The whole consultation');

  // Both code question 3 offline: the lead the first answer, the colleague the second.
  await codeFirst(lead.analysis, lead.page, 0);
  await codeFirst(colleague.analysis, colleague.page, 1);
  await openTeam(lead.page);
  await expect(summaryValue(lead.page, 'Changes not yet sent')).toHaveText(/^[1-9]\d* changes?$/);
  expect(await syncNow(lead.page)).toMatch(/^Sent \d+ changes?\. Nothing new from colleagues\.$/);
  await expect(summaryValue(lead.page, 'Changes not yet sent')).toHaveText('None');
  await openTeam(colleague.page);
  expect(await syncNow(colleague.page)).toMatch(/^Sent \d+ changes?\. Brought in \d+ changes? from colleagues\.$/);
  await colleague.page.screenshot({ path: test.info().outputPath('team-copy-after-sync.png'), fullPage: true });
  await expectNoAxeViolations(colleague.page, 'team: a team copy after sync');
  await expectAllReachableByTab(colleague.page, 'team: a team copy after sync');
  expect(await syncNow(lead.page)).toMatch(/Brought in \d+ changes? from colleagues\./);

  // The agreement: both copies have both codings.
  for (const s of [lead, colleague]) {
    await s.analysis.open();
    await s.analysis.select(/^Question 3:/);
    await s.analysis.tab('Coding');
    await expect(s.page.getByText('2 of 6 answers coded, 4 to go.')).toBeVisible();
  }

  // The same theme renamed on both copies before either syncs: a conflict, with both names.
  await renameTheme(lead.analysis, lead.page, 'Cost', 'Cost of living');
  await renameTheme(colleague.analysis, colleague.page, 'Cost', 'Charges and fees');
  await openTeam(lead.page);
  await syncNow(lead.page);
  await openTeam(colleague.page);
  expect(await syncNow(colleague.page)).toContain('1 new conflict to settle: Theme “Charges and fees”.');
  const card = colleague.page.getByRole('region', { name: 'Theme “Charges and fees”' });
  await expect(card).toContainText('Both versions are kept');
  const versions = card.locator('.govuk-summary-list__row');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('Name: Cost of living');
  await expect(versions.nth(0)).not.toContainText('by you');
  await expect(versions.nth(1)).toContainText('Name: Charges and fees');
  await expect(versions.nth(1)).toContainText('by you');
  await expect(versions.nth(1)).toContainText('Kept for now');
  await colleague.page.screenshot({ path: test.info().outputPath('team-conflict.png'), fullPage: true });
  await expectNoAxeViolations(colleague.page, 'team: a conflict to settle');
  await expectAllReachableByTab(colleague.page, 'team: a conflict to settle');

  // The colleague keeps the lead's name, with the keyboard.
  await card.getByRole('button', { name: /^Keep this version \(version 1,/ }).focus();
  await colleague.page.keyboard.press('Enter');
  await expect(colleague.page.getByRole('alert').filter({ hasText: 'Success' })).toContainText(
    'settled, keeping the version by',
    { timeout: 30_000 },
  );
  await expect(colleague.page.getByRole('region', { name: /^Theme / })).toHaveCount(0);
  await expect(colleague.page.getByText('There are no conflicts to settle.')).toBeVisible();
  const settled = colleague.page.getByRole('table', { name: 'Settled conflicts' });
  await expect(settled).toContainText('Kept version 1');

  // The lead syncs and sees it settled, and both copies have the name kept.
  await syncNow(lead.page);
  await expect(lead.page.getByRole('table', { name: 'Settled conflicts' })).toContainText('Theme “Cost of living”');
  await expect(lead.page.getByRole('table', { name: 'Settled conflicts' })).toContainText('Kept version 1');
  await lead.page.screenshot({ path: test.info().outputPath('team-settled.png'), fullPage: true });
  await expectNoAxeViolations(lead.page, 'team: a conflict settled');
  for (const s of [lead, colleague]) {
    await s.analysis.open();
    await s.analysis.select(/^Question 3:/);
    await s.analysis.tab('Themes');
    await expect(s.page.getByRole('button', { name: 'Change Cost of living' })).toBeVisible();
  }

  // A third analyst, whose laptop is too small for the whole consultation, joins with question 3 only.
  const sliced = await newSession(browser);
  await sliced.app.open(host.url);
  await sliced.page.getByRole('button', { name: 'Join a team' }).click();
  await expect(sliced.app.heading()).toHaveText('Join a team');
  const choose = sliced.page.getByRole('button', { name: 'Choose questions' });
  const summary = sliced.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  // Without a server address, the questions cannot be read: refused at the server field.
  await choose.click();
  await expect(summary).toContainText('Enter the team server, as postgres://host/database');
  await sliced.page.getByLabel('Server address').fill(server);
  await choose.click();
  const questions = sliced.page.getByRole('group', { name: 'Only some questions (optional)' });
  await expect(questions.getByRole('checkbox').first()).toBeFocused();
  await expect(questions).toContainText('too large for this computer');
  await expect(questions).toContainText('cannot be used to publish documents about the responses');
  await expect(summary).toHaveCount(0);
  await expect(choose).toHaveCount(0);
  const q3 = questions.getByRole('checkbox', { name: /^Question 3: / });
  await expect(q3).not.toBeChecked();
  await q3.scrollIntoViewIfNeeded();
  await sliced.page.screenshot({ path: test.info().outputPath('join-a-team-questions.png') });
  await sliced.page.screenshot({ path: test.info().outputPath('join-a-team-questions-full.png'), fullPage: true });
  await expectNoAxeViolations(sliced.page, 'join a team: choosing questions');
  await expectAllReachableByTab(sliced.page, 'join a team: choosing questions');
  await q3.check();
  await sliced.page.getByRole('button', { name: 'Join the team' }).click();
  await expect(sliced.page.getByRole('alert').filter({ hasText: 'Success' })).toContainText('holding question 3 only', {
    timeout: 60_000,
  });
  await expect(sliced.app.heading()).toHaveText('Team');
  await expect(summaryValue(sliced.page, 'Holds')).toHaveText('Question 3 only');
  await sliced.page.screenshot({ path: test.info().outputPath('team-slice.png'), fullPage: true });
  await expectNoAxeViolations(sliced.page, 'team: a slice copy');
  // The slice has the team's work on question 3: both codings, and the name kept.
  await sliced.analysis.open();
  await sliced.analysis.select(/^Question 3:/);
  await sliced.analysis.tab('Coding');
  await expect(sliced.page.getByText('2 of 6 answers coded, 4 to go.')).toBeVisible();
  await sliced.analysis.tab('Themes');
  await expect(sliced.page.getByRole('button', { name: 'Change Cost of living' })).toBeVisible();
});
