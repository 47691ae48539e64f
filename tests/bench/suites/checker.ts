/**
 * The standard checker runs on every (debounced) keystroke in the renderer: its time on a large
 * draft (about 30,000 words of section text, 60 questions) is the figure that matters. Each run
 * edits one word first, as typing would, so nothing can be cached between runs.
 */
import { checkDraft } from '#shared/checker/index';
import { exampleDraft } from '#shared/domain/draft/example';
import { generateDraft } from '../draft-generator';
import { percentile, round } from '../stats';

export const name = 'checker';

function time(runs: number, fn: (i: number) => number): { median: number; p95: number; max: number; findings: number } {
  const ms: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    findings = fn(i);
    ms.push(performance.now() - t0);
  }
  return { median: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), max: round(Math.max(...ms)), findings };
}

export async function run(): Promise<Record<string, number | string>> {
  const { draft, words, questions } = generateDraft({ words: 30_000, questions: 60 });
  const para = draft.sections[5]!.body.content.find((b) => b.type === 'paragraph');
  const node = para && para.type === 'paragraph' ? para.content?.[0] : undefined;
  const edit = (i: number) => {
    if (node && node.type === 'text') node.text = `${node.text.replace(/ edit\d+$/, '')} edit${i}`;
  };
  // Warm up the JIT as a long editing session would.
  for (let i = 0; i < 5; i++) checkDraft(draft);
  const large = time(40, (i) => {
    edit(i);
    return checkDraft(draft).length;
  });
  const sample = checkDraft(draft);
  const bySeverity = (s: string) => sample.filter((f) => f.severity === s).length;
  const example = exampleDraft();
  for (let i = 0; i < 5; i++) checkDraft(example);
  const small = time(100, () => checkDraft(example).length);
  return {
    largeDraftWords: words,
    largeDraftQuestions: questions,
    largeDraftSections: draft.sections.length,
    largeMedianMs: large.median,
    largeP95Ms: large.p95,
    largeMaxMs: large.max,
    largeFindings: large.findings,
    largeErrors: bySeverity('error'),
    largeWarnings: bySeverity('warning'),
    largeAdvice: bySeverity('advice'),
    exampleMedianMs: small.median,
    exampleP95Ms: small.p95,
    exampleFindings: small.findings,
  };
}
