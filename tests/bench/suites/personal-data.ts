/**
 * Personal data in free text (issue 17): recall per kind, precision and F1 of
 * shared/analysis/personal-data on the labelled set (tests/fixtures/personal-data/labelled.json),
 * and answers per second on one core, on that set and on 20,000 answers of about 300 characters
 * made by joining its answers (labels carried over, so quality is scored there too). Target:
 * ≥ 20,000 answers/s; recall ≥ 0.98 for register names, emails, phones and postcodes.
 */
import { readFileSync } from 'node:fs';
import {
  buildNameRegister,
  findPersonalData,
  ordinaryWordsFrom,
  scorePersonalData,
  type LabelledAnswer,
  type PersonalDataScore,
} from '#shared/analysis/personal-data/index';
import { seededRandom } from '#shared/core/hash';
import { round } from '../stats';

export const name = 'personal-data';

interface LabelledSet {
  register: string[];
  answers: LabelledAnswer[];
}

function figures(prefix: string, s: PersonalDataScore): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, r] of Object.entries(s.recall)) out[`${prefix}Recall ${k}`] = round(r.recall, 4);
  out[`${prefix}RecallAll`] = round(s.recallAll, 4);
  out[`${prefix}Precision`] = round(s.precision, 4);
  out[`${prefix}F1`] = round(s.f1, 4);
  out[`${prefix}Labelled`] = s.labelled;
  out[`${prefix}Findings`] = s.findings;
  return out;
}

/** Answers of about 300 characters: labelled answers joined end to end, spans shifted. */
function generated(answers: readonly LabelledAnswer[], count: number): LabelledAnswer[] {
  const r = seededRandom(17);
  const out: LabelledAnswer[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const spans: LabelledAnswer['spans'] = [];
    while (text.length < 250) {
      const a = answers[Math.floor(r() * answers.length)]!;
      const at = text ? text.length + 1 : 0;
      text = text ? `${text} ${a.text}` : a.text;
      for (const s of a.spans) spans.push({ ...s, start: s.start + at, end: s.end + at });
    }
    out.push({ text, spans });
  }
  return out;
}

/** Answers per second over `texts`, best of three runs after a warm-up. */
function throughput(texts: readonly string[], find: (t: string) => unknown): number {
  for (const t of texts.slice(0, 2000)) find(t);
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    for (const t of texts) find(t);
    best = Math.min(best, performance.now() - t0);
  }
  return texts.length / (best / 1000);
}

export async function run(): Promise<Record<string, number | string>> {
  const set = JSON.parse(
    readFileSync(new URL('../../fixtures/personal-data/labelled.json', import.meta.url), 'utf8'),
  ) as LabelledSet;
  const t0 = performance.now();
  const register = buildNameRegister(
    set.register.map((n) => ({ name: n })),
    { ordinaryWords: ordinaryWordsFrom(set.answers.map((a) => a.text)) },
  );
  const buildMs = performance.now() - t0;
  const find = (t: string) => findPersonalData(t, register);
  const labelled = scorePersonalData(set.answers, find);
  const big = generated(set.answers, 20_000);
  const bigScore = scorePersonalData(big, find);
  const meanChars = big.reduce((n, a) => n + a.text.length, 0) / big.length;

  // A register the size of a large consultation: 10,000 respondents.
  const r = seededRandom(5);
  const firsts = ['Amy', 'Ben', 'Cara', 'Dev', 'Ella', 'Finn', 'Gita', 'Hugo', 'Iris', 'Jon'];
  const people = set.register.map((n) => ({ name: n }));
  for (let i = 0; people.length < 10_000; i++) {
    const surname = `${'BCDFGHKLMNPRSTVW'[i % 16]}${'aeiou'[Math.floor(r() * 5)]}${(i * 7919).toString(36)}son`;
    people.push({ name: `${firsts[i % 10]} ${surname.replace(/\d/g, 'x')}` });
  }
  const t1 = performance.now();
  const bigRegister = buildNameRegister(people);
  const bigBuildMs = performance.now() - t1;

  return {
    labelledAnswers: set.answers.length,
    ...figures('labelled', labelled),
    labelledFalse: labelled.wrong.map((w) => w.text).join(' | ') || 'none',
    labelledMissed: labelled.missed.map((m) => m.text).join(' | ') || 'none',
    generatedAnswers: big.length,
    generatedMeanChars: round(meanChars, 0),
    ...figures('generated', bigScore),
    answersPerSecondLabelled: round(
      throughput(
        set.answers.map((a) => a.text),
        find,
      ),
      0,
    ),
    answersPerSecondGenerated: round(
      throughput(
        big.map((a) => a.text),
        find,
      ),
      0,
    ),
    answersPerSecondNoRegister: round(
      throughput(
        big.map((a) => a.text),
        (t) => findPersonalData(t),
      ),
      0,
    ),
    answersPerSecondRegister10k: round(
      throughput(
        big.map((a) => a.text),
        (t) => findPersonalData(t, bigRegister),
      ),
      0,
    ),
    registerBuildMs: round(buildMs, 1),
    register10kBuildMs: round(bigBuildMs, 0),
  };
}
