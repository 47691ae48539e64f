import { z } from 'zod';
import { richDocSchema, type RichDoc } from './rich-text';

/**
 * The consultation draft: metadata (the "About this consultation" box and what the standard asks
 * for), ordered sections of rich text, questions attached to sections, the "About you" questions
 * and the privacy notice. This is also the documented JSON format of `workbench draft-export`
 * and `workbench new --from` (see shared/domain/draft/README.md): the zod schemas here are the
 * schema, and reject unknown fields and wrong types with the path of the problem.
 */
export const DRAFT_FORMAT = 'consultation-workbench/draft';
export const DRAFT_FORMAT_VERSION = 1;

const id = z.string().min(1).max(100);
const shortText = (max = 2000) => z.string().max(max);
/** An instant, ISO 8601 with offset or Z. */
const instant = z.iso.datetime({ offset: true });
/** A calendar date, YYYY-MM-DD. */
const isoDate = z.iso.date();

// ---------------------------------------------------------------- questions

export const QUESTION_TYPES = [
  'open_text',
  'likert_agree5',
  'yes_no',
  'single_choice',
  'multi_choice',
  'ranking',
  'numeric',
  'any_other_comments',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  open_text: 'Open text',
  likert_agree5: 'Agree or disagree (5 points and don’t know)',
  yes_no: 'Yes, no or don’t know',
  single_choice: 'Single choice',
  multi_choice: 'Multiple choice (select all that apply)',
  ranking: 'Ranking',
  numeric: 'Number or evidence',
  any_other_comments: 'Any other comments',
};

/** Closed types have options to choose from; open types take text. */
export const CLOSED_TYPES: ReadonlySet<QuestionType> = new Set([
  'likert_agree5',
  'yes_no',
  'single_choice',
  'multi_choice',
  'ranking',
]);

export const LIKERT_OPTIONS = [
  'Strongly agree',
  'Agree',
  'Neither agree nor disagree',
  'Disagree',
  'Strongly disagree',
  'Don’t know',
];
export const YES_NO_OPTIONS = ['Yes', 'No', 'Don’t know'];
export const OTHER_LABEL = 'Other (please specify)';

export const optionSchema = z.strictObject({
  /** Stable: answers and returned forms refer to it, whatever the label becomes. */
  id,
  label: shortText(500), // may be empty while being typed; the checker flags empty options
});
export type QuestionOption = z.infer<typeof optionSchema>;

export const questionSchema = z.strictObject({
  /** Stable internal id: responses keep mapping to the question after reordering or renumbering. */
  id,
  sectionId: id,
  type: z.enum(QUESTION_TYPES),
  text: shortText(2000),
  hint: shortText(2000).default(''),
  options: z.array(optionSchema).max(200).default([]),
  /** Single or multiple choice: add "Other (please specify)" with a text box. */
  allowOther: z.boolean().default(false),
  /** Closed questions: follow with "Please explain your answer". */
  explain: z.boolean().default(false),
  wordLimit: z.number().int().min(1).max(100_000).nullable().default(null),
  /** Joins the previous question's number as a sub-part: 1a, 1b. */
  continues: z.boolean().default(false),
});
export type Question = z.infer<typeof questionSchema>;

// ---------------------------------------------------------------- sections

export const SECTION_KINDS = [
  'foreword',
  'executive-summary',
  'background',
  'proposal',
  'impacts',
  'next-steps',
  'how-to-respond',
  'confidentiality',
  'glossary',
  'other',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const sectionSchema = z.strictObject({
  id,
  kind: z.enum(SECTION_KINDS),
  title: shortText(300),
  body: richDocSchema,
  /** Placeholder guidance from the template, shown in the editor until the section is written. */
  guidance: shortText(4000).default(''),
});
export type Section = z.infer<typeof sectionSchema> & { body: RichDoc };

// ---------------------------------------------------------------- about you

export const RESPONDENT_FIELD_KEYS = [
  'name',
  'email',
  'respondingAs',
  'organisation',
  'role',
  'represents',
  'respondentType',
  'region',
  'ageBand',
  'confidential',
  'confidentialReason',
  'publishConsent',
  'contactConsent',
] as const;
export type RespondentFieldKey = (typeof RESPONDENT_FIELD_KEYS)[number];

/** Fields that identify a person: every publishable export redacts by this mark. */
export const PERSONAL_FIELDS: ReadonlySet<RespondentFieldKey> = new Set([
  'name',
  'email',
  'role',
  'confidentialReason',
]);

export const aboutYouFieldSchema = z.strictObject({
  key: z.enum(RESPONDENT_FIELD_KEYS),
  label: shortText(500),
  enabled: z.boolean(),
  /** For fields with a fixed list (respondingAs, respondentType, region, ageBand, consents). */
  options: z.array(shortText(300)).max(200).default([]),
  hint: shortText(1000).default(''),
});
export type AboutYouField = z.infer<typeof aboutYouFieldSchema>;

// ---------------------------------------------------------------- metadata

export const TERRITORIAL_EXTENTS = [
  'england',
  'england-and-wales',
  'great-britain',
  'united-kingdom',
  'other',
] as const;
export const TERRITORIAL_LABELS: Record<(typeof TERRITORIAL_EXTENTS)[number], string> = {
  england: 'England',
  'england-and-wales': 'England and Wales',
  'great-britain': 'Great Britain',
  'united-kingdom': 'United Kingdom',
  other: 'Other',
};

export const periodSchema = z.strictObject({ label: shortText(200), start: isoDate, end: isoDate });
export type Period = z.infer<typeof periodSchema>;

export const metadataSchema = z.strictObject({
  title: shortText(300),
  summary: shortText(2000).default(''),
  department: shortText(300).default(''),
  leadTeam: shortText(300).default(''),
  /** "To:" — who the consultation is aimed at. */
  audience: shortText(4000).default(''),
  territorialExtent: z.enum(TERRITORIAL_EXTENTS).nullable().default(null),
  territorialNote: shortText(1000).default(''),
  opensAt: instant.nullable().default(null),
  closesAt: instant.nullable().default(null),
  enquiries: z
    .strictObject({
      email: shortText(320).default(''),
      phone: shortText(100).default(''),
      address: shortText(1000).default(''),
      alternativeFormats: shortText(2000).default(''),
    })
    .default({ email: '', phone: '', address: '', alternativeFormats: '' }),
  waysToRespond: z
    .strictObject({
      onlineUrl: shortText(2000).default(''),
      email: shortText(320).default(''),
      postalAddress: shortText(1000).default(''),
      responseForm: z.boolean().default(false),
    })
    .default({ onlineUrl: '', email: '', postalAddress: '', responseForm: false }),
  additionalWays: shortText(4000).default(''),
  responsePaper: z
    .strictObject({ dueDate: isoDate.nullable().default(null), url: shortText(2000).default('') })
    .default({ dueDate: null, url: '' }),
  impactAssessment: z
    .strictObject({
      status: z.enum(['attached', 'not-needed', 'to-follow', 'unknown']).default('unknown'),
      note: shortText(2000).default(''),
    })
    .default({ status: 'unknown', note: '' }),
  legalDutyToConsult: z.enum(['yes', 'no', 'unknown']).default('unknown'),
  openToInfluence: shortText(4000).default(''),
  complianceStatement: shortText(2000).default(''),
  welshVersion: z.boolean().default(false),
  easyReadVersion: z.boolean().default(false),
  /** Why the consultation is shorter than 12 weeks: recorded, it silences the duration warning. */
  durationJustification: shortText(4000).default(''),
  /** Pre-election periods the team knows of (purdah). */
  electionPeriods: z.array(periodSchema).max(50).default([]),
  /**
   * Holiday periods to avoid. Null means the standard list (Christmas to New Year, Easter, August); any list, even
   * empty, replaces it.
   */
  holidayPeriods: z.array(periodSchema).max(100).nullable().default(null),
  /** Bank holidays. Null means the built-in England and Wales list for 2024 to 2030. */
  bankHolidays: z.array(isoDate).max(500).nullable().default(null),
});
export type DraftMetadata = z.infer<typeof metadataSchema>;

// ---------------------------------------------------------------- privacy notice

export const privacyNoticeSchema = z.strictObject({
  controller: shortText(2000).default(''),
  dpoContact: shortText(1000).default(''),
  purpose: shortText(4000).default(''),
  dataCollected: shortText(4000).default(''),
  lawfulBasis: shortText(4000).default(''),
  specialCategory: shortText(4000).default(''),
  recipients: shortText(4000).default(''),
  retention: shortText(2000).default(''),
  rights: shortText(4000).default(''),
  internationalTransfers: shortText(2000).default(''),
  automatedDecisions: shortText(2000).default(''),
  aiUse: shortText(2000).default(''),
});
export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;

// ---------------------------------------------------------------- checker settings and dismissals

export const checkerSettingsSchema = z.strictObject({
  /**
   * Flesch–Kincaid grade above which a section is flagged (GOV.UK aims at reading age 9 ≈ grade 4; 9 is a practical
   * default).
   */
  maxGrade: z.number().min(1).max(20).default(9),
  /** Flesch reading ease below which a section is flagged. */
  minReadingEase: z.number().min(0).max(100).default(50),
  maxSentenceWords: z.number().int().min(10).max(100).default(25),
  maxQuestions: z.number().int().min(5).max(500).default(25),
});
export type CheckerSettings = z.infer<typeof checkerSettingsSchema>;

export const dismissalSchema = z.strictObject({
  /** ruleId + location key of the finding. */
  key: shortText(1000),
  reason: shortText(2000).min(1, 'Give a reason for dismissing the finding'),
  at: instant,
  by: shortText(200),
});
export type Dismissal = z.infer<typeof dismissalSchema>;

// ---------------------------------------------------------------- the whole draft

export const draftSchema = z.strictObject({
  format: z.literal(DRAFT_FORMAT).default(DRAFT_FORMAT),
  formatVersion: z.literal(DRAFT_FORMAT_VERSION).default(DRAFT_FORMAT_VERSION),
  metadata: metadataSchema,
  sections: z.array(sectionSchema).max(500),
  questions: z.array(questionSchema).max(2000),
  aboutYou: z.array(aboutYouFieldSchema).max(50),
  privacyNotice: privacyNoticeSchema,
  checker: checkerSettingsSchema.default({ maxGrade: 9, minReadingEase: 50, maxSentenceWords: 25, maxQuestions: 25 }),
  dismissed: z.array(dismissalSchema).max(5000).default([]),
});
export type Draft = z.infer<typeof draftSchema>;
export type DraftInput = z.input<typeof draftSchema>;

/** Questions in document order: by their section's position, then their own position. */
export function orderedQuestions(draft: Pick<Draft, 'sections' | 'questions'>): Question[] {
  const sectionIndex = new Map(draft.sections.map((s, i) => [s.id, i]));
  return draft.questions
    .map((q, i) => ({ q, i }))
    .sort((a, b) => (sectionIndex.get(a.q.sectionId) ?? 1e9) - (sectionIndex.get(b.q.sectionId) ?? 1e9) || a.i - b.i)
    .map(({ q }) => q);
}

/**
 * Question numbers across the document: 1, 2, 3; a question that `continues` the one before
 * shares its number and the group is lettered 1a, 1b. Recomputed from order, never stored.
 */
export function questionNumbers(draft: Pick<Draft, 'sections' | 'questions'>): Map<string, string> {
  const ordered = orderedQuestions(draft);
  const groups: Question[][] = [];
  for (const q of ordered) {
    const last = groups[groups.length - 1];
    if (q.continues && last) last.push(q);
    else groups.push([q]);
  }
  const out = new Map<string, string>();
  groups.forEach((g, gi) => {
    if (g.length === 1) out.set(g[0]!.id, String(gi + 1));
    else g.forEach((q, qi) => out.set(q.id, `${gi + 1}${letters(qi)}`));
  });
  return out;
}

function letters(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

export const OTHER_OPTION_ID = 'other';
const LIKERT_IDS = [
  'likert-strongly-agree',
  'likert-agree',
  'likert-neither',
  'likert-disagree',
  'likert-strongly-disagree',
  'likert-dont-know',
];
const YES_NO_IDS = ['yes', 'no', 'dont-know'];

/**
 * The answers a respondent chooses from, with stable ids (the codes forms and imports use):
 * the fixed scales for agree/disagree and yes/no, the question's own options otherwise, plus
 * "Other (please specify)" where allowed. Open questions have none.
 */
export function answerOptions(q: Pick<Question, 'type' | 'options' | 'allowOther'>): QuestionOption[] {
  const base: QuestionOption[] =
    q.type === 'likert_agree5'
      ? LIKERT_OPTIONS.map((label, i) => ({ id: LIKERT_IDS[i]!, label }))
      : q.type === 'yes_no'
        ? YES_NO_OPTIONS.map((label, i) => ({ id: YES_NO_IDS[i]!, label }))
        : CLOSED_TYPES.has(q.type)
          ? q.options
          : [];
  return q.allowOther && (q.type === 'single_choice' || q.type === 'multi_choice')
    ? [...base, { id: OTHER_OPTION_ID, label: OTHER_LABEL }]
    : base;
}

/** Labels of answerOptions, as printed. */
export function displayOptions(q: Pick<Question, 'type' | 'options' | 'allowOther'>): string[] {
  return answerOptions(q).map((o) => o.label);
}
