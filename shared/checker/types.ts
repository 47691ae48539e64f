/**
 * What the standard checker reports. A finding points at one place in the draft, says what is
 * wrong and how to fix it in plain English, and has a stable key so a team can dismiss it with a
 * recorded reason (the dismissal is kept in draft.dismissed and survives edits elsewhere).
 */
export type Severity = 'error' | 'warning' | 'advice';

export type FindingLocation =
  | { kind: 'metadata'; field: string } // e.g. 'closesAt', 'enquiries.email', 'waysToRespond'
  | { kind: 'section'; sectionId: string; blockPath?: number[]; excerpt?: string } // blockPath as walkBlocks gives it
  | { kind: 'question'; questionId: string; field?: 'text' | 'options' | 'hint' | 'type' }
  | { kind: 'aboutYou'; key: string }
  | { kind: 'privacy'; field: string }
  | { kind: 'draft' };

export interface Finding {
  /** Stable: ruleId + location (+ a fingerprint of the matched text), used for dismissals. */
  key: string;
  ruleId: string;
  severity: Severity;
  /** Short, e.g. "Closing date in the August holiday". */
  title: string;
  /** Plain English: what is wrong and how to fix it. */
  message: string;
  location: FindingLocation;
  dismissed?: { reason: string; at: string; by: string };
}

/** One entry of the rule catalogue (for the help page and RULES.md). */
export interface RuleInfo {
  id: string;
  /** The most severe level the rule reports at; some rules report lower levels in some cases (see description). */
  severity: Severity;
  title: string;
  description: string;
  /** Where the rule comes from in consultation-standard.md, e.g. "§3.2 R-BOX". */
  standardRef: string;
}

export interface CheckOptions {
  /** The current time, for "the closing date has passed". Defaults to the clock. */
  now?: Date;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, advice: 2 };
