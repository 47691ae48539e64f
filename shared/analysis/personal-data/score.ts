/**
 * Scoring the finders against labelled answers: recall per kind (names of people in the register
 * apart from other names), precision over all findings, F1. Used by the unit test, which asserts
 * the targets of issue 17, and by the bench, which reports the figures; kept here so both count
 * the same way.
 *
 * A labelled span is found when a finding of its kind overlaps it and the findings together cover
 * every character of it but spaces (nothing of it would be published). A finding is correct when
 * it overlaps a labelled span of any kind (it removes personal data, whatever it calls it).
 */
import type { PersonalDataFinding, PersonalDataKind } from './kinds';

export interface LabelledSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
  /** A name of someone in the respondent register. */
  register?: boolean;
}

export interface LabelledAnswer {
  text: string;
  spans: LabelledSpan[];
}

/** Recall is counted per bucket: each kind, with names split into register and other names. */
export type ScoreBucket = Exclude<PersonalDataKind, 'name'> | 'name (register)' | 'name (other)';

export interface PersonalDataScore {
  /** Per bucket: labelled spans, how many found, recall. */
  recall: Partial<Record<ScoreBucket, { labelled: number; found: number; recall: number }>>;
  labelled: number;
  found: number;
  findings: number;
  correct: number;
  recallAll: number;
  precision: number;
  f1: number;
  /** Labelled spans missed and findings that overlap no label, for reading. */
  missed: { text: string; kind: ScoreBucket; answer: number }[];
  wrong: { text: string; kind: PersonalDataKind; answer: number }[];
}

const bucketOf = (s: LabelledSpan): ScoreBucket =>
  s.kind === 'name' ? (s.register ? 'name (register)' : 'name (other)') : s.kind;

/** Whether `findings` remove all of `span` and one of them is of its kind. */
export function spanFound(text: string, span: LabelledSpan, findings: readonly PersonalDataFinding[]): boolean {
  if (!findings.some((f) => f.kind === span.kind && f.start < span.end && f.end > span.start)) return false;
  for (let i = span.start; i < span.end; i++) {
    if (/\s/.test(text[i]!)) continue;
    if (!findings.some((f) => f.start <= i && f.end > i)) return false;
  }
  return true;
}

/** Scores `find` over labelled answers. */
export function scorePersonalData(
  answers: readonly LabelledAnswer[],
  find: (text: string) => PersonalDataFinding[],
): PersonalDataScore {
  const recall: PersonalDataScore['recall'] = {};
  const missed: PersonalDataScore['missed'] = [];
  const wrong: PersonalDataScore['wrong'] = [];
  let labelled = 0;
  let found = 0;
  let findingsCount = 0;
  let correct = 0;
  answers.forEach((a, answer) => {
    const findings = find(a.text);
    for (const s of a.spans) {
      const b = bucketOf(s);
      const r = (recall[b] ??= { labelled: 0, found: 0, recall: 0 });
      r.labelled++;
      labelled++;
      if (spanFound(a.text, s, findings)) {
        r.found++;
        found++;
      } else missed.push({ text: a.text.slice(s.start, s.end), kind: b, answer });
    }
    for (const f of findings) {
      findingsCount++;
      if (a.spans.some((s) => f.start < s.end && f.end > s.start)) correct++;
      else wrong.push({ text: f.text, kind: f.kind, answer });
    }
  });
  for (const r of Object.values(recall)) r.recall = r.labelled ? r.found / r.labelled : 1;
  const recallAll = labelled ? found / labelled : 1;
  const precision = findingsCount ? correct / findingsCount : 1;
  const f1 = recallAll + precision ? (2 * recallAll * precision) / (recallAll + precision) : 0;
  return { recall, labelled, found, findings: findingsCount, correct, recallAll, precision, f1, missed, wrong };
}
