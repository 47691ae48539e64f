import { orderedQuestions, questionNumbers, type Draft, type Question, type Section } from '#shared/domain/draft/model';
import { anchorFactory, keepWithNext, linkify, para, paraRuns, paras, type OutBlock } from './blocks';
import { aboutTable, TO_BE_CONFIRMED, waysToRespond } from './about-box';
import { formatDateTime, instant } from './dates';
import { answerInstruction, explainPrompt, isClosed, openGuidance, optionsOf, questionHeading } from './question-text';
import { richToBlocks } from './rich-to-blocks';
import { docWritten } from '#shared/domain/draft/rich-text';

/**
 * The consultation document as output blocks, in the generated order of the standard
 * (consultation-standard §3.3): cover → foreword → contents → executive summary → "About this
 * consultation" → the other sections with their questions inline → (generated "How to respond"
 * and "Confidentiality and data protection" when the draft has none) → Annex A all questions →
 * Annex B about you → Annex C privacy notice → glossary.
 *
 * Section titles are level 1 headings; headings inside sections keep levels 2 and 3. Forewords
 * and glossaries move to their places only when they hold no questions, so question numbers
 * (from `questionNumbers`) always run in document order.
 */
export interface ConsultationOutline {
  title: string;
  subject: string;
  creator: string;
  blocks: OutBlock[];
  /** Question id → number, as printed inline and in Annex A. */
  numbers: Map<string, string>;
}

export const ANNEX_A_TITLE = 'Annex A: list of questions';
export const ANNEX_B_TITLE = 'Annex B: about you';
export const ANNEX_C_TITLE = 'Annex C: privacy notice';
export const ABOUT_TITLE = 'About this consultation';
export const OTHER_QUESTIONS_TITLE = 'Other questions';

/** The blocks of one question: the numbered question, its hint, options and follow-up prompts. */
export function questionBlocks(q: Question, number: string): OutBlock[] {
  const out: OutBlock[] = [paraRuns(linkify(questionHeading(number, q.text)), 'question')];
  if (q.hint.trim()) out.push(...keepWithNext(paras(q.hint)));
  const instruction = answerInstruction(q);
  if (instruction) out.push(...keepWithNext([para(instruction)]));
  if (isClosed(q)) {
    const opts = optionsOf(q);
    if (opts.length)
      out.push({
        type: 'list',
        ordered: false,
        items: opts.map((o) => [para(o.label)]),
        keepTogether: opts.length <= 12,
      });
  }
  const explain = explainPrompt(q);
  if (explain) out.push(para(explain));
  const guidance = openGuidance(q);
  if (guidance) out.push(para(guidance));
  return out;
}

export function consultationOutline(draft: Draft): ConsultationOutline {
  const m = draft.metadata;
  const anchor = anchorFactory();
  const numbers = questionNumbers(draft);
  const bySection = new Map<string, Question[]>();
  const sectionIds = new Set(draft.sections.map((s) => s.id));
  const orphans: Question[] = [];
  for (const q of orderedQuestions(draft)) {
    if (!sectionIds.has(q.sectionId)) orphans.push(q);
    else bySection.set(q.sectionId, [...(bySection.get(q.sectionId) ?? []), q]);
  }
  const hasQuestions = (s: Section) => (bySection.get(s.id)?.length ?? 0) > 0;
  // A template section nobody wrote in (and with no questions) is left out, rather than printed as a
  // heading with nothing under it; the checker reports it. How to respond and confidentiality are then
  // generated, as when the draft has no such section.
  const shown = draft.sections.filter((s) => hasQuestions(s) || docWritten(s.body));

  const h1 = (text: string): OutBlock => ({ type: 'heading', level: 1, text, anchor: anchor(text) });
  const h2 = (text: string): OutBlock => ({ type: 'heading', level: 2, text, anchor: anchor(text) });
  const sectionBlocks = (s: Section): OutBlock[] => {
    const title = s.title.trim() || 'Untitled section';
    const out = [h1(title), ...richToBlocks(s.body, anchor)];
    for (const q of bySection.get(s.id) ?? []) out.push(...questionBlocks(q, numbers.get(q.id) ?? '?'));
    return out;
  };

  const title = m.title.trim() || 'Untitled consultation';
  const blocks: OutBlock[] = [];

  // Cover
  if (m.department.trim()) blocks.push(para(m.department.trim(), 'subtitle'));
  blocks.push({ type: 'title', text: title });
  if (m.summary.trim())
    blocks.push(...paras(m.summary).map((b) => (b.type === 'paragraph' ? { ...b, role: 'lead' as const } : b)));
  const opens = instant(m.opensAt);
  const closes = instant(m.closesAt);
  blocks.push(
    para(
      opens
        ? `This consultation begins at ${formatDateTime(opens)}.`
        : `This consultation begins on a date ${TO_BE_CONFIRMED.toLowerCase()}.`,
    ),
  );
  blocks.push(
    para(
      closes
        ? `This consultation ends at ${formatDateTime(closes)}.`
        : `This consultation ends on a date ${TO_BE_CONFIRMED.toLowerCase()}.`,
    ),
  );
  if (m.welshVersion) {
    blocks.push(
      paraRuns([
        { text: 'Mae’r ddogfen yma hefyd ar gael yn Gymraeg.', lang: 'cy-GB' },
        { text: '\nThis document is also available in Welsh.' },
      ]),
    );
  }

  const forewords = shown.filter((s) => s.kind === 'foreword' && !hasQuestions(s));
  const glossaries = shown.filter((s) => s.kind === 'glossary' && !hasQuestions(s));
  const moved = new Set([...forewords, ...glossaries].map((s) => s.id));
  const rest = shown.filter((s) => !moved.has(s.id));
  const summaries = rest.filter((s) => s.kind === 'executive-summary');
  // Executive summaries come before the box; the rest keep the author's order.
  const firstNonSummary = rest.findIndex((s) => s.kind !== 'executive-summary');
  const leadingSummaries =
    firstNonSummary < 0 ? summaries : rest.slice(0, firstNonSummary).filter((s) => s.kind === 'executive-summary');
  const leading = new Set(leadingSummaries.map((s) => s.id));
  const body = rest.filter((s) => !leading.has(s.id));

  for (const s of forewords) blocks.push(...sectionBlocks(s));
  blocks.push({ type: 'toc', title: 'Contents' });
  for (const s of leadingSummaries) blocks.push(...sectionBlocks(s));
  blocks.push(h1(ABOUT_TITLE), aboutTable(draft));
  for (const s of body) blocks.push(...sectionBlocks(s));

  if (orphans.length) {
    blocks.push(h1(OTHER_QUESTIONS_TITLE));
    for (const q of orphans) blocks.push(...questionBlocks(q, numbers.get(q.id) ?? '?'));
  }
  if (!shown.some((s) => s.kind === 'how-to-respond'))
    blocks.push(h1('How to respond'), ...generatedHowToRespond(draft));
  if (!shown.some((s) => s.kind === 'confidentiality'))
    blocks.push(h1('Confidentiality and data protection'), ...generatedConfidentiality());

  // Annex A: every question, grouped by section, with the same number and text as inline.
  blocks.push(h1(ANNEX_A_TITLE));
  const all = orderedQuestions(draft);
  if (!all.length) blocks.push(para('This consultation has no questions yet.'));
  let lastSection: string | null = null;
  const sectionTitle = new Map(draft.sections.map((s) => [s.id, s.title.trim() || 'Untitled section']));
  for (const q of all) {
    const group = sectionTitle.get(q.sectionId) ?? OTHER_QUESTIONS_TITLE;
    if (group !== lastSection) {
      blocks.push(h2(group));
      lastSection = group;
    }
    blocks.push(...questionBlocks(q, numbers.get(q.id) ?? '?'));
  }

  blocks.push(h1(ANNEX_B_TITLE), ...aboutYouBlocks(draft));
  blocks.push(h1(ANNEX_C_TITLE), ...privacyBlocks(draft, h2));
  for (const s of glossaries) blocks.push(...sectionBlocks(s));

  return {
    title,
    subject: m.summary.trim() || `Consultation: ${title}`,
    creator: m.department.trim() || 'Consultation Workbench',
    blocks,
    numbers,
  };
}

function generatedHowToRespond(draft: Draft): OutBlock[] {
  const closes = instant(draft.metadata.closesAt);
  const out: OutBlock[] = [];
  out.push(
    para(
      closes
        ? `The consultation closes at ${formatDateTime(closes)} (UK time).`
        : `The closing date is ${TO_BE_CONFIRMED.toLowerCase()}.`,
    ),
  );
  const ways = waysToRespond(draft);
  if (ways.length)
    out.push(para('You can respond in these ways:'), { type: 'list', ordered: false, items: ways.map((w) => [w]) });
  const alt = draft.metadata.enquiries.alternativeFormats.trim();
  if (alt) out.push(...paras(alt));
  return out;
}

/** The confidentiality paragraph elements of consultation-standard §3.5, when the draft has no section of its own. */
function generatedConfidentiality(): OutBlock[] {
  return paras(
    [
      'Information you give us in response to this consultation, including personal information, may be published or ' +
        'disclosed under the Freedom of Information Act 2000, the Environmental Information Regulations 2004 and UK ' +
        'data protection law.',
      '',
      'If you want the information you give us to be treated as confidential, please tell us why. We will take your ' +
        'reasons into account, but we cannot promise to keep it confidential in every case. An automatic ' +
        'confidentiality disclaimer from your IT system will not count as a request.',
      '',
      'We will not normally share your personal data with third parties. If you respond on behalf of an ' +
        'organisation, please tell us whom it represents and how you gathered their views. We will not acknowledge ' +
        'individual responses unless you ask us to.',
    ].join('\n'),
  );
}

function aboutYouBlocks(draft: Draft): OutBlock[] {
  const fields = draft.aboutYou.filter((f) => f.enabled);
  if (!fields.length) return [para('We will not ask you any questions about yourself.')];
  return [
    para(
      'We will ask you these questions about yourself or the organisation you represent. You do not have to ' +
        'answer them, but your answers help us to understand who has responded.',
    ),
    {
      type: 'table',
      columnWidths: [50, 50],
      rows: [
        [[para('Question')], [para('How to answer')]],
        ...fields.map((f) => {
          const left: OutBlock[] = [para(f.label.trim() || f.key)];
          if (f.hint.trim()) left.push(...paras(f.hint));
          const options = f.options.map((o) => o.trim()).filter(Boolean);
          const right: OutBlock[] = options.length
            ? [para('Choose one of:'), { type: 'list', ordered: false, items: options.map((o) => [para(o)]) }]
            : [para('In your own words')];
          return [left, right];
        }),
      ],
    },
  ];
}

const PRIVACY_HEADINGS: [keyof Draft['privacyNotice'], string][] = [
  ['controller', 'The data controller'],
  ['dpoContact', 'Data protection officer'],
  ['purpose', 'Why we are collecting your personal data'],
  ['dataCollected', 'The personal data we collect'],
  ['lawfulBasis', 'Our legal basis for processing your personal data'],
  ['specialCategory', 'Special category data'],
  ['recipients', 'Who we share your personal data with'],
  ['retention', 'How long we will keep your personal data'],
  ['rights', 'Your rights'],
  ['internationalTransfers', 'International transfers'],
  ['automatedDecisions', 'Automated decision-making'],
  ['aiUse', 'Use of artificial intelligence in the analysis'],
];

function privacyBlocks(draft: Draft, h2: (t: string) => OutBlock): OutBlock[] {
  const out: OutBlock[] = [];
  for (const [key, heading] of PRIVACY_HEADINGS) {
    const value = draft.privacyNotice[key].trim();
    if (value) out.push(h2(heading), ...paras(value));
  }
  if (!out.length) return [para(`The privacy notice is ${TO_BE_CONFIRMED.toLowerCase()}.`)];
  return [
    para('This notice explains how we will use your personal data when you respond to this consultation.'),
    ...out,
  ];
}
