import type { ImportedColumn } from '../survey-import/plan/column-report';
import { z } from 'zod';
import { RESPONDENT_FIELD_KEYS, type RespondentFieldKey } from '../draft/model';
import {
  INTAKE_CHANNELS,
  type IntakeChannel,
  type ImportWarning,
  type LayoutColumn,
  type MappingProposal,
  type NormalisedAnswer,
  type ResponseIssue,
  type SourceFormat,
  type SourceKind,
  type UnmatchedValue,
} from '../survey-import/types';

/**
 * The collated responses as the app shows them: batches, responses and their answers, the review
 * list, campaigns, duplicates, organisation merges and search. Pure data shared by the backend
 * (electron/services/responses) and the UI; the IPC contract uses these as its result types.
 */

/**
 * Text that was not assigned to any question: an email's or letter's "general comments" when the
 * consultation has no "Is there anything else…" question. Stored as an answer to this reserved id
 * so it is kept, searchable and shown with the response like any other answer.
 */
export const GENERAL_COMMENTS_ID = '_general';
export const GENERAL_COMMENTS_LABEL = 'General comments (not about one question)';

/** Extra respondent details a typed letter or a correction may hold beside the "About you" fields. */
export const EXTRA_RESPONDENT_FIELDS = ['quoteConsent', 'address', 'postcode'] as const;
export type ExtraRespondentField = (typeof EXTRA_RESPONDENT_FIELDS)[number];
export const RESPONDENT_COLUMNS_KEYS = [...RESPONDENT_FIELD_KEYS, ...EXTRA_RESPONDENT_FIELDS] as const;
export type RespondentKey = RespondentFieldKey | ExtraRespondentField;
export type RespondentDetails = Partial<Record<RespondentKey, string>>;

export const RESPONDENT_KEY_LABELS: Record<RespondentKey, string> = {
  name: 'Name',
  email: 'Email address',
  respondingAs: 'Responding as',
  organisation: 'Organisation',
  role: 'Role',
  represents: 'Whom the organisation represents',
  respondentType: 'Type of respondent',
  region: 'Nation or region',
  ageBand: 'Age',
  confidential: 'Confidentiality requested',
  confidentialReason: 'Reason for confidentiality',
  publishConsent: 'Consent to publish',
  quoteConsent: 'Consent to quote',
  contactConsent: 'Consent to be contacted',
  address: 'Address',
  postcode: 'Postcode',
};

// ---------------------------------------------------------------- files and batches

export type ImportSourceType = 'survey' | 'response-form' | 'email';
export type BatchFormat = SourceFormat | 'form-xlsx' | 'form-docx' | 'eml' | 'msg' | 'typed';

/** A file the official picked, before anything is imported. */
export interface InspectedFile {
  path: string;
  name: string;
  bytes: number;
  sha256: string;
  /** What the file is, from its bytes and name; null when it cannot be imported (see `problem`). */
  type: ImportSourceType | null;
  problem?: string;
  /** The same bytes were imported before and that batch has not been undone. */
  alreadyImported?: { batchId: number; at: string; sourceName: string };
}

export interface BatchSummary {
  id: number;
  sourceName: string;
  sha256: string | null;
  channel: IntakeChannel;
  format: BatchFormat;
  sourceKind: SourceKind | 'response-form' | 'email' | 'letter';
  fingerprint: string | null;
  rowsRead: number;
  imported: number;
  rejected: number;
  /** Rejected rows still waiting for a decision. */
  openRejected: number;
  blankRows: number;
  /** Responses of this batch still in the workspace (accepted rows included; 0 once undone). */
  responses: number;
  importedAt: string;
  importedBy: string;
  undoneAt: string | null;
  undoneBy: string | null;
  warnings: ImportWarning[];
}

export interface RejectedRowView {
  id: number;
  batchId: number;
  sourceName: string;
  sourceRow: number;
  reason: string;
  /** The row as it was, by header, in column order. */
  raw: [string, string][];
  status: 'open' | 'accepted' | 'discarded';
  responseId: number | null;
  note: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

// ---------------------------------------------------------------- the import wizard

export interface PreviewColumn extends LayoutColumn {
  /** First few non-blank values, for the official to recognise the column. */
  samples: string[];
}

export interface PreviewRow {
  sourceRow: number;
  respondent: Partial<Record<RespondentFieldKey, string>>;
  answers: NormalisedAnswer[];
  issues: ResponseIssue[];
  submittedAt?: string;
  externalId?: string;
}

export interface SurveyPreview {
  file: InspectedFile;
  format: SourceFormat;
  encoding?: string;
  delimiter?: string;
  sheetName?: string;
  sheetNames?: string[];
  warnings: ImportWarning[];
  source: SourceKind;
  sourceLabel: string;
  headerRowCount: number;
  notes: string[];
  columns: PreviewColumn[];
  proposal: MappingProposal;
  /** Set when the mapping shown was saved from an earlier import of the same source. */
  savedMapping: { savedAt: string; savedBy: string } | null;
  fingerprint: string;
  /** The whole file read through the mapping, nothing saved. */
  dryRun: {
    dataRows: number;
    responses: number;
    rejectedCount: number;
    rejected: { sourceRow: number; reason: string }[];
    blankRows: number;
    unmatchedValues: UnmatchedValue[];
    withIssues: number;
  };
  /** The first responses as they would be imported. */
  rows: PreviewRow[];
  /** Columns that look like answers but match no question, and whether the draft has any questions. */
  canCreateQuestions: boolean;
  draftHasQuestions: boolean;
}

export interface ImportedBatch {
  batchId: number;
  sourceName: string;
  type: ImportSourceType | 'letter';
  imported: number;
  rejected: number;
  /** A survey export's columns and what each became. */
  columns?: ImportedColumn[];
}

export interface ImportOutcome {
  /** The first batch made (the only one for a single file); null on a dry run or when nothing was imported. */
  batchId: number | null;
  batches: ImportedBatch[];
  imported: number;
  rejected: { file: string; row: number; reason: string }[];
  blankRows: number;
  /** Files not imported: already imported, refused (another consultation's form), unreadable. */
  skipped: { file: string; reason: string; batchId?: number }[];
  unmatchedValues: number;
  createdQuestions: string[];
  dryRun: boolean;
  /** Warnings worth showing: encoding fallbacks, form warnings. */
  warnings: string[];
  /** The (first) survey export's columns and what each became: nothing in a file is left unseen. */
  columns: ImportedColumn[];
}

// ---------------------------------------------------------------- browsing

export const RESPONSE_STATUSES = ['active', 'duplicate'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const responseFiltersSchema = z.strictObject({
  /** Responses that answered this question. */
  questionId: z.string().min(1).max(100).optional(),
  respondentType: z.string().max(300).optional(),
  channel: z.enum(INTAKE_CHANNELS).optional(),
  batchId: z.number().int().positive().optional(),
  /** 'any': in some campaign; 'none': in none; a number: in that campaign. */
  campaign: z.union([z.enum(['any', 'none']), z.number().int().positive()]).optional(),
  hasPersonalData: z.boolean().optional(),
  organisation: z.enum(['organisation', 'individual']).optional(),
  /** Default 'active' (duplicates resolved away are hidden). */
  status: z.enum(['active', 'duplicate', 'all']).optional(),
});
export type ResponseFilters = z.infer<typeof responseFiltersSchema>;

export interface ResponseListRow {
  id: number;
  batchId: number;
  sourceName: string;
  sourceRow: number | null;
  channel: IntakeChannel;
  submittedAt: string | null;
  status: ResponseStatus;
  name: string | null;
  organisation: string | null;
  respondentType: string | null;
  region: string | null;
  isOrganisation: boolean;
  hasPersonalData: boolean;
  confidential: boolean;
  answered: number;
  campaignIds: number[];
  /** The start of the first free-text answer, for the list. */
  excerpt: string;
}

export interface ResponseList {
  total: number;
  offset: number;
  rows: ResponseListRow[];
}

export interface SearchHit {
  responseId: number;
  /** Null when the match is in the respondent's name or organisation. */
  questionId: string | null;
  field: 'text' | 'otherText' | 'explanation' | 'campaignAddition' | 'respondent';
  /** The matching passage, plain text. */
  snippet: string;
  /** [start, end) of each match in `snippet`. */
  highlights: [number, number][];
}

export interface SearchResults {
  query: string;
  /** Hits (a response can match in several answers). */
  total: number;
  /** Distinct responses among the hits. */
  responses: number;
  offset: number;
  results: SearchHit[];
}

export interface AnswerView extends NormalisedAnswer {
  id: number;
  /** Question number and text as the draft has them now ('' for general comments or a deleted question). */
  number: string;
  questionText: string;
  /** Option labels of optionIds, in order. */
  optionLabels: string[];
  /** Closed questions: the cell as it was received. */
  value: string | null;
}

export interface CorrectionView {
  id: number;
  target: 'answer' | 'respondent' | 'response';
  questionId: string | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  at: string;
  by: string;
}

export interface ResponseDetail {
  id: number;
  batch: { id: number; sourceName: string; format: BatchFormat; importedAt: string };
  sourceRow: number | null;
  channel: IntakeChannel;
  externalId: string | null;
  submittedAt: string | null;
  startedAt: string | null;
  status: ResponseStatus;
  duplicateOf: number | null;
  respondent: {
    id: number;
    fields: RespondentDetails;
    isOrganisation: boolean;
    confidentialRequested: boolean;
    hasPersonalData: boolean;
    canonicalOrganisation: string | null;
  };
  answers: AnswerView[];
  issues: ResponseIssue[];
  /** Email or letter: sender, subject, date, body, attachments. */
  source: ResponseSource | null;
  /** Cells kept as received from the export's other columns, under their headers. */
  kept: { header: string; value: string }[];
  campaigns: { id: number; status: CampaignStatus; addition: string; removed: boolean }[];
  duplicateGroups: { id: number; kind: 'exact' | 'same-person'; status: 'open' | 'resolved' | 'dismissed' }[];
  corrections: CorrectionView[];
}

export interface ResponseSource {
  kind: 'email' | 'letter' | 'response-form';
  from?: string;
  fromName?: string;
  to?: string[];
  subject?: string;
  date?: string;
  body?: string;
  attachments?: { name: string; size: number; contentType: string }[];
  formId?: string;
  warnings?: string[];
}

export interface ResponsesSummary {
  responses: number;
  activeResponses: number;
  duplicatesResolved: number;
  respondents: number;
  batches: number;
  openRejected: number;
  campaigns: { proposed: number; confirmed: number; rejected: number; members: number };
  duplicateGroups: { open: number; resolved: number };
  /** Null unless counts were asked for (it reads every organisation name). */
  organisationSuggestions: number | null;
  channels: { channel: IntakeChannel; count: number }[];
  respondentTypes: { value: string; count: number }[];
  /** `answers` is -1 unless counts were asked for. */
  questions: { id: string; number: string; text: string; open: boolean; answers: number }[];
  lastDetection: { at: string; threshold: number } | null;
}

// ---------------------------------------------------------------- campaigns, duplicates, organisations

export type CampaignStatus = 'proposed' | 'confirmed' | 'rejected';

export interface CampaignView {
  id: number;
  questionId: string;
  questionNumber: string;
  questionText: string;
  status: CampaignStatus;
  label: string;
  template: string;
  size: number;
  /** Members with their own words added. */
  withAdditions: number;
  identicalCount: number;
  threshold: number;
  similarity: { min: number; mean: number };
  detectedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface CampaignMemberView {
  responseId: number;
  name: string | null;
  organisation: string | null;
  addition: string;
  removed: boolean;
}

export interface DuplicateGroupView {
  id: number;
  kind: 'exact' | 'same-person';
  matchedOn: ('email' | 'name-and-postcode')[];
  status: 'open' | 'resolved' | 'dismissed';
  suggestedKeep: number | null;
  keepResponseId: number | null;
  members: {
    responseId: number;
    channel: IntakeChannel;
    submittedAt: string | null;
    name: string | null;
    email: string | null;
    status: ResponseStatus;
    sourceName: string;
  }[];
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface OrganisationSuggestion {
  /** Stable: the key of the most used variant. */
  id: string;
  suggestedName: string;
  variants: { name: string; count: number; key: string }[];
  total: number;
  reasons: string[];
  confidence: 'high' | 'medium';
}

export interface OrganisationMergeView {
  id: number;
  variantKey: string;
  variantName: string;
  canonicalName: string;
  respondents: number;
  confirmedAt: string;
  confirmedBy: string;
  revertedAt: string | null;
  revertedBy: string | null;
}

export interface DetectionOutcome {
  campaigns: { id: number; size: number; questionId: string; status: CampaignStatus }[];
  duplicateGroups: number;
  duplicateResponses: number;
  threshold: number;
  seconds: number;
}

const CONSENT_YES = new RegExp(
  [
    String.raw`^\s*(y|yes|true|1|agree|agreed|i agree|accept|accepted|i accept|consent|i consent|`,
    String.raw`consented|i give (my )?(consent|permission)|publish( my)? response|happy for)\b`,
  ].join(''),
  'i',
);

/** Respondent field values that mean yes (consents, confidentiality): "Yes", "Yes, with my name", "Y", "True". */
export function isYes(value: string | null | undefined): boolean {
  if (!value) return false;
  // Tools word consent their own way: "Accepted" (Jotform), "Publish response with name" and
  // "Publish response only (without name)" (Citizen Space). A refusal is never a yes.
  if (/^\s*(no\b|not\b|do not|don't|never|decline|i do not|refuse)/i.test(value)) return false;
  return CONSENT_YES.test(value);
}

/** "On behalf of an organisation" and the like; with no answer, an organisation name given means yes. */
export function isOrganisationAnswer(respondingAs: string | null | undefined, organisation?: string | null): boolean {
  const a = respondingAs?.trim();
  if (a) {
    if (/individual|myself|someone else|personal/i.test(a)) return false;
    return /organi[sz]ation|business|company|charity|body|group|council|authority|association|employer|union/i.test(a);
  }
  return !!organisation?.trim();
}
