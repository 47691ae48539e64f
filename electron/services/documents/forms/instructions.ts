import type { Draft } from '#shared/domain/draft/model';
import { formatDateTime, instant } from '../consultation/document/dates';
import type { FormFormat } from './form-schema';

/** What a respondent reads before filling in a form, the same in Word and Excel. */
export function formInstructions(draft: Draft, format: FormFormat): string[] {
  const m = draft.metadata;
  const closes = instant(m.closesAt);
  const out: string[] = [];
  out.push(
    `This form asks the questions in the consultation “${m.title.trim() || 'Untitled consultation'}”. You can ` +
      `answer as many or as few of them as you like. Please read the consultation document before you answer.`,
  );
  if (format === 'xlsx') {
    out.push(
      'Type your answers in the white boxes in the “Your answer” column of the “About you” and “Questions” ' +
        'sheets. The other cells are locked so that we can read your answers when we receive the form.',
    );
    out.push(
      'Where a box has a list, choose one answer from it. Where you can choose more than one answer, type X ' +
        'next to each answer that applies. For ranking questions, type a number next to each option: 1 for the ' +
        'most important.',
    );
    out.push('Please do not rename, move, add or delete sheets, rows or columns: we use them to read your answers.');
  } else {
    out.push(
      'Type your answers in the right-hand column of the tables. Where a question has a list of answers, type X ' +
        'next to your answer, or next to each answer that applies if you can choose more than one. For ranking ' +
        'questions, type a number next to each option: 1 for the most important.',
    );
    out.push('Please do not delete the tables or change the question numbers: we use them to read your answers.');
  }
  const how: string[] = [];
  if (m.waysToRespond.email.trim()) how.push(`email it to ${m.waysToRespond.email.trim()}`);
  if (m.waysToRespond.postalAddress.trim()) how.push(`post it to ${m.waysToRespond.postalAddress.trim()}`);
  const by = closes ? ` by ${formatDateTime(closes)} (UK time)` : '';
  if (how.length) out.push(`When you have finished, save the form and ${how.join(', or ')}${by}.`);
  else if (by) out.push(`Please return the form${by}.`);
  if (m.waysToRespond.onlineUrl.trim()) out.push(`You can also respond online at ${m.waysToRespond.onlineUrl.trim()}.`);
  out.push(
    'Your answers may be published or disclosed. The consultation document explains how we will use your ' +
      'information, in “Confidentiality and data protection” and in the privacy notice (Annex C).',
  );
  return out;
}
