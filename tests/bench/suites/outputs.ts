import {
  buildConsultationDocx,
  buildConsultationHtml,
  buildQuestionsXlsx,
  buildResponseFormDocx,
  buildResponseFormXlsx,
  readResponseFormXlsx,
} from '#electron/services/documents/consultation-outputs';
import { largeDraft, proseWords } from '../large-draft';
import { peakRssMiB, percentile, round, timed } from '../stats';

/**
 * Output documents of a 30,000-word draft with 60 questions: time (median and 90th percentile of
 * 5 runs after a warm-up) and size of each kind; the consultation .docx is the headline figure.
 */
export const name = 'outputs';

const ctx = { now: new Date('2027-02-15T10:30:00Z'), consultationId: 'bench-consultation' };

async function measure(
  build: () => Promise<Uint8Array>,
  runs = 5,
): Promise<{ ms: number; p90: number; bytes: number }> {
  await build(); // warm-up: module loading and JIT are not what we measure
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = await timed(build);
    times.push(t.ms);
    bytes = t.value.length;
  }
  return { ms: round(percentile(times, 50), 0), p90: round(percentile(times, 90), 0), bytes };
}

export async function run(): Promise<Record<string, number | string>> {
  const draft = largeDraft({ words: 30_000, questions: 60 });
  const out: Record<string, number | string> = {
    draftWords: proseWords(draft),
    draftQuestions: draft.questions.length,
  };
  const kinds: [string, () => Promise<Uint8Array>][] = [
    ['consultationDocx', () => buildConsultationDocx(draft, ctx)],
    [
      'consultationDocxWithContentsPageNumbers',
      () => buildConsultationDocx(draft, ctx, { contentsPageNumbers: 'always' }),
    ],
    ['consultationHtml', () => buildConsultationHtml(draft, ctx)],
    ['responseFormXlsx', () => buildResponseFormXlsx(draft, ctx)],
    ['responseFormDocx', () => buildResponseFormDocx(draft, ctx)],
    ['questionsXlsx', () => buildQuestionsXlsx(draft, ctx)],
  ];
  for (const [kind, build] of kinds) {
    const m = await measure(build, kind === 'consultationDocxWithContentsPageNumbers' ? 3 : 5);
    out[`${kind}MedianMs`] = m.ms;
    out[`${kind}P90Ms`] = m.p90;
    out[`${kind}KB`] = round(m.bytes / 1024, 1);
  }
  const form = await buildResponseFormXlsx(draft, ctx);
  const read = await measure(async () => {
    readResponseFormXlsx(form);
    return form;
  });
  out['readResponseFormXlsxMedianMs'] = read.ms;
  out['peakRssMiB'] = peakRssMiB();
  return out;
}
