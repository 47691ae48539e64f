import { describe, expect, it } from 'vitest';
import { normaliseText, sentenceRanges, tokenize, words, WordBuffer } from '#shared/analysis/text';
import { STOP_WORDS, stem } from '#shared/analysis/stemming';

describe('words', () => {
  it('folds case and accents, joins apostrophes, splits on everything else', () => {
    expect(words('Don’t PANIC, café! Ŵales — well-being 12.5% ﬁne')).toEqual([
      'dont',
      'panic',
      'cafe',
      'wales',
      'well',
      'being',
      '12',
      '5',
      'fine',
    ]);
    expect(normaliseText("  It's   the SAME text!! ")).toBe('its the same text');
    expect(words('')).toEqual([]);
  });

  it('tokenize gives the same word for the same folded form, with offsets into the original', () => {
    const text = 'Café CAFE cafe don’t dont';
    const b = new WordBuffer();
    expect(tokenize(text, b)).toBe(5);
    const h = Array.from(b.hashes.subarray(0, 5));
    expect(new Set(h.slice(0, 3)).size).toBe(1);
    expect(h[3]).toBe(h[4]);
    expect(h[0]).not.toBe(h[3]);
    expect(Array.from(b.starts.subarray(0, 5)).map((s, i) => text.slice(s, b.ends[i]))).toEqual([
      'Café',
      'CAFE',
      'cafe',
      'don’t',
      'dont',
    ]);
    // The buffer grows past its initial size.
    expect(tokenize('word '.repeat(5000), b)).toBe(5000);
  });
});

describe('sentenceRanges', () => {
  it('splits after . ! ? (with closing quotes) before white space, and at line breaks', () => {
    const t = 'Hello there. I said "stop!" Then\nnew line? 3.5 million… yes.   ';
    expect(sentenceRanges(t).map(([a, b]) => t.slice(a, b))).toEqual([
      'Hello there.',
      'I said "stop!"',
      'Then',
      'new line?',
      '3.5 million… yes.',
    ]);
    expect(sentenceRanges('   ')).toEqual([]);
  });
});

describe('stemming', () => {
  it('brings word forms together', () => {
    const same = [
      ['advertising', 'advertisement', 'advertisements', 'advertise', 'ads', 'adverts'],
      ['banned', 'bans', 'banning', 'ban'],
      ['gambling', 'gamblers', 'gamble'],
      ['regulation', 'regulate', 'regulating'],
      ['addiction', 'addicted'],
      ['children', 'kids', 'child'],
      ['policies', 'policy'],
    ];
    for (const group of same) expect(new Set(group.map(stem)).size).toBe(1);
    expect(stem('sport')).not.toBe(stem('support'));
    expect(stem('is')).toBe('is');
  });

  it('stop words include consultation boilerplate', () => {
    for (const w of ['the', 'think', 'believe', 'proposal', 'consultation', 'agree'])
      expect(STOP_WORDS.has(w)).toBe(true);
    expect(STOP_WORDS.has('ban')).toBe(false);
  });
});
