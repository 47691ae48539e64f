/**
 * What a report may show at a redaction level. Every builder calls this first, so confidentiality
 * and suppression are enforced in one place for every document.
 *
 * 'redacted' (for publication, consultation-standard.md §4):
 * - small-number suppression in every table: options, respondent groups and campaigns chosen by
 *   fewer than `threshold` merge into "Other (aggregated)"; cross-tabs get "[c]" with secondary
 *   suppression; themes and ranking figures below the threshold show "[c]";
 * - organisations that asked for confidentiality are left out of the annex (counted only);
 *   individuals are only ever a count;
 * - personal fields are removed from the rows (see rows.ts);
 * - any quote from a respondent who asked for confidentiality or did not consent to publication
 *   is refused: `QuoteConsentError` lists each one, and nothing is made.
 * 'none' (internal use): real figures, all names, and the banner "Not for publication: contains
 * personal data" that every document shows prominently.
 */
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  OTHER_AGGREGATED,
  SUPPRESSED,
  suppressCrossTab,
  suppressionNote,
} from '../analysis/suppression';
import { percent0dp, type CrossTab } from '../analysis/tallies';
import { CLOSED_TYPES, type QuestionType } from '../domain/draft/model';
import { QuoteConsentError, ReportInputError, type QuoteProblem } from './errors';
import { personalDataScrubber } from './personal-data-scrubber';
import { hiddenAnswersNote, hiddenCrossTabCells, smallCombinations, type RowDisclosure } from './row-disclosure';
import { DRAFT_BANNER } from './publication-check';
import { confidentialOrganisations, organisationKey } from './organisation-confidentiality';
import type {
  ConsultationReport,
  CountRow,
  RedactionLevel,
  ReportCampaign,
  ReportConsultation,
  ReportMethod,
  ReportQuote,
} from './model';
import {
  preparedRows,
  rowColumns,
  type MatrixColumn,
  type PreparedRow,
  type RowColumn,
  type RowParts,
  type RowPlan,
  type RowQuestionPlan,
} from './rows';
import {
  categoryTable,
  formatCount,
  formatPercent,
  optionTable,
  prepareCrossTab,
  publishable,
  rankingRows,
  type CountTable,
  type PreparedCrossTab,
  type RankingRow,
} from './tables';

export const NOT_FOR_PUBLICATION = 'Not for publication: contains personal data';

export interface PrepareOptions {
  redaction: RedactionLevel;
  /** Small-number threshold (default 10); ignored for 'none'. */
  threshold?: number;
  /** Published over the publication check's errors: the banner says "Draft" on every page. */
  draftBanner?: boolean;
}

export interface PreparedTheme {
  id: string;
  name: string;
  description: string;
  count: number | null;
  countText: string;
  percent: number | null;
  percentText: string;
}

export interface PreparedQuestion {
  id: string;
  number: string;
  text: string;
  type: QuestionType;
  sectionTitle: string;
  answered: number;
  notAnswered: number;
  /** Option counts (closed questions; ranked first for ranking questions), or null. */
  table: CountTable | null;
  ranking: RankingRow[] | null;
  crossTabs: PreparedCrossTab[];
  coded: number;
  /** Most mentioned first; withheld ones last. */
  themes: PreparedTheme[];
  themeNotes: string[];
  quotes: ReportQuote[];
  governmentResponse: string;
}

export interface PreparedRespondents {
  received: number;
  analysed: number;
  duplicatesRemoved: number;
  campaignsCountedSeparately: boolean;
  campaignResponses: number;
  campaigns: CountTable;
  campaignList: ReportCampaign[];
  byRespondingAs: CountTable;
  byType: CountTable;
  byChannel: CountTable;
  byRegion: CountTable;
}

export interface PreparedReport {
  redaction: RedactionLevel;
  /** The suppression threshold applied (0 for internal use). */
  threshold: number;
  /** "Not for publication: contains personal data" for internal use; null for publication. */
  banner: string | null;
  consultation: ReportConsultation;
  respondents: PreparedRespondents;
  method: ReportMethod;
  questions: PreparedQuestion[];
  otherThemes: PreparedTheme[];
  /** The team's words about the other themes ('' when none). */
  otherThemesText: string;
  nextSteps: string;
  introduction: string;
  /** Organisations to list, sorted; confidential ones only for internal use (flagged). */
  organisations: Array<{ name: string; confidential: boolean }>;
  /** Organisations left out because they asked for confidentiality (publication only). */
  organisationsWithheld: number;
  individuals: number;
  /** General notes, in order; the workbook numbers them [note 1], [note 2]… */
  notes: string[];
  issues: string[];
  /** Columns of the per-response rows and of the 0/1 response × theme matrix. */
  rowColumns: RowColumn[];
  matrixColumns: MatrixColumn[];
  /** A fresh pass over the redacted rows each call; `parts` skips the cells or the flags when not needed. */
  rows: (parts?: RowParts) => AsyncGenerator<PreparedRow>;
}

/** The first few words of a quote, to identify it in a message. */
const excerpt = (text: string): string => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57).replace(/\s+\S*$/, '')}…` : t;
};

/** Quotes a publishable export may not include, with the reason (confidentiality first). */
export function quoteProblems(report: Pick<ConsultationReport, 'questions'>): QuoteProblem[] {
  const out: QuoteProblem[] = [];
  for (const q of report.questions) {
    for (const quote of q.quotes) {
      const reason = quote.confidential ? 'confidential' : quote.publishConsent !== true ? 'no-consent' : null;
      if (reason)
        out.push({
          quoteId: quote.id,
          questionId: q.id,
          questionNumber: q.number,
          respondentId: quote.respondentId,
          reason,
          excerpt: excerpt(quote.text),
        });
    }
  }
  return out;
}

function checkInput(report: ConsultationReport): void {
  for (const q of report.questions) {
    for (const quote of q.quotes) {
      if (quote.questionId !== q.id)
        throw new ReportInputError(
          `Quote ${quote.id} is filed under question ${q.number} but belongs to question id ${quote.questionId}.`,
        );
    }
    if (q.tally) {
      if (q.tally.questionId !== q.id)
        throw new ReportInputError(
          `Question ${q.number} carries the counts of another question (${q.tally.questionId}).`,
        );
      if (q.tally.answered !== q.answered || q.tally.notAnswered !== q.notAnswered) {
        throw new ReportInputError(
          `Question ${q.number}: the base (${q.answered} answered, ${q.notAnswered} not) differs from its ` +
            `counts (${q.tally.answered}, ${q.tally.notAnswered}).`,
        );
      }
    } else if (CLOSED_TYPES.has(q.type))
      throw new ReportInputError(`Question ${q.number} is a closed question with no counts.`);
    for (const t of q.themes)
      if (t.count < 0 || !Number.isInteger(t.count))
        throw new ReportInputError(`Question ${q.number}: theme "${t.name}" has an impossible count ${t.count}.`);
  }
}

function themeRows(
  themes: ReadonlyArray<{ id?: string; name: string; description: string; count: number }>,
  base: number,
  redaction: RedactionLevel,
  threshold: number,
): PreparedTheme[] {
  // A theme no answer was coded with says nothing about what respondents said (R-PUB5): not listed.
  const rows = themes
    .filter((t) => t.count > 0)
    .map((t, i): PreparedTheme => {
      const hide = redaction === 'redacted' && !publishable(t.count, threshold);
      const pct = percent0dp(t.count, base);
      return {
        id: t.id ?? `other-${i + 1}`,
        name: t.name,
        description: t.description,
        count: hide ? null : t.count,
        countText: hide ? SUPPRESSED : formatCount(t.count),
        percent: hide ? null : pct,
        percentText: hide ? SUPPRESSED : formatPercent(pct),
      };
    });
  // Most mentioned first; withheld ones after, by name, so their order gives nothing away.
  return rows.sort(
    (a, b) =>
      (a.count === null ? 1 : 0) - (b.count === null ? 1 : 0) ||
      (b.count ?? 0) - (a.count ?? 0) ||
      a.name.localeCompare(b.name, 'en-GB'),
  );
}

/** Published label of every key in a table (merged keys → "Other (aggregated)"). */
function labelsOf(table: CountTable): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of table.rows) for (const k of r.keys) m.set(k, r.merged.length ? OTHER_AGGREGATED : r.label);
  return m;
}

const sum = (rows: readonly CountRow[]): number => rows.reduce((s, r) => s + r.count, 0);

/**
 * The report as it may be shown at this redaction level. Throws QuoteConsentError (publication
 * with a quote it may not publish) or ReportInputError (figures that contradict each other).
 */
export function prepareReport(report: ConsultationReport, options: PrepareOptions): PreparedReport {
  const redaction = options.redaction;
  if (redaction !== 'none' && redaction !== 'redacted')
    throw new ReportInputError(`Unknown redaction level "${String(redaction)}".`);
  const threshold = redaction === 'redacted' ? (options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD) : 0;
  if (!Number.isInteger(threshold) || threshold < (redaction === 'redacted' ? 1 : 0))
    throw new ReportInputError(`The suppression threshold must be a whole number of at least 1 (got ${threshold}).`);
  checkInput(report);
  if (redaction === 'redacted') {
    const problems = quoteProblems(report);
    if (problems.length) throw new QuoteConsentError(problems);
  }

  // Publication: personal data typed into answers and quotes is replaced by markers (R-PUB1), and an
  // organisation that asked for confidentiality is named nowhere (R-PUB4).
  const hiddenOrganisations = redaction === 'redacted' ? confidentialOrganisations(report) : new Set<string>();
  const hiddenNames = [
    ...report.organisations.filter((o) => hiddenOrganisations.has(organisationKey(o.name))).map((o) => o.name),
    ...report.confidentialOrganisations,
  ];
  const scrubText =
    redaction === 'redacted'
      ? personalDataScrubber(report.personalNames, hiddenNames, report.releasedPersonalData)
      : undefined;
  const publishedQuote = (quote: ReportQuote): ReportQuote => {
    if (redaction !== 'redacted') return quote;
    const hidden = !!quote.organisation && hiddenOrganisations.has(organisationKey(quote.organisation));
    return {
      ...quote,
      text: scrubText!(quote.text, { responseId: quote.respondentId, questionId: quote.questionId }),
      ...(hidden ? { attribution: quote.anonymousAttribution ?? 'An organisation' } : {}),
    };
  };
  // The published cross-tabs, kept for disclosure control of the rows (R-PUB3).
  const crossTabsPublished: Parameters<typeof hiddenCrossTabCells>[0][number][] = [];
  const suppressed = (questionId: string, table: CrossTab) => {
    const out = suppressCrossTab(table, threshold);
    crossTabsPublished.push({
      questionId,
      levels: table.rows.map((r) => r.level),
      optionIds: table.columns.map((c) => c.optionId),
      table: out,
    });
    return out;
  };
  const questions: PreparedQuestion[] = report.questions.map((q) => {
    if (redaction === 'redacted' && q.tally?.multiple && !q.encoded)
      throw new ReportInputError(
        `Question ${q.number} is multiple choice: its encoded answers are needed to suppress small numbers.`,
      );
    const table = q.tally ? optionTable(q.tally, redaction, threshold, q.encoded) : null;
    const themes = themeRows(q.themes, q.coded, redaction, threshold);
    const themeNotes = [
      `Percentages are of the ${formatCount(q.coded)} answers coded; an answer can mention several themes, so ` +
        `they may total more than 100.`,
    ];
    if (themes.some((t) => t.count === null)) themeNotes.push(suppressionNote(threshold));
    return {
      id: q.id,
      number: q.number,
      text: q.text,
      type: q.type,
      sectionTitle: q.sectionTitle,
      answered: q.answered,
      notAnswered: q.notAnswered,
      table,
      ranking: q.tally?.ranking ? rankingRows(q.tally, redaction, threshold) : null,
      crossTabs: q.crossTabs.map((c) => prepareCrossTab(c.fieldLabel, suppressed(q.id, c.table))),
      coded: q.coded,
      themes,
      themeNotes,
      quotes: q.quotes.map(publishedQuote),
      governmentResponse: q.governmentResponse,
    };
  });

  const r = report.respondents;
  const campaignRows = r.campaigns.map((c) => ({ label: c.name, count: c.responses }));
  const respondents: PreparedRespondents = {
    received: r.received,
    analysed: r.analysed,
    duplicatesRemoved: r.duplicatesRemoved,
    campaignsCountedSeparately: r.campaignsCountedSeparately,
    campaignResponses: sum(campaignRows),
    campaigns: categoryTable(campaignRows, redaction, threshold, 'campaigns'),
    campaignList: r.campaigns,
    byRespondingAs: categoryTable(r.byRespondingAs, redaction, threshold, 'respondingAs'),
    byType: categoryTable(r.byType, redaction, threshold, 'type'),
    byChannel: categoryTable(r.byChannel, redaction, threshold, 'channel'),
    byRegion: categoryTable(r.byRegion, redaction, threshold, 'region'),
  };

  const orgs = new Map<string, { name: string; confidential: boolean }>();
  for (const o of report.organisations) {
    const name = o.name.replace(/\s+/g, ' ').trim();
    if (!name) continue;
    const key = organisationKey(name);
    const prev = orgs.get(key);
    // The same organisation twice: confidential if either response asked for it (or any other did).
    const confidential = (prev?.confidential ?? false) || o.confidential || hiddenOrganisations.has(key);
    orgs.set(key, { name: prev?.name ?? name, confidential });
  }
  const allOrgs = [...orgs.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }));
  const organisations = redaction === 'redacted' ? allOrgs.filter((o) => !o.confidential) : allOrgs;

  const categoryLabels: RowPlan['categoryLabels'] =
    redaction === 'redacted'
      ? {
          respondingAs: labelsOf(respondents.byRespondingAs),
          type: labelsOf(respondents.byType),
          region: labelsOf(respondents.byRegion),
          channel: labelsOf(respondents.byChannel),
        }
      : {};
  const disclosure =
    redaction === 'redacted' ? rowDisclosure(report, crossTabsPublished, categoryLabels, threshold) : undefined;

  const plan: RowPlan = {
    redaction,
    fields: report.responseFields,
    kept: redaction === 'none' ? (report.keptColumns ?? []) : [],
    questions: report.questions.map((q, i): RowQuestionPlan => {
      const pq = questions[i]!;
      const closed = q.tally !== null;
      const optionLabels = new Map<string, string>(q.options.map((o) => [o.id, o.label]));
      if (redaction === 'redacted' && pq.table && q.tally && !q.tally.ranking)
        for (const [k, v] of labelsOf(pq.table)) optionLabels.set(k, v);
      const themeNames = new Map<string, string>();
      for (const t of q.themes)
        if (redaction === 'none' || publishable(t.count, threshold)) themeNames.set(t.id, t.name);
      return {
        id: q.id,
        number: q.number,
        closed,
        takesText: q.takesText || !closed,
        optionLabels,
        themeNames,
        hasThemes: q.themes.length > 0,
      };
    }),
    categoryLabels,
    ...(scrubText ? { scrubText } : {}),
    ...(hiddenOrganisations.size ? { hiddenOrganisations } : {}),
    ...(disclosure ? { disclosure } : {}),
  };
  const { columns, matrix } = rowColumns(plan);

  const notes = [...report.notes];
  if (redaction === 'redacted') notes.push(suppressionNote(threshold), ...(disclosure?.notes ?? []));

  return {
    redaction,
    threshold,
    banner: redaction === 'none' ? NOT_FOR_PUBLICATION : options.draftBanner ? DRAFT_BANNER : null,
    consultation: report.consultation,
    respondents,
    method: report.method,
    questions,
    otherThemes: themeRows(report.otherThemes, r.analysed, redaction, threshold),
    otherThemesText: report.otherThemesText ?? '',
    nextSteps: report.nextSteps,
    introduction: report.introduction,
    organisations,
    organisationsWithheld: allOrgs.length - organisations.length,
    individuals: report.individuals,
    notes,
    issues: report.issues,
    rowColumns: columns,
    matrixColumns: matrix,
    rows: (parts?: RowParts) => preparedRows(report.rows, plan, matrix, parts),
  };
}

/** R-PUB3 for the rows: answers behind the cross-tabs' withheld cells, and small combinations of details. */
function rowDisclosure(
  report: ConsultationReport,
  crossTabs: Parameters<typeof hiddenCrossTabCells>[0],
  labels: RowPlan['categoryLabels'],
  threshold: number,
): RowDisclosure {
  const hiddenCells = hiddenCrossTabCells(crossTabs);
  const combos = report.rowAttributes
    ? smallCombinations(
        report.rowAttributes,
        { respondingAs: labels.respondingAs, type: labels.type, region: labels.region },
        threshold,
      )
    : { withheld: {}, notes: [] };
  return {
    hiddenCells,
    withheld: combos.withheld,
    notes: [...(hiddenCells.size ? [hiddenAnswersNote(threshold)] : []), ...combos.notes],
  };
}
