import { describe, expect, it } from 'vitest';
import { maskText } from '#shared/checker/text/mask';
import { scoreSentences } from '#shared/checker/text/readability';
import { syllables } from '#shared/checker/text/syllables';
import { countWords, splitSentences } from '#shared/checker/text/words';

describe('text helpers', () => {
  it('splits sentences, not at abbreviations, initials, decimals or inside addresses', () => {
    const s = splitSentences(
      'Dr. Smith met J. Jones on 1 March. They paid £10.50 each! Was it worth it? We think so… The e.g. case is rare.',
    );
    expect(s.map((x) => x.text)).toEqual([
      'Dr. Smith met J. Jones on 1 March.',
      'They paid £10.50 each!',
      'Was it worth it?',
      'We think so…',
      'The e.g. case is rare.',
    ]);
    expect(splitSentences('Line one\nLine two').map((x) => x.text)).toEqual(['Line one', 'Line two']);
    expect(splitSentences('  ')).toEqual([]);
  });

  it('counts words as runs containing a letter or digit', () => {
    expect(countWords('Article 6(1)(e) – of the UK GDPR.')).toBe(6);
    expect(countWords('')).toBe(0);
  });

  it('masks web and email addresses, postcodes and GOV.UK without moving anything', () => {
    const text = 'Write to a.b@example.gov.uk or see https://x.gov.uk/2013/03/12. Post to London SW1H 0EU on GOV.UK.';
    const masked = maskText(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).not.toContain('@');
    expect(masked).not.toContain('2013/03/12');
    expect(masked).not.toContain('SW1H');
    expect(masked).not.toContain('GOV.UK');
    expect(masked).toContain('Write to ');
    expect(masked.endsWith('.')).toBe(true);
  });

  it('counts syllables by the usual heuristic', () => {
    expect(
      [
        'the',
        'consultation',
        'information',
        'make',
        'makes',
        'responses',
        'places',
        'readability',
        'NHS',
        'evidence',
      ].map(syllables),
    ).toEqual([1, 4, 4, 1, 1, 3, 2, 5, 1, 3]);
  });

  it('scores Flesch reading ease and Flesch–Kincaid grade by the formulas of the standard', () => {
    // 2 sentences, 11 words of 1 syllable: ASL 5.5, ASW 1.
    const s = splitSentences('The cat sat on the mat. A dog ran to it.');
    const r = scoreSentences(s);
    expect(r.words).toBe(11);
    expect(r.sentences).toBe(2);
    const asl = r.words / r.sentences;
    const asw = r.syllables / r.words;
    expect(r.readingEase).toBeCloseTo(206.835 - 1.015 * asl - 84.6 * asw, 10);
    expect(r.grade).toBeCloseTo(0.39 * asl + 11.8 * asw - 15.59, 10);
    expect(r.syllables).toBe(11);
    expect(r.readingEase).toBeCloseTo(206.835 - 1.015 * 5.5 - 84.6, 10);
    expect(r.readingEase).toBeGreaterThan(90);
  });
});
