import { expect, type Page } from '@playwright/test';

/** Page object for the app shell, shared by every e2e test (waits on what the user sees, never on timers). */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  saveState() {
    return this.page.getByTestId('save-state');
  }

  /** Open a workspace by typing its path on the Open page, and wait for its title as the page heading. */
  async openWorkspace(path: string, title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Open a workspace' }).click();
    await this.page.getByLabel('Workspace file').fill(path);
    await this.page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(this.heading()).toHaveText(title);
  }

  async expectSaved(): Promise<void> {
    await expect(this.saveState()).toHaveText('Saved');
  }

  async createConsultation(title: string): Promise<string> {
    await this.page.getByRole('button', { name: 'New consultation' }).click();
    await expect(this.heading()).toHaveText('New consultation');
    await this.page.getByLabel('Title of the consultation').fill(title);
    const path = this.page.getByLabel('Where to save it');
    await expect(path).toHaveValue(/\.consult$/);
    // The suggestion follows the title after a short pause: wait for it to settle on this title.
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    await expect(path).toHaveValue(new RegExp(`${slug}(-\\d+)?\\.consult$`));
    const value = await path.inputValue();
    await this.page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(this.heading()).toHaveText(title);
    await this.expectSaved();
    return value;
  }

  async retitle(title: string): Promise<void> {
    const field = this.page.getByLabel('Consultation title');
    await field.fill(title);
    await field.press('Tab'); // leaving the field saves at once
    await expect(this.page.getByRole('banner')).toContainText(title);
    await this.expectSaved();
  }

  async closeWorkspace(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close workspace' }).click();
    await expect(this.heading()).toHaveText('Consultation Workbench');
  }

  async openRecent(title: string): Promise<void> {
    await this.page
      .getByRole('list', { name: 'Recent workspaces' })
      .getByRole('button', { name: title, exact: true })
      .click();
    await expect(this.heading()).toHaveText(title);
  }
}
