import { expect, type Page } from '@playwright/test';

/** Page object for the Responses page: its own sections and the waits they need. */
export class ResponsesPageObject {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Responses' }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Responses');
  }

  async section(name: RegExp | string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Responses' }).getByRole('button', { name }).click();
  }

  async expectSaved(): Promise<void> {
    await expect(this.page.getByTestId('save-state')).toHaveText('Saved');
  }
}
