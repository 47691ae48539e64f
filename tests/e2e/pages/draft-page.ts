import { expect, type Page } from '@playwright/test';

/** Page object for the Draft tab. */
export class DraftPageObject {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Draft' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Draft' })).toBeVisible();
  }

  outline() {
    return this.page.getByRole('navigation', { name: 'Draft outline' });
  }

  async select(name: string | RegExp): Promise<void> {
    await this.outline()
      .getByRole('button', { name, exact: typeof name === 'string' })
      .click();
  }

  editor(sectionTitle: string) {
    return this.page.getByRole('textbox', { name: `Text of the section ${sectionTitle}` });
  }

  async outlineQuestions(): Promise<string[]> {
    return (
      await this.outline()
        .getByRole('button', { name: /^Q\d+[a-z]?\. / })
        .allTextContents()
    ).map((t) => t.trim());
  }

  async expectSaved(): Promise<void> {
    await expect(this.page.getByTestId('save-state')).toHaveText('Saved', { timeout: 10_000 });
  }
}
