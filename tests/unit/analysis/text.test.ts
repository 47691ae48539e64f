import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fmix32 } from '#shared/core/hash';
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

  it('agrees with tokenize on every text: the same words, folded the same way', () => {
    // Two implementations of one definition: words() slices runs of folded characters out whole,
    // tokenize() hashes character by character (FNV-1a over the folded form, then mixed).
    const fnv = (w: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
      return fmix32(h);
    };
    const chars = fc.constantFrom(..."abz09AZ '’.,-éÉÅ\u0301ßﬁ—\n".split(''));
    const b = new WordBuffer();
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: chars, maxLength: 40 }), fc.string({ maxLength: 40 })), (text) => {
        const ws = words(text);
        const n = tokenize(text, b);
        expect(ws.map(fnv)).toEqual(Array.from(b.hashes.subarray(0, n)));
      }),
      { numRuns: 2000 },
    );
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
