import { describe, expect, it } from 'vitest';
import { shortenAtWord } from '#shared/core/shorten';

/** Footers and alt-text titles are shortened at a word, never in the middle of one (issue 18, item 9). */
describe('shortenAtWord', () => {
  it('keeps short text as it is, and cuts long text after a whole word', () => {
    expect(shortenAtWord('One online place', 80)).toBe('One online place');
    const title = 'One online place for NHS information and services: a consultation on the front door in England';
    const short = shortenAtWord(title, 80);
    expect(short.length).toBeLessThanOrEqual(80);
    expect(short).toBe('One online place for NHS information and services: a consultation on the front…');
    expect(title.startsWith(short.slice(0, -1))).toBe(true);
    expect(title[short.length - 1]).toBe(' ');
  });

  it('drops trailing punctuation before the ellipsis, and cuts a single over-long word only when it must', () => {
    expect(shortenAtWord('Alpha beta, gamma delta', 13)).toBe('Alpha beta…');
    expect(shortenAtWord('Supercalifragilistic', 10)).toBe('Supercali…');
  });
});
