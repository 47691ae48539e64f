import type { CheckContext, TextUnit } from '../context';
import type { RuleModule } from '../rule-module';
import { wordSpans } from '../text/words';
import { reportText, sentenceAt } from './text-report';
import { WELL_KNOWN_ACRONYMS } from './well-known';

/**
 * GOV.UK's other style rules (consultation-standard.md §5.2, §5.3) that software can check
 * without many false alarms: negative contractions, eg/ie/etc, semicolons, -ize spellings, text
 * in capitals, and number style. Severity is advice except where GOV.UK is firm (contractions,
 * eg/ie/etc are warnings).
 */
const CONTRACTION = new RegExp(
  [
    String.raw`\b(can|won|don|doesn|didn|isn|aren|wasn|weren|hasn|haven|hadn|shouldn|wouldn|couldn|`,
    String.raw`mustn|needn|shan|mightn|ain)['’]t\b`,
  ].join(''),
  'gi',
);
const LATIN = /(?<![\p{L}.])(e\.g\.|e\.g|eg|i\.e\.|i\.e|ie|etc\.?)(?![\p{L}])/gu;
const IZE = /^[a-z]+(?:iz(?:e|es|ed|ing|ation|ations|er|ers)|yz(?:e|es|ed|ing|er|ers))(?=[^a-z]*$)/;
const IZE_FINE = new RegExp(
  [
    String.raw`(?:size|sized|sizes|sizing|prize|prizes|prized|seize|seizes|seized|seizing|maize|baize|`,
    String.raw`capsize|capsized|capsizes|capsizing|assize|assizes|citizen\w*)$`,
  ].join(''),
);
const NUMBER_WORD = /\b(two|three|four|five|six|seven|eight|nine)\b/gi;
const BIG_NUMBER = /(?<![\d,.\-/\p{L}])[1-9]\d{4,}(?![\d,.\p{L}])/gu;
const BARE_DECIMAL = /(?<![\d\p{L}.,)])\.\d+\b/gu;
const PER_CENT = /\bper ?cents?\b/gi;

const isProse = (u: TextUnit) => u.role === 'prose' || u.role === 'field';

function contractionFix(base: string): string {
  const b = base.toLowerCase();
  if (b === 'can') return 'cannot';
  if (b === 'won') return 'will not';
  if (b === 'shan') return 'shall not';
  if (b === 'ain') return 'is not';
  return `${b.slice(0, -1)} not`;
}

function checkContractions(ctx: CheckContext, unit: TextUnit) {
  if (!/['’]t\b/.test(unit.text)) return;
  CONTRACTION.lastIndex = 0;
  for (let m = CONTRACTION.exec(unit.text); m; m = CONTRACTION.exec(unit.text)) {
    // "Don’t know" is the standard answer option (§7.1), printed as is.
    if (
      m[1]!.toLowerCase() === 'don' &&
      /^\s+know\b/i.test(unit.text.slice(m.index + m[0].length, m.index + m[0].length + 10))
    )
      continue;
    reportText(ctx, unit, {
      ruleId: 'R-S1',
      title: `Negative contraction: “${m[0]}”`,
      message:
        `Write “${contractionFix(m[1]!)}” instead of “${m[0]}”. GOV.UK avoids negative contractions: they are ` +
        `harder to read, especially for people using a second language.`,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
}

function checkLatin(ctx: CheckContext, unit: TextUnit) {
  LATIN.lastIndex = 0;
  for (let m = LATIN.exec(unit.text); m; m = LATIN.exec(unit.text)) {
    const w = m[1]!.replace(/\./g, '');
    const use =
      w === 'eg'
        ? '“for example” or “such as”'
        : w === 'ie'
          ? '“that is”, or rephrase'
          : 'a complete list, or “for example” before the list';
    reportText(ctx, unit, {
      ruleId: 'R-S2',
      title: `Avoid “${m[1]}”`,
      message: `Use ${use} instead of “${m[1]}”. Screen readers and many readers stumble on it.`,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
}

function checkSemicolons(ctx: CheckContext, unit: TextUnit) {
  if (unit.inTable || unit.inList || unit.role === 'option' || unit.source === 'privacy' || unit.source === 'aboutYou')
    return;
  if (unit.source === 'metadata' && unit.location.kind === 'metadata' && unit.location.field !== 'summary') return;
  let last = -1;
  for (let i = unit.text.indexOf(';'); i !== -1; i = unit.text.indexOf(';', i + 1)) {
    const s = sentenceAt(ctx, unit, i);
    // One finding per sentence (text with no words counts as one sentence).
    const at = s ? s.start : -2;
    if (at === last) continue;
    last = at;
    reportText(ctx, unit, {
      ruleId: 'R-S3',
      title: 'Semicolon',
      message: 'GOV.UK avoids semicolons: they are often misread. Split the sentence in two, or use a list.',
      start: i,
      end: i + 1,
    });
  }
}

function checkIze(ctx: CheckContext, unit: TextUnit) {
  if (!/[iy]z/.test(unit.text)) return;
  // Word by word (not one regular expression over the text): linear even in a 100,000-letter "word".
  for (const [s, e] of wordSpans(unit.text)) {
    if (e - s > 40) continue;
    const token = unit.text.slice(s, e);
    const lead = /^[^\p{L}]*/u.exec(token)![0].length;
    const m = IZE.exec(token.slice(lead));
    if (!m || IZE_FINE.test(m[0])) continue;
    const fixed = m[0]
      .replace(/iz(?=(?:e|es|ed|ing|ation|ations|er|ers)$)/, 'is')
      .replace(/yz(?=(?:e|es|ed|ing|er|ers)$)/, 'ys');
    const start = s + lead;
    reportText(ctx, unit, {
      ruleId: 'R-S4',
      title: `US spelling: “${m[0]}”`,
      message: `Use the UK spelling “${fixed}” instead of “${m[0]}”. GOV.UK uses -ise, not -ize.`,
      start,
      end: start + m[0].length,
    });
  }
}

function checkCapitals(ctx: CheckContext, unit: TextUnit) {
  if (unit.role === 'option' || !/[A-Z]{2}/.test(unit.text)) return;
  const spans = wordSpans(unit.text);
  let runStart = -1;
  let runLen = 0;
  let shouty = 0;
  const flush = (endIdx: number) => {
    if (runLen >= 3 && shouty >= 2) {
      const s = spans[runStart]![0];
      const e = spans[endIdx]![1];
      reportText(ctx, unit, {
        ruleId: 'R-S6',
        title: 'Text in capital letters',
        message:
          'Write in sentence case, not capital letters: text in capitals is harder to read, and screen readers ' +
          'may spell it out letter by letter.',
        start: s,
        end: e,
      });
    }
    runStart = -1;
    runLen = 0;
    shouty = 0;
  };
  for (let i = 0; i < spans.length; i++) {
    const [s, e] = spans[i]!;
    const w = unit.text.slice(s, e).replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    const caps = w.length >= 2 && /^[A-Z]+$/.test(w);
    if (caps) {
      if (runStart === -1) runStart = i;
      runLen++;
      if (w.length >= 4 && !WELL_KNOWN_ACRONYMS.has(w)) shouty++;
    } else if (runStart !== -1) flush(i - 1);
  }
  if (runStart !== -1) flush(spans.length - 1);
}

function checkNumbers(ctx: CheckContext, unit: TextUnit) {
  if (!isProse(unit) || unit.inTable) return;
  const text = unit.text;
  NUMBER_WORD.lastIndex = 0;
  for (let m = NUMBER_WORD.exec(text); m; m = NUMBER_WORD.exec(text)) {
    if (text[m.index + m[0].length] === '-') continue; // two-thirds, three-quarters
    const s = sentenceAt(ctx, unit, m.index);
    // spelled out at the start of a sentence: right
    if (s && m.index - s.start < 8 && !/[\p{L}\p{N}]/u.test(text.slice(s.start, m.index))) continue;
    const digit = String(
      ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].indexOf(m[1]!.toLowerCase()) + 2,
    );
    reportText(ctx, unit, {
      ruleId: 'R-N1',
      title: `Use the numeral: “${digit}”`,
      message:
        `Write “${digit}” instead of “${m[0]}”. GOV.UK uses numerals for numbers from 2 upwards (only “one” is ` +
        `spelled out), except at the start of a sentence.`,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  if (
    unit.source === 'section' ||
    unit.source === 'question' ||
    (unit.location.kind === 'metadata' && unit.location.field === 'summary')
  ) {
    if (!unit.inList)
      for (const s of ctx.sentences(unit)) {
        const m = /^[("'‘“]?(\d[\d,.]*)/.exec(s.text);
        if (!m) continue;
        const n = m[1]!;
        if (/^(?:1\d|20)\d{2}$/.test(n)) continue; // a year
        reportText(ctx, unit, {
          ruleId: 'R-N2',
          title: 'Sentence starts with a numeral',
          message:
            `This sentence starts with “${n}”. Spell out a number at the start of a sentence, or reword so it ` +
            `comes later.`,
          start: s.start,
          end: s.start + m[0].length,
          fingerprint: s.text.slice(0, 1000),
        });
      }
  }
  BIG_NUMBER.lastIndex = 0;
  for (let m = BIG_NUMBER.exec(text); m; m = BIG_NUMBER.exec(text)) {
    reportText(ctx, unit, {
      ruleId: 'R-N3',
      title: 'Number without commas',
      message:
        `Write “${Number(m[0]).toLocaleString('en-GB')}” instead of “${m[0]}”: GOV.UK uses commas in numbers over ` +
        `999.`,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  BARE_DECIMAL.lastIndex = 0;
  for (let m = BARE_DECIMAL.exec(text); m; m = BARE_DECIMAL.exec(text)) {
    reportText(ctx, unit, {
      ruleId: 'R-N3',
      title: 'Decimal without a leading zero',
      message: `Write “0${m[0]}” instead of “${m[0]}”.`,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  PER_CENT.lastIndex = 0;
  for (let m = PER_CENT.exec(text); m; m = PER_CENT.exec(text)) {
    reportText(ctx, unit, {
      ruleId: 'R-N3',
      title: 'Use the % sign',
      message: `Use the % sign (for example “71%”) instead of “${m[0]}”.`,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
}

export const styleRules: RuleModule = {
  rules: [
    {
      id: 'R-S1',
      severity: 'warning',
      title: 'Negative contraction',
      description:
        'Can’t, won’t, don’t, isn’t and the other negative contractions (straight or curly apostrophe). “Don’t ' +
        'know”, the standard answer option, is allowed.',
      standardRef: '§5.3 Other style rules',
    },
    {
      id: 'R-S2',
      severity: 'warning',
      title: 'eg, ie or etc',
      description: '“eg”, “e.g.”, “ie”, “i.e.” and “etc” in lower case.',
      standardRef: '§5.3 Other style rules',
    },
    {
      id: 'R-S3',
      severity: 'advice',
      title: 'Semicolon',
      description:
        'Semicolons in section text, questions and the summary (one finding per sentence). Not in tables, list ' +
        'items (see R-LIST1), box fields such as the audience list, about you or the privacy notice.',
      standardRef: '§5.3 Other style rules',
    },
    {
      id: 'R-S4',
      severity: 'advice',
      title: 'US spelling (-ize)',
      description:
        'Lower-case words ending -ize, -ized, -izing, -ization, -yze… (organize, analyze). Not size, prize, ' +
        'seize, capsize, maize, citizen; capitalised names (World Health Organization) are not read.',
      standardRef: '§5.3 Other style rules',
    },
    {
      id: 'R-S6',
      severity: 'advice',
      title: 'Text in capital letters',
      description:
        '3 or more words in a row in capitals, at least 2 of them 4 letters or longer and not well-known ' +
        'abbreviations.',
      standardRef: '§6.2 (sentence case, no all caps)',
    },
    {
      id: 'R-N1',
      severity: 'advice',
      title: 'Number written as a word',
      description:
        'Two to nine written as words, except at the start of a sentence and in fractions such as two-thirds.',
      standardRef: '§5.2 Numbers',
    },
    {
      id: 'R-N2',
      severity: 'advice',
      title: 'Sentence starts with a numeral',
      description:
        'A sentence in section text, a question or the summary that starts with a number (years are allowed). ' +
        'Not list items or box fields.',
      standardRef: '§5.2 Numbers',
    },
    {
      id: 'R-N3',
      severity: 'advice',
      title: 'Number format',
      description:
        'Numbers of 10,000 or more without commas, decimals with no leading zero (.5), and “per cent” instead of %.',
      standardRef: '§5.2 Numbers',
    },
  ],
  check(ctx) {
    for (const unit of ctx.units) {
      checkContractions(ctx, unit);
      checkLatin(ctx, unit);
      checkSemicolons(ctx, unit);
      checkIze(ctx, unit);
      checkCapitals(ctx, unit);
      checkNumbers(ctx, unit);
    }
  },
};
