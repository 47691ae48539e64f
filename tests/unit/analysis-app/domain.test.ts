import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codableText, passageOf, PART_SEPARATOR } from '#shared/coding/codable';
import { quoteConsent, quoteStatus } from '#shared/coding/consent';
import { drawSample, sampleSize } from '#shared/coding/sample';
import { agreementView, isConflict } from '#shared/coding/agreement-view';
import { parsePackageMeta } from '#shared/coding/package-meta';

/** The analysis's pure rules: what text is coded, passages, quote consent, samples, agreement views, package meta. */
describe('coded text and passages', () => {
  it('codes an open answer’s text, and only the explanation and "Other" text of a closed one', () => {
    expect(codableText('open_text', { text: ' My answer ', otherText: null, explanation: null })).toBe('My answer');
    expect(
      codableText('likert_agree5', { text: 'Agree', otherText: null, explanation: 'Because it is simpler.' }),
    ).toBe('Because it is simpler.');
    expect(
      codableText('multi_choice', {
        text: 'Tablet; Smart TV',
        otherText: 'My watch',
        explanation: 'I use them daily.',
      }),
    ).toBe(`My watch${PART_SEPARATOR}I use them daily.`);
    expect(codableText('numeric', { text: '42', otherText: null, explanation: null })).toBe('');
    expect(codableText(null, { text: 'General comments in a letter', otherText: null, explanation: null })).toBe(
      'General comments in a letter',
    );
  });

  it('trims a passage to its words and refuses empty, out-of-range or split-character selections', () => {
    const text = 'Broadband here is  slow 🐢 at night.';
    // ' here is ' → 'here is'
    expect(passageOf(text, 9, 18)).toEqual({ start: 10, end: 17, text: 'here is' });
    expect(passageOf(text, 0, 0)).toBeNull();
    expect(passageOf(text, 5, 200)).toBeNull();
    expect(passageOf(text, 17, 19)).toBeNull(); // only spaces
    const turtle = text.indexOf('🐢');
    expect(passageOf(text, turtle + 1, turtle + 2)).toBeNull(); // inside the emoji's surrogate pair
    expect(passageOf(text, turtle, turtle + 2)?.text).toBe('🐢');
  });

  it('any passage it accepts is exactly the text between its offsets', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.nat(90), fc.nat(90), (text, a, b) => {
        const p = passageOf(text, Math.min(a, b), Math.max(a, b));
        if (p) {
          expect(text.slice(p.start, p.end)).toBe(p.text);
          expect(p.text.trim()).toBe(p.text);
          expect(p.text.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('quote consent', () => {
  it(
    'confidentiality always wins; a quotation answer decides before the publication answer; no answer is not a ' +
      'yes',
    () => {
      const c = (confidentialRequested: boolean, publishConsent: string | null, quote: string | null) =>
        quoteStatus(quoteConsent({ confidentialRequested, publishConsent, quoteConsent: quote }));
      expect(c(true, 'Yes, with my name', 'Yes')).toBe('confidential');
      expect(c(false, 'Yes, without my name', null)).toBe('publishable');
      expect(c(false, 'Yes, with my name', 'No')).toBe('no-consent');
      expect(c(false, 'No', 'Yes')).toBe('publishable');
      expect(c(false, 'No', null)).toBe('no-consent');
      expect(c(false, null, null)).toBe('not-asked');
      expect(c(false, '  ', '')).toBe('not-asked');
    },
  );
});

describe('samples for double coding', () => {
  it(
    'takes the size asked for (a share rounds half up, at least one), reproducibly from the seed, in the original ' +
      'order',
    () => {
      const items = Array.from({ length: 200 }, (_, i) => i + 1);
      expect(sampleSize({ kind: 'percent', percent: 10, seed: 1 }, 200)).toBe(20);
      expect(sampleSize({ kind: 'percent', percent: 2.5, seed: 1 }, 30)).toBe(1);
      expect(sampleSize({ kind: 'percent', percent: 5, seed: 1 }, 30)).toBe(2);
      expect(sampleSize({ kind: 'count', n: 500, seed: 1 }, 200)).toBe(200);
      const a = drawSample(items, { kind: 'count', n: 25, seed: 99 });
      expect(a).toHaveLength(25);
      expect(drawSample(items, { kind: 'count', n: 25, seed: 99 })).toEqual(a);
      expect(drawSample(items, { kind: 'count', n: 25, seed: 100 })).not.toEqual(a);
      expect([...a].sort((x, y) => x - y)).toEqual(a);
      expect(new Set(a).size).toBe(25);
    },
  );
});

describe('agreement view', () => {
  it('pools the tables of each question’s own themes, shows undefined kappa in words, and finds conflicts', () => {
    const view = agreementView({
      packageId: 'p',
      coderA: 'A',
      coderB: 'B',
      questions: [
        { id: 'q1', number: '1', themes: [{ id: 't1', name: 'One' }] },
        { id: 'q2', number: '2', themes: [{ id: 't2', name: 'Two' }] },
      ],
      items: [
        { responseId: 1, questionId: 'q1', a: ['t1'], b: ['t1'], aCoded: true, bCoded: true },
        { responseId: 2, questionId: 'q1', a: [], b: [], aCoded: true, bCoded: true },
        { responseId: 3, questionId: 'q1', a: ['t1'], b: [], aCoded: true, bCoded: true },
        { responseId: 4, questionId: 'q1', a: ['t1'], b: [], aCoded: true, bCoded: false },
        { responseId: 1, questionId: 'q2', a: [], b: [], aCoded: true, bCoded: true },
      ],
    });
    const [q1, q2] = view.questions;
    expect([q1!.sampled, q1!.doubleCoded, q1!.conflicts]).toEqual([4, 3, 1]);
    expect(q1!.themes[0]!.table).toEqual({ both: 1, aOnly: 1, bOnly: 0, neither: 1 });
    // Nobody used t2 on question 2's one answer: not defined, never 0 or 1.
    expect(q2!.themes[0]).toMatchObject({
      kappa: null,
      undefinedReason: 'no-variation',
      percentAgreement: 1,
      band: 'Not defined (every answer coded the same way)',
    });
    // Question 2's theme is not counted as "agreed not applied" on question 1's answers.
    expect(view.overall.table).toEqual({ both: 1, aOnly: 1, bOnly: 0, neither: 2 });
    expect(view.overall.items).toBe(4);
    expect(
      isConflict({ responseId: 9, questionId: 'q1', a: ['x'], b: [], aCoded: true, bCoded: true }, new Set(['t1'])),
    ).toBe(false);
  });

  it('says so when no answer was coded by both', () => {
    const view = agreementView({
      packageId: 'p',
      coderA: 'A',
      coderB: 'B',
      questions: [{ id: 'q', number: '1', themes: [{ id: 't', name: 'T' }] }],
      items: [],
    });
    expect(view.overall).toMatchObject({
      kappa: null,
      undefinedReason: 'no-items',
      band: 'Not defined (no answers coded by both)',
    });
  });
});

describe('package meta', () => {
  it('reads only a well-formed package record', () => {
    const ok = {
      packageId: 'x',
      sourceConsultationId: 'c',
      sourceTitle: 'T',
      questionIds: ['q'],
      coder: 'Sam',
      createdAt: '2027-06-01T10:00:00Z',
      createdBy: 'me',
      sample: { kind: 'count', n: 5, seed: 1 },
      answers: 5,
    };
    expect(parsePackageMeta(JSON.stringify(ok))).toEqual(ok);
    expect(parsePackageMeta(JSON.stringify({ ...ok, questionIds: [] }))).toBeNull();
    expect(parsePackageMeta('{not json')).toBeNull();
    expect(parsePackageMeta(null)).toBeNull();
  });
});
