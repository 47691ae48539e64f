import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the Analysis tab: its navigation, a question's tabs and the keyboard coding queue. */
export class AnalysisPageObject {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Analysis' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Analysis' })).toBeVisible();
    await expect(this.nav()).toBeVisible();
  }

  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Questions and analysis' });
  }

  async select(name: string | RegExp): Promise<void> {
    await this.nav().getByRole('button', { name }).click();
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  queue(): Locator {
    return this.page.getByRole('group', { name: /^Coding queue: answer \d+ of \d+$/ });
  }

  answerText(): Locator {
    return this.page.getByTestId('answer-text');
  }

  themeButton(name: string): Locator {
    return this.queue().getByRole('button', { name: new RegExp(`^\\d ${name}$`) });
  }

  async expectPosition(position: number, total: number): Promise<void> {
    await expect(this.page.getByRole('group', { name: `Coding queue: answer ${position} of ${total}` })).toBeVisible();
  }

  /** Select `words` inside the answer text (as a mouse drag would), for passage coding and quotes. */
  async selectWords(words: string): Promise<void> {
    await this.answerText().evaluate((el, w) => {
      const node = el.firstChild!;
      const text = node.textContent ?? '';
      const start = text.indexOf(w);
      if (start < 0) throw new Error(`"${w}" is not in the answer`);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + w.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, words);
  }
}
