import { Document, Packer } from 'docx';
import type { Draft, Question } from '#shared/domain/draft/model';
import { pageFooter } from '../consultation/consultation-docx';
import { resolveContext, type OutputContext } from '../output-context';
import {
  anchorFactory,
  keepWithNext,
  linkify,
  para,
  paraRuns,
  paras,
  type OutBlock,
} from '../consultation/document/blocks';
import { answerInstruction, questionHeading, questionLabel } from '../consultation/document/question-text';
import { DocxRenderer } from '../word/render-blocks';
import { stableBookmarkIds } from '../word/stable-ids';
import { documentStyles, LANGUAGE, numberingConfig } from '../word/styles';
import { schemaProperties } from './docx-form-ids';
import { formSchema, type FormQuestion, type FormSchema } from './form-schema';
import { formInstructions } from './instructions';
import { finalizePackage } from '../../formats/ooxml/finalize';
import { deepXmlSafe } from '../../formats/text-safety';

/**
 * The response form as a Word document: the "About you" questions and every question, each as a
 * two-column table with the question or option on the left and the answer on the right (GOV.UK
 * forms guidance: questions left, answers right). Respondents type X next to an option, a rank
 * number, or their answer. No macros, no form fields or content controls (they break or vanish
 * in LibreOffice); plain tables survive every word processor.
 *
 * The first cell of each table says which question it is ("Question 3", "About you"); the ids
 * that map it back are in custom document properties (forms/docx-form-ids.ts).
 */
export const ABOUT_YOU_TABLE_LABEL = 'About you';
export const ANSWER_COLUMN_LABEL = 'Your answer';

export async function buildResponseFormDocx(draft: Draft, ctx: OutputContext): Promise<Uint8Array> {
  const { now, formId, consultationId } = resolveContext(ctx);
  const safe = deepXmlSafe(draft);
  const schema = formSchema(safe, { formId, consultationId }, 'docx');
  const blocks = formBlocks(safe, schema);
  const renderer = new DocxRenderer({ headingPageBreaks: false });
  const children = renderer.render(blocks);
  const title = `Response form: ${schema.title}`;
  const creator = safe.metadata.department.trim() || 'Consultation Workbench';
  const doc = new Document({
    title,
    subject: `Response form for the consultation: ${schema.title}`,
    creator,
    lastModifiedBy: creator,
    description: `Form reference ${formId}`,
    revision: 1,
    styles: documentStyles(),
    numbering: numberingConfig(renderer.orderedStarts),
    customProperties: schemaProperties(schema),
    sections: [{ footers: { default: pageFooter(title) }, children }],
  });
  return finalizePackage(await Packer.toBuffer(doc), now, { language: LANGUAGE, patch: stableBookmarkIds });
}

function formBlocks(draft: Draft, schema: FormSchema): OutBlock[] {
  const anchor = anchorFactory();
  const h1 = (text: string): OutBlock => ({ type: 'heading', level: 1, text, anchor: anchor(text) });
  const out: OutBlock[] = [];
  if (draft.metadata.department.trim()) out.push(para(draft.metadata.department.trim(), 'subtitle'));
  out.push({ type: 'title', text: `Response form: ${schema.title}` });
  for (const line of formInstructions(draft, 'docx')) out.push(para(line));
  out.push(para(`Form reference: ${schema.formId}`));

  out.push(h1('About you'));
  if (schema.fields.length) {
    out.push(
      para('Tell us about yourself or the organisation you represent. You do not have to answer these questions.'),
    );
    out.push({
      type: 'table',
      columnWidths: [50, 50],
      rows: [
        [[para(ABOUT_YOU_TABLE_LABEL)], [para(ANSWER_COLUMN_LABEL)]],
        ...schema.fields.map((f) => {
          const field = draft.aboutYou.find((a) => a.key === f.key);
          const left: OutBlock[] = [para(f.label)];
          if (field?.hint.trim()) left.push(...paras(field.hint));
          if (f.options.length) left.push(para(`Choose one of: ${f.options.join('; ')}.`));
          return [left, []];
        }),
      ],
    });
  } else out.push(para('This form does not ask about you.'));

  // Questions grouped under their sections' titles, in document order.
  const byId = new Map(draft.questions.map((q) => [q.id, q]));
  const sectionTitle = new Map(draft.sections.map((s) => [s.id, s.title.trim() || 'Untitled section']));
  let last: string | null = null;
  if (!schema.questions.length) out.push(h1('Questions'), para('This consultation has no questions yet.'));
  for (const fq of schema.questions) {
    const q = byId.get(fq.id)!;
    const group = sectionTitle.get(q.sectionId) ?? 'Other questions';
    if (group !== last) {
      out.push(h1(group));
      last = group;
    }
    out.push(...questionForm(q, fq));
  }
  return out;
}

function questionForm(q: Question, fq: FormQuestion): OutBlock[] {
  const out: OutBlock[] = [paraRuns(linkify(questionHeading(fq.number, q.text)), 'question')];
  if (q.hint.trim()) out.push(...keepWithNext(paras(q.hint)));
  const tick = fq.rows.some((r) => r.kind === 'option');
  const instruction = !tick
    ? answerInstruction(q)
    : q.type === 'ranking'
      ? `Type a number from 1 to ${fq.options.length} next to each option, where 1 is the most important.`
      : q.type === 'multi_choice'
        ? 'Type X next to each answer that applies.'
        : 'Type X next to one answer.';
  if (instruction) out.push(...keepWithNext([para(instruction)]));
  const lines = fq.rows.map((r) => (r.kind === 'answer' ? 6 : r.kind === 'explain' ? 5 : r.kind === 'other' ? 2 : 0));
  out.push({
    type: 'table',
    columnWidths: tick ? [60, 40] : [40, 60],
    keepTogether: fq.rows.length <= 25,
    minRowLines: [0, ...lines],
    rows: [
      [[para(questionLabel(fq.number))], [para(ANSWER_COLUMN_LABEL)]],
      ...fq.rows.map((r) => [[para(r.label)], []]),
    ],
  });
  return out;
}
