import { formatCount, type PreparedQuestion, type PreparedReport } from '#shared/report/index';
import { formatDate, formatDateTime, formatIsoDate, instant } from '../consultation/document/dates';

/**
 * The standard sentences of the report documents, written once so the government response and
 * the briefing say the same thing: GOV.UK style (numerals, "to" in ranges, no ampersands).
 */
const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

export const withheldNote = (threshold: number): string =>
  `[c] means the figure is withheld because fewer than ${threshold} respondents gave it; answers chosen by ` +
  `fewer than ${threshold} are combined as “Other (aggregated)”.`;

/** "and" between the last two items: "email, post and online survey". */
export function listText(items: string[]): string {
  const xs = items.map((s) => s.trim()).filter(Boolean);
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]!}`;
}

export function periodText(p: PreparedReport): string | null {
  const opens = instant(p.consultation.opensAt);
  const closes = instant(p.consultation.closesAt);
  if (opens && closes) return `from ${formatDateTime(opens)} to ${formatDateTime(closes)}`;
  if (closes) return `until ${formatDateTime(closes)}`;
  return null;
}

export function introParagraphs(p: PreparedReport, now: Date): string[] {
  const c = p.consultation;
  const out: string[] = [];
  const period = periodText(p);
  out.push(
    `${c.department.trim() ? `${c.department.trim()} ran` : 'We ran'} the consultation ` +
      `“${c.title.trim()}”${period ? ` ${period}` : ''}.`,
  );
  if (c.channels.length) out.push(`People could respond by ${listText(c.channels.map((x) => x.toLowerCase()))}.`);
  out.push(
    `We received ${plural(p.respondents.received, 'response', 'responses')}. This document summarises what ` +
      `respondents told us and sets out the government’s response.`,
  );
  if (c.responseDue) {
    const due = new Date(`${c.responseDue}T23:59:59Z`);
    if (now.getTime() > due.getTime())
      out.push(
        `The Consultation Principles ask for a response within 12 weeks of the consultation closing, ` +
          `by ${formatIsoDate(c.responseDue)}. This response is published later than that.`,
      );
  }
  if (c.url.trim()) out.push(`The consultation document is at ${c.url.trim()}.`);
  return out;
}

export function respondentsSummary(p: PreparedReport): string[] {
  const r = p.respondents;
  const out: string[] = [`We received ${plural(r.received, 'response', 'responses')} in total.`];
  if (r.campaignResponses && r.campaignsCountedSeparately)
    out.push(
      `${plural(r.campaignResponses, 'response was', 'responses were')} part of organised campaigns ` +
        `and ${r.campaignResponses === 1 ? 'is' : 'are'} counted separately.`,
    );
  if (r.duplicatesRemoved)
    out.push(
      `${plural(r.duplicatesRemoved, 'response was a duplicate', 'responses were duplicates')} of another from ` +
        `the same person and ${r.duplicatesRemoved === 1 ? 'was' : 'were'} removed.`,
    );
  out.push(
    `The figures for each question are based on the ${plural(r.analysed, 'response', 'responses')} analysed; ` +
      `not everyone answered every question, so each question gives its own base.`,
  );
  return out;
}

/** How many answers to the open questions were coded, by how many people, against how many themes; null when none. */
export function codingSentence(m: PreparedReport['method']): string | null {
  if (m.codedAnswers <= 0 || m.openAnswers <= 0) return null;
  const frame = `against a code frame of ${plural(m.codeFrameThemes, 'theme', 'themes')}`;
  const who = m.coders > 1 ? ` ${formatCount(m.coders)} analysts did the coding.` : '';
  if (m.codedAnswers >= m.openAnswers)
    return `We coded all ${plural(m.openAnswers, 'answer', 'answers')} to the open questions ${frame}.${who}`;
  const share = Math.round((m.codedAnswers / m.openAnswers) * 100);
  return (
    `We coded ${formatCount(m.codedAnswers)} of the ${plural(m.openAnswers, 'answer', 'answers')} to the open ` +
    `questions (${share < 1 ? 'less than 1' : share}%) ${frame}; the theme figures are of the answers coded.${who}`
  );
}

/**
 * Assisted coding, stated when it happened (counted from the codings): how many coded answers had a theme proposed
 * by the model and accepted by an analyst, in checked batches and one at a time; null when none.
 */
export function proposalSentence(m: PreparedReport['method']): string | null {
  const p = m.proposals;
  if (!p || p.answers <= 0 || m.codedAnswers <= 0) return null;
  const how = [
    p.inBatches ? `${formatCount(p.inBatches)} in batches the analyst checked before accepting` : '',
    p.oneByOne ? `${formatCount(p.oneByOne)} one answer at a time` : '',
  ].filter(Boolean);
  return (
    `For ${plural(p.answers, 'coded answer', 'coded answers')}, a theme was first proposed by software trained on ` +
    `the analysts’ own coding of other answers and run on our own computers, then accepted by an analyst ` +
    `(${listText(how)}). No answer was coded by the software without an analyst accepting it.`
  );
}

export function methodParagraphs(p: PreparedReport): string[] {
  const m = p.method;
  const out: string[] = [];
  out.push(
    'We counted the answers to every closed question. For each question, the base is the number of respondents ' +
      'who answered it. Those who did not answer are shown separately and are not included in the percentages.',
  );
  // What was done, counted from the workspace (R-PUB5): nothing is said about coding that did not happen.
  const coding = codingSentence(m);
  if (coding) out.push(coding);
  if (m.codedAnswers > 0 && m.codeFrameDescription.trim()) out.push(m.codeFrameDescription.trim());
  const assisted = proposalSentence(m);
  if (assisted) out.push(assisted);
  const qa: string[] = [];
  if (m.doubleCodedShare !== null)
    qa.push(`${Math.round(m.doubleCodedShare * 100)}% of answers were coded independently by 2 people`);
  if (m.percentAgreement !== null) qa.push(`the coders agreed on ${Math.round(m.percentAgreement * 100)}% of codes`);
  if (m.kappa !== null) qa.push(`Cohen’s kappa was ${m.kappa.toFixed(2)}`);
  if (qa.length) out.push(`To check the quality of the coding, ${listText(qa)}.`);
  if (p.respondents.campaignList.length)
    out.push(
      p.respondents.campaignsCountedSeparately
        ? 'Responses that were copies or near-copies of a campaign’s suggested text are counted separately and ' +
            'not in the per-question figures, so that each campaign’s view is reported once, with its size.'
        : 'Campaign responses are included in the per-question figures; their number is given in the section on ' +
            'who responded.',
    );
  out.push(
    'Percentages are rounded to whole numbers, so they may not total 100. Where respondents could choose more ' +
      'than one answer, percentages can total more than 100.',
  );
  if (p.redaction === 'redacted') out.push(withheldNote(p.threshold) + ' This protects the identity of respondents.');
  out.push(
    'A consultation is not a vote. We considered the arguments and evidence respondents gave, not only how many ' +
      'made each point.',
  );
  return out;
}

/** Questions grouped by the section they were asked in, sections in the order they first appear. */
export function sectionsInOrder(questions: PreparedQuestion[]): Array<[string, PreparedQuestion[]]> {
  const groups = new Map<string, PreparedQuestion[]>();
  for (const q of questions) {
    const s = q.sectionTitle.trim() || 'Other questions';
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s)!.push(q);
  }
  return [...groups];
}

export { formatDate };
