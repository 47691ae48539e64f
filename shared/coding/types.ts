/**
 * What the Analysis page and the CLI see of the analysis: the codebook, answers to code with their
 * codings, tallies, quotes, theme suggestions, coding packages and agreement. Pure data: the IPC
 * contract uses these as its result types. Answers are identified by (responseId, questionId):
 * response ids are never reused, so a coding can never move to another answer after an undo.
 */
import type { QuestionType } from '../domain/draft/model';
import type { CrossTab, QuestionTally } from '../analysis/tallies';
import type { Sentiment } from './sentiment';
import type { QuoteStatus } from './consent';
import type { SampleDefinition } from './sample';
import type { CrossTabField } from './fields';
import type { CodebookTheme } from '../analysis/codebook';

/** 'proposal': proposed by the model trained on the analysts' codes, accepted by a person (never without one). */
export const CODING_SOURCES = ['manual', 'bulk', 'suggestion', 'package', 'proposal'] as const;
export type CodingSource = (typeof CODING_SOURCES)[number];

/** The workspace's own coding; a colleague's merged package is `package:<id>`. */
export const MAIN_CODER_SET = 'main';
export const packageCoderSet = (packageId: string): string => `package:${packageId}`;

export type CampaignCounting = 'included' | 'excluded';

export interface AnalysisSettings {
  /** Whether responses in confirmed campaigns are counted in the per-question figures. */
  campaigns: CampaignCounting;
  /** Small-number threshold for publishable outputs (default 10). */
  threshold: number;
  /**
   * The share of each open question's answers (0 to 1) that must be coded before the documents are
   * published (the publication check, R-PUB6); default 1, every answer.
   */
  minCodedShare: number;
}

/**
 * A theme as the Analysis page shows it: the codebook's theme (questionIds empty: shared by every question) and its
 * state.
 */
export interface ThemeView extends CodebookTheme {
  order: number;
  /** Deleted (kept so the deletion can be undone; its codings are left out while it is). */
  archived: boolean;
  origin: 'manual' | 'imported' | 'suggestion';
  createdAt: string;
  createdBy: string;
  /** Tree depth (0 = top level), in codebook order. */
  depth: number;
}

export interface CodingView {
  id: number;
  themeId: string;
  /** A highlighted passage, or null for the whole answer. */
  passage: { start: number; end: number; text: string } | null;
  coder: string;
  source: CodingSource;
  at: string;
}

export interface AnnotationView {
  sentiment: Sentiment | null;
  memo: string;
  complete: boolean;
  by: string | null;
  at: string | null;
}

export interface QuoteView {
  id: number;
  responseId: number;
  questionId: string;
  questionNumber: string;
  start: number | null;
  end: number | null;
  text: string;
  note: string;
  themeIds: string[];
  markedBy: string;
  markedAt: string;
  /** How the respondent is described under the quote ("Member of the public", "Age UK (charity)"). */
  attribution: string;
  /** The organisation the attribution names (null for an individual), so one confidentiality rule can apply. */
  organisation: string | null;
  /** The attribution without the organisation's name ("Charity", "An organisation"). */
  anonymousAttribution: string;
  confidential: boolean;
  publishConsent: boolean | null;
  status: QuoteStatus;
  removed: boolean;
}

/** One answer in the coding queue. */
export interface AnswerForCoding {
  responseId: number;
  questionId: string;
  /** The coded text (see codableText): passages are offsets into it. */
  text: string;
  /** Closed questions: the option labels chosen, shown beside the text. */
  choices: string[];
  codings: CodingView[];
  annotation: AnnotationView;
  quotes: QuoteView[];
  /** 1-based position among the question's answers to code, and how many there are. */
  position: number;
  total: number;
  /** Not personal: how they responded, their type, campaign. */
  context: { respondentType: string | null; organisation: boolean; channel: string; campaign: string | null };
  /** Themes the model proposed for it in the latest run (assisted coding), best first; none until it has run. */
  proposals?: ProposalView[];
}

export interface QueueView {
  questionId: string;
  /** Null when the question has no answers to code, or (for next-uncoded) every answer is coded. */
  answer: AnswerForCoding | null;
  progress: CodingProgress;
  /** The themes the queue numbers 1–9 (then 0 and letters on the "more" list), codable and not deleted. */
  themes: ThemeView[];
}

export interface CodingProgress {
  /** Answers that hold text to code. */
  total: number;
  /** With at least one theme, or marked complete. */
  coded: number;
  uncoded: number;
}

export interface QuestionAnalysisSummary {
  id: string;
  number: string;
  text: string;
  type: QuestionType | null;
  sectionTitle: string;
  closed: boolean;
  /** Whether answers can hold text to code. */
  codable: boolean;
  progress: CodingProgress;
  themes: number;
}

export interface AnalysisOverview {
  settings: AnalysisSettings;
  questions: QuestionAnalysisSummary[];
  /** Responses counted (active, not resolved as duplicates), and of those in confirmed campaigns. */
  responses: number;
  campaignResponses: number;
  duplicatesRemoved: number;
  /** Set when this workspace is a coding package sent by a colleague. */
  package: PackageMeta | null;
}

export interface TallyView {
  questionId: string;
  number: string;
  text: string;
  type: QuestionType;
  /** Null for open questions (answered / not answered only). */
  tally: QuestionTally | null;
  answered: number;
  notAnswered: number;
  crossTab: (CrossTab & { fieldLabel: string }) | null;
}

export interface TalliesResult {
  campaigns: CampaignCounting;
  /** Respondents in the figures after duplicates (and campaigns when excluded) are left out. */
  respondents: number;
  questions: TallyView[];
  /** Milliseconds spent, and whether the encoded answers came from the cache. */
  timing: { ms: number; cached: boolean };
}

export interface ThemeCount {
  themeId: string;
  name: string;
  /** Respondents whose answer was coded with the theme. */
  count: number;
  percent: number | null;
  /** Sentiment of the answers coded with it. */
  sentiment: Record<Sentiment | 'none', number>;
}

export interface ThemeCountsResult {
  questionId: string;
  /** Answers coded (the base of the percentages). */
  coded: number;
  themes: ThemeCount[];
  sentiment: Record<Sentiment | 'none', number>;
}

export interface AnswerListRow {
  responseId: number;
  excerpt: string;
  themeIds: string[];
  sentiment: Sentiment | null;
  complete: boolean;
}

export interface OperationView {
  id: number;
  kind: 'bulk-search' | 'bulk-campaign' | 'bulk-responses' | 'suggestion' | 'conflicts' | 'proposal';
  description: string;
  questionId: string | null;
  themeId: string | null;
  count: number;
  at: string;
  by: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface SuggestedThemeView {
  id: string;
  label: string;
  /** The answer to the question's own agree/disagree or yes/no part that its answers share, when it has one. */
  stance?: string;
  keyPhrases: string[];
  size: number;
  primaryCount: number;
  cohesion: number;
  examples: Array<{ responseId: number; text: string }>;
}

export interface SuggestionRunView {
  id: number;
  questionId: string;
  at: string;
  by: string;
  answers: number;
  /** Answers from members of confirmed campaigns, left out (a campaign is coded as one). */
  campaignAnswers: number;
  blank: number;
  unassigned: number;
  suggestions: SuggestedThemeView[];
  reviewedAt: string | null;
}

export interface PackageMeta {
  packageId: string;
  sourceConsultationId: string;
  sourceTitle: string;
  questionIds: string[];
  coder: string;
  createdAt: string;
  createdBy: string;
  sample: SampleDefinition;
  answers: number;
}

export interface KappaView {
  kappa: number | null;
  /** "Not defined: …" when kappa is undefined, else the Landis and Koch band. */
  band: string;
  undefinedReason: 'no-items' | 'no-variation' | null;
  percentAgreement: number | null;
  table: { both: number; aOnly: number; bOnly: number; neither: number };
}

export interface ThemeAgreementView extends KappaView {
  themeId: string;
  name: string;
}

export interface QuestionAgreementView {
  questionId: string;
  number: string;
  /** Answers in the sample, and how many both coders coded. */
  sampled: number;
  doubleCoded: number;
  themes: ThemeAgreementView[];
  pooled: KappaView;
  meanKappa: number | null;
  exactMatch: number | null;
  conflicts: number;
}

export interface AgreementView {
  packageId: string;
  coderA: string;
  coderB: string;
  questions: QuestionAgreementView[];
  overall: KappaView & { items: number; meanKappa: number | null };
  /** How undefined kappa is shown, in a sentence. */
  note: string;
}

export interface PackageView {
  id: string;
  direction: 'sent' | 'received';
  coder: string;
  questionIds: string[];
  sample: SampleDefinition;
  answers: number;
  path: string;
  createdAt: string;
  createdBy: string;
  mergedAt: string | null;
  mergedBy: string | null;
  agreement: AgreementView | null;
}

export interface MergeOutcome {
  package: PackageView;
  /** Colleague's codings stored as coder B. */
  codings: number;
  answersCodedByColleague: number;
  conflicts: number;
  /** Themes the colleague used that are not in this codebook (their codings were not taken). */
  unknownThemes: Array<{ id: string; name: string; codings: number }>;
  warnings: string[];
}

export interface ConflictView {
  packageId: string;
  responseId: number;
  questionId: string;
  questionNumber: string;
  text: string;
  mine: string[];
  theirs: string[];
  resolution: 'mine' | 'theirs' | 'both' | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export const RESPONSE_TEXT_SECTIONS = ['introduction', 'other-themes', 'next-steps', 'issues', 'method'] as const;
export type ResponseTextSection = (typeof RESPONSE_TEXT_SECTIONS)[number];

export interface TextEntry {
  text: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ResponseTexts {
  /** The government's response and its next steps, by question id (only questions with some text). */
  questions: Record<string, { response: TextEntry; nextSteps: TextEntry }>;
  sections: Record<ResponseTextSection, TextEntry>;
}

export interface CrossTabRequest {
  field: CrossTabField;
}

/** A theme the model proposes for an answer, with its confidence (0–1, calibrated on the analysts' own codes). */
export interface ProposalView {
  themeId: string;
  confidence: number;
}

/**
 * Assisted coding for one question: the latest run of the model trained on the analysts' codes, what it proposes
 * for the answers still uncoded (counted now, so answers coded since drop out), and how far it agrees with the
 * analysts on answers they coded that it was not trained on. Proposals are never codes until a person accepts them.
 */
export interface ProposalRunView {
  id: number;
  questionId: string;
  at: string;
  by: string;
  /** Answers coded by people when the model was trained, and now (retrain when they differ). */
  trainedOn: number;
  codedNow: number;
  /** Proposals at or above this confidence are "confident". */
  confident: number;
  /** Answers still uncoded; of them, with any proposal and with a confident one. */
  uncoded: number;
  withProposal: number;
  withConfident: number;
  themes: Array<{
    themeId: string;
    name: string;
    /** Answers the analysts coded with it when the model was trained. */
    examples: number;
    /** False when it had fewer than `minExamples` examples: nothing is proposed for it. */
    trained: boolean;
    /** Uncoded answers it is proposed for, and of them at or above `confident`. */
    proposed: number;
    confidentCount: number;
  }>;
  minExamples: number;
  /**
   * The model compared with the analysts as a second coder would be: trained on half the coded answers, tested on
   * the other half and the other way round (null when too few answers were coded to say).
   */
  agreement: {
    items: number;
    meanKappa: number | null;
    percentAgreement: number | null;
    exactMatch: number | null;
  } | null;
}

/** An uncoded answer with the themes proposed for it, best first. */
export interface ProposedAnswer {
  responseId: number;
  text: string;
  proposals: ProposalView[];
}
