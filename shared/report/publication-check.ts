import { formatCount } from './tables';
import type { PublicationGoTo } from '../domain/exports';

/**
 * The publication check (R-PUB6, R-PUB7 in the consultation standard): before the government
 * response, analysis workbook, briefing or responses CSV is exported for publication, what would
 * make it untrue or unfinished is listed, like the drafting checker's findings — rule id, severity,
 * a sentence saying what and where, and where in the app to fix it. An 'error' blocks the export
 * unless the team chooses to go ahead, in which case every page says "Draft".
 */
export type PublicationRuleId =
  | 'R-PUB6-placeholder'
  | 'R-PUB6-coding'
  | 'R-PUB6-campaigns'
  | 'R-PUB6-duplicates'
  | 'R-PUB6-values'
  | 'R-PUB6-personal-data'
  | 'R-PUB7-before-close'
  | 'R-PUB7-late';

export interface PublicationFinding {
  ruleId: PublicationRuleId;
  severity: 'error' | 'warning';
  message: string;
  /** Where to fix it: a page of the app, and the question when there is one. */
  goTo: PublicationGoTo;
  /** The question's number as printed, when the finding is about one question. */
  questionNumber?: string;
}

/** What the check reads, gathered from the workspace (electron/services/documents/publication-facts.ts). */
export interface PublicationFacts {
  /** Questions whose government response the team has not written yet (the document would say "to follow"). */
  placeholders: ReadonlyArray<{ questionId: string; number: string }>;
  /** Open questions: answers that hold text, and those coded (a theme, or marked complete). */
  coding: ReadonlyArray<{ questionId: string; number: string; total: number; coded: number }>;
  /** The share of each open question's answers that must be coded before publishing (0 to 1). */
  minCodedShare: number;
  campaignsUnreviewed: number;
  duplicateGroupsUnresolved: number;
  /** Values that are not one of the question's options or the field's list ("Mars" as a region). */
  invalidValues: ReadonlyArray<{ where: string; value: string; count: number; questionId?: string }>;
  /**
   * Personal data found in answers that would be published, not yet reviewed (Responses → Personal data).
   * Removed whatever happens; the warning asks for the removals to be looked at, so none is over-redacted
   * and the list has had a person's eyes on it.
   */
  personalDataUnreviewed: number;
  /** The day the document is published (the export's date, London) and the consultation's close (an instant). */
  publishedOn: Date;
  closesAt: string | null;
}

/** Principle J: the response within 12 weeks of the close. */
export const RESPONSE_DUE_DAYS = 84;

const pct = (x: number): string => `${Math.floor(x * 100)}%`;
const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

export function checkPublication(f: PublicationFacts): PublicationFinding[] {
  const out: PublicationFinding[] = [];
  for (const q of f.placeholders)
    out.push({
      ruleId: 'R-PUB6-placeholder',
      severity: 'error',
      message:
        `Question ${q.number}: the government’s response is not written yet ` + '(the document would say “to follow”).',
      goTo: { page: 'analysis', questionId: q.questionId },
      questionNumber: q.number,
    });
  for (const q of f.coding) {
    if (q.total === 0) continue;
    const share = q.coded / q.total;
    if (share + 1e-9 < f.minCodedShare)
      out.push({
        ruleId: 'R-PUB6-coding',
        severity: 'error',
        message:
          `Question ${q.number}: ${formatCount(q.coded)} of ${plural(q.total, 'answer', 'answers')} coded ` +
          `(${pct(share)}); the team set ${pct(f.minCodedShare)} before publishing.`,
        goTo: { page: 'analysis', questionId: q.questionId },
      });
  }
  if (f.campaignsUnreviewed > 0)
    out.push({
      ruleId: 'R-PUB6-campaigns',
      severity: 'error',
      message:
        `${plural(f.campaignsUnreviewed, 'campaign has', 'campaigns have')} not been reviewed ` +
        '(confirm or reject).',
      goTo: { page: 'responses', view: 'campaigns' },
    });
  if (f.duplicateGroupsUnresolved > 0)
    out.push({
      ruleId: 'R-PUB6-duplicates',
      severity: 'error',
      message: `${plural(f.duplicateGroupsUnresolved, 'group', 'groups')} of possible duplicates not resolved.`,
      goTo: { page: 'responses', view: 'duplicates' },
    });
  for (const v of f.invalidValues)
    out.push({
      ruleId: 'R-PUB6-values',
      severity: 'error',
      message: `${v.where}: “${v.value}” is not one of its answers (${plural(v.count, 'response', 'responses')}).`,
      goTo: v.questionId
        ? { page: 'responses', view: 'browse', questionId: v.questionId }
        : { page: 'responses', view: 'browse' },
    });
  if (f.personalDataUnreviewed > 0)
    out.push({
      ruleId: 'R-PUB6-personal-data',
      severity: 'warning',
      message:
        `${plural(f.personalDataUnreviewed, 'piece', 'pieces')} of personal data found in answers ` +
        `${f.personalDataUnreviewed === 1 ? 'has' : 'have'} not been reviewed: ` +
        `${f.personalDataUnreviewed === 1 ? 'it is' : 'they are'} removed from what is published until you decide.`,
      goTo: { page: 'responses', view: 'personal-data' },
    });
  const closes = f.closesAt ? new Date(f.closesAt) : null;
  if (closes && !Number.isNaN(closes.getTime())) {
    if (f.publishedOn.getTime() < closes.getTime())
      out.push({
        ruleId: 'R-PUB7-before-close',
        severity: 'error',
        message: 'The consultation has not closed yet: a response cannot be published before the close.',
        goTo: { page: 'draft' },
      });
    else if (f.publishedOn.getTime() > closes.getTime() + RESPONSE_DUE_DAYS * 86_400_000)
      out.push({
        ruleId: 'R-PUB7-late',
        severity: 'warning',
        message:
          'This is more than 12 weeks after the consultation closed: the Consultation Principles ask for the ' +
          'response within 12 weeks, or a note explaining the delay.',
        goTo: { page: 'draft' },
      });
  }
  return out;
}

export const blocking = (findings: readonly PublicationFinding[]): PublicationFinding[] =>
  findings.filter((x) => x.severity === 'error');

/**
 * Whether a document published over unresolved findings can say "Draft": the Word documents on every
 * page, the workbook on every sheet; the responses CSV has nowhere to say it.
 */
export const canMarkDraft = (kind: string): boolean => kind !== 'responses-csv';

/** In the export log's note of a document published over the check's errors (the Overview reads it). */
export const DRAFT_EXPORT_NOTE = 'marked “Draft”: the publication check found problems';

/** The banner on every page of a document published over unresolved findings. */
export const DRAFT_BANNER = 'Draft: the publication check found problems that were not resolved';
