/**
 * The review list of personal data typed into answers (Responses → Personal data, issue 17): what the
 * window shows of each finding and what it may decide. The finders are shared/analysis/personal-data;
 * the list is made by electron/services/responses/personal-data-review.ts.
 */
import type { PersonalDataKind } from './kinds';
import type { PersonalDataDecision } from './review';

/** Which findings to show: not reviewed yet, confirmed for removal, released, or every one. */
export type PersonalDataStatus = 'unreviewed' | 'remove' | 'release' | 'all';

/** One piece of personal data found in one answer that would be published. */
export interface PersonalDataFindingView {
  responseId: number;
  questionId: string;
  /** The question's number as printed ("3"). */
  questionNumber: string;
  kind: PersonalDataKind;
  /** The text found, as typed (the first time in the answer when it is there more than once). */
  text: string;
  /** The answer around it: up to about 80 characters either side, cut at a space. */
  before: string;
  after: string;
  /** How many times it is in this answer (one decision covers them all). */
  occurrences: number;
  decision: PersonalDataDecision | null;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface PersonalDataReview {
  /** Answers looked at: those whose text would be published (not confidential, consent given). */
  answersScanned: number;
  /** Findings by status, over the whole workspace (not only the filter). */
  counts: Record<Exclude<PersonalDataStatus, 'all'>, number>;
  /** Findings by kind, over the whole workspace. */
  byKind: Partial<Record<PersonalDataKind, number>>;
  /** Findings matching the filter, and the page of them asked for. */
  total: number;
  items: PersonalDataFindingView[];
}

/** A finding named for a decision: its answer, and its kind and text as the list gave them. */
export interface PersonalDataRef {
  responseId: number;
  questionId: string;
  kind: PersonalDataKind;
  text: string;
}
