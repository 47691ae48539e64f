import type { Db } from '../../core/db/database';
import { answerOptions, type Draft } from '#shared/domain/draft/model';
import type {
  ConsultationReport,
  CountRow,
  ReportCampaign,
  ReportQuestion,
  ReportQuote,
  ReportTheme,
  ResponseFieldDef,
} from '#shared/report/model';
import type { RowAttributes } from '#shared/report/row-disclosure';
import type { ResponseIndex } from '../../analysis/data-cache';
import { responseFieldsFor } from '#shared/report/fields';
import { crossTab, tallyQuestionOf, type EncodedField } from '#shared/analysis/tallies';
import { GENERAL_COMMENTS_ID } from '#shared/domain/responses/store';
import { agreementView, type AgreementItem } from '#shared/coding/agreement-view';
import { channelsOffered } from '#shared/report/channels-offered';
import { officialDescription } from '#shared/analysis/theme-review';
import { analysisQuestions } from '../../analysis/questions';
import { tallyViews, crossField } from '../../analysis/tallies';
import { themeCounts } from '../../analysis/coding';
import { activeCodebook, questionThemes } from '../../analysis/codebook';
import { listQuotes } from '../../analysis/quotes';
import { questionResponseText, readTexts } from '../../analysis/texts';
import { readSettings } from '../../analysis/settings';
import { keptColumns, presentRespondentFields, reportRows, type RowEnv } from './response-rows';
import { releasedFindings } from '../../responses/personal-data-review';

/**
 * The ConsultationReport (shared/report) for this workspace, from the database: who
 * responded (counted responses: duplicates resolved away are left out; confirmed campaigns counted
 * apart or in, as the analysis settings say), the counts for each closed question with a cross-tab
 * by respondent type for agree/disagree and yes/no questions, the theme counts and quotes, the
 * government's response texts, other themes (coded in comments not about one question),
 * organisations with their confidentiality, individuals as a count, the method with agreement from
 * merged coding packages, and the per-response rows streamed from the database in chunks.
 * Redaction and suppression are not applied here: prepareReport does that for every output.
 */
export const NOT_ANSWERED_LABEL = 'Not answered';

/** Counts of a field among included responses, in the field's level order; blanks as "Not answered". */
function fieldCounts(field: EncodedField, include: Uint8Array): CountRow[] {
  const counts = new Array<number>(field.levels.length).fill(0);
  let blank = 0;
  for (let i = 0; i < field.codes.length; i++) {
    if (!include[i]) continue;
    const c = field.codes[i]!;
    if (c < 0) blank++;
    else counts[c]!++;
  }
  const rows = field.levels.map((label, i) => ({ label, count: counts[i]! })).filter((r) => r.count > 0);
  if (blank) rows.push({ label: NOT_ANSWERED_LABEL, count: blank });
  return rows;
}

function method(
  db: Db,
  draft: Draft,
  codableTotal: number,
  coded: { answers: number; themes: number },
): ConsultationReport['method'] {
  const packages = db.all<{ id: string; question_ids: string }>(
    'SELECT id, question_ids FROM coding_package WHERE merged_at IS NOT NULL',
  );
  const texts = readTexts(db);
  let kappa: number | null = null;
  let percentAgreement: number | null = null;
  let doubleCodedShare: number | null = null;
  if (packages.length) {
    // All merged packages pooled: each (package, answer) is one double-coded item.
    const items: AgreementItem[] = [];
    const qIds = new Set<string>();
    for (const p of packages) {
      for (const id of JSON.parse(p.question_ids) as string[]) qIds.add(id);
      for (const r of db.all<{
        response_id: number;
        question_id: string;
        a_themes: string;
        b_themes: string;
        a_coded: number;
        b_coded: number;
      }>('SELECT * FROM package_item WHERE package_id = ?', [p.id])) {
        items.push({
          responseId: r.response_id,
          questionId: r.question_id,
          a: JSON.parse(r.a_themes) as string[],
          b: JSON.parse(r.b_themes) as string[],
          aCoded: r.a_coded === 1,
          bCoded: r.b_coded === 1,
        });
      }
    }
    const qs = analysisQuestions(draft, true).filter((q) => qIds.has(q.id));
    // An answer sampled in two packages counts once (the later package's record).
    const view = agreementView({
      packageId: 'all',
      coderA: '',
      coderB: '',
      questions: qs.map((q) => ({
        id: q.id,
        number: q.number,
        themes: questionThemes(db, q.id).map((t) => ({ id: t.id, name: t.name })),
      })),
      items,
    });
    const double = new Set(items.filter((i) => i.aCoded && i.bCoded).map((i) => `${i.questionId}|${i.responseId}`))
      .size;
    kappa = view.overall.kappa;
    percentAgreement = view.overall.percentAgreement;
    doubleCodedShare = codableTotal ? double / codableTotal : null;
  }
  const coders =
    db.scalar<number>(
      'SELECT count(DISTINCT c.coder) FROM coding c JOIN theme t ON t.id = c.theme_id ' +
        'WHERE c.removed_at IS NULL AND t.archived_at IS NULL',
    ) ?? 0;
  // Answers with a theme the model proposed and a person accepted (counted responses, themes not deleted).
  const accepted = db.get<{ answers: number; batches: number }>(
    'SELECT count(*) AS answers, coalesce(sum(batch), 0) AS batches FROM (SELECT max(c.op_id IS NOT NULL) AS batch ' +
      'FROM coding c JOIN theme t ON t.id = c.theme_id JOIN response r ON r.id = c.response_id ' +
      "WHERE c.source = 'proposal' AND c.coder_set = 'main' AND c.removed_at IS NULL AND t.archived_at IS NULL " +
      "AND r.status = 'active' GROUP BY c.question_id, c.response_id)",
  ) ?? { answers: 0, batches: 0 };
  return {
    ...(accepted.answers
      ? {
          proposals: {
            answers: accepted.answers,
            inBatches: accepted.batches,
            oneByOne: accepted.answers - accepted.batches,
          },
        }
      : {}),
    codeFrameThemes: coded.themes,
    codeFrameDescription: texts.sections.method.text.trim(),
    openAnswers: codableTotal,
    codedAnswers: coded.answers,
    coders,
    doubleCodedShare,
    kappa,
    percentAgreement,
    notes: '',
  };
}

export interface AssembleOptions extends RowEnv {
  /** Campaign responses in or out (default: the analysis settings). */
  campaigns?: 'included' | 'excluded' | undefined;
}

export function assembleReport(db: Db, draft: Draft, opts: AssembleOptions = {}): ConsultationReport {
  // Every detail imported is in the internal rows, asked for by the draft or not; and the export's other columns, as
  // received.
  const fields = responseFieldsFor(draft.aboutYou, presentRespondentFields(db));
  const kept = keptColumns(db);
  const settings = readSettings(db);
  const campaigns = opts.campaigns ?? settings.campaigns;
  const all = analysisQuestions(draft, true);
  const questionsOnly = all.filter((q) => q.question);
  const { index, data, include, respondents, views, encoded } = tallyViews(db, draft, questionsOnly, { campaigns });
  const texts = readTexts(db);
  const quotes = listQuotes(db, draft);
  const typeField = crossField(index, draft, 'respondentType');
  let codableTotal = 0;
  let codedAnswers = 0;
  const themesUsed = new Set<string>();

  const questions: ReportQuestion[] = questionsOnly.map((q, i) => {
    const v = views[i]!;
    const question = q.question!;
    const enc = encoded.get(q.id);
    const hasThemes = q.codable && questionThemes(db, q.id).length > 0;
    const counts = hasThemes ? themeCounts(db, draft, q.id, campaigns, index) : null;
    const descriptions = new Map(activeCodebook(db).themes.map((t) => [t.id, t.description]));
    const themes: ReportTheme[] = counts
      ? counts.themes.map((t) => ({
          id: t.themeId,
          name: t.name,
          // The official's words only: a suggestion's machine-made description is never published as theirs.
          description: officialDescription(descriptions.get(t.themeId) ?? ''),
          count: t.count,
        }))
      : [];
    if (q.codable) {
      codableTotal += data.textual.get(q.id)?.rids.length ?? 0;
      codedAnswers += counts?.coded ?? 0;
      for (const t of themes) if (t.count > 0) themesUsed.add(t.id);
    }
    const qQuotes: ReportQuote[] = quotes
      .filter((x) => x.questionId === q.id)
      .map((x) => ({
        id: String(x.id),
        questionId: q.id,
        respondentId: String(x.responseId),
        text: x.text,
        attribution: x.attribution,
        organisation: x.organisation,
        anonymousAttribution: x.anonymousAttribution,
        confidential: x.confidential,
        publishConsent: x.publishConsent,
        themeIds: x.themeIds,
      }));
    const cross =
      enc && (question.type === 'likert_agree5' || question.type === 'yes_no') && typeField.levels.length > 1
        ? [
            {
              fieldLabel: 'Respondent type',
              table: crossTab(tallyQuestionOf(question), enc, typeField, { include, includeBlankField: false }),
            },
          ]
        : [];
    return {
      id: q.id,
      number: q.number,
      text: q.text,
      type: question.type,
      sectionTitle: q.sectionTitle,
      options: answerOptions(question),
      takesText: q.codable,
      answered: v.answered,
      notAnswered: v.notAnswered,
      tally: v.tally,
      ...(enc && question.type === 'multi_choice' ? { encoded: { answers: enc, include } } : {}),
      crossTabs: cross,
      coded: counts?.coded ?? 0,
      themes,
      quotes: qQuotes,
      governmentResponse: questionResponseText(texts, q.id),
    };
  });

  // Other themes: what people raised in comments not about any one question.
  const general = all.find((q) => q.id === GENERAL_COMMENTS_ID);
  const otherThemes =
    general && data.textual.has(GENERAL_COMMENTS_ID)
      ? themeCounts(db, draft, GENERAL_COMMENTS_ID, campaigns, index)
          .themes.filter((t) => t.count > 0)
          .map((t) => ({
            name: t.name,
            description: activeCodebook(db).themes.find((x) => x.id === t.themeId)?.description ?? '',
            count: t.count,
          }))
      : [];

  // Respondents.
  const campaignRows = db.all<{ id: number; label: string; n: number }>(
    'SELECT c.id, c.label, count(DISTINCT m.response_id) AS n FROM campaign c JOIN campaign_member m ON ' +
      'm.campaign_id = c.id AND m.removed_at IS NULL JOIN response r ON r.id = m.response_id AND r.status = ' +
      "'active' WHERE c.status = 'confirmed' GROUP BY c.id ORDER BY n DESC, c.id",
  );
  const campaignList: ReportCampaign[] = campaignRows.map((c, k) => ({
    id: `campaign-${c.id}`,
    name: c.label.trim() || `Campaign ${String.fromCharCode(65 + (k % 26))}`,
    organiser: '',
    responses: c.n,
  }));
  const organisations = new Map<string, boolean>();
  const confidentialOrganisations = new Set<string>();
  let individuals = 0;
  const orgField = index.fields.organisation;
  for (let i = 0; i < index.ids.length; i++) {
    const code = index.organisation[i] ? orgField.codes[i]! : -1;
    if (code >= 0 && index.confidential[i] === 1) confidentialOrganisations.add(orgField.levels[code]!);
    if (!include[i]) continue;
    if (!index.organisation[i]) {
      individuals++;
      continue;
    }
    const c = orgField.codes[i]!;
    if (c < 0) continue;
    const name = orgField.levels[c]!;
    organisations.set(name, (organisations.get(name) ?? false) || index.confidential[i] === 1);
  }
  const channelField = crossField(index, draft, 'channel');
  const m = draft.metadata;
  const title = db.scalar<string>('SELECT title FROM consultation WHERE id = 1') ?? m.title;
  const notes = [
    'Respondents could answer as many or as few questions as they wished, so each question has its own base.',
  ];
  if (campaigns === 'excluded' && campaignList.length)
    notes.unshift('Figures for each question exclude campaign responses, which are counted separately.');
  if (index.duplicatesRemoved)
    notes.push('Responses identified as duplicates of another response from the same person are not counted.');
  const issues = texts.sections.issues.text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);
  return {
    consultation: {
      title,
      department: m.department,
      leadTeam: m.leadTeam,
      opensAt: m.opensAt,
      closesAt: m.closesAt,
      url: m.responsePaper.url,
      responseDue: m.responsePaper.dueDate,
      channels: channelsOffered(m),
    },
    respondents: {
      received: db.scalar<number>('SELECT count(*) FROM response') ?? 0,
      analysed: respondents,
      duplicatesRemoved: index.duplicatesRemoved,
      campaigns: campaignList,
      campaignsCountedSeparately: campaigns === 'excluded',
      byRespondingAs: fieldCounts(crossField(index, draft, 'respondingAs'), include),
      byType: fieldCounts(typeField, include),
      byChannel: fieldCounts(channelField, include),
      byRegion: fieldCounts(crossField(index, draft, 'region'), include),
    },
    method: method(db, draft, codableTotal, { answers: codedAnswers, themes: themesUsed.size }),
    questions,
    otherThemes,
    otherThemesText: texts.sections['other-themes'].text.trim(),
    nextSteps: texts.sections['next-steps'].text.trim(),
    introduction: texts.sections.introduction.text.trim(),
    organisations: [...organisations].map(([name, confidential]) => ({
      name,
      confidential: confidential || confidentialOrganisations.has(name),
    })),
    confidentialOrganisations: [...confidentialOrganisations],
    individuals,
    notes,
    issues,
    responseFields: fields,
    personalNames: db
      .all<{ name: string }>("SELECT DISTINCT name FROM respondent WHERE name IS NOT NULL AND trim(name) <> ''")
      .map((r) => r.name),
    releasedPersonalData: releasedFindings(db),
    rowAttributes: rowAttributes(index, fields),
    keptColumns: kept.headers,
    rows: reportRows(db, draft, index, opts, { fields, kept: kept.position }),
  };
}

/**
 * The grouped details the published rows show (those the draft asks), encoded per counted response:
 * what the rows' disclosure control counts combinations over (shared/report/row-disclosure.ts).
 */
function rowAttributes(index: ResponseIndex, fields: readonly ResponseFieldDef[]): RowAttributes {
  const shown = new Set(fields.filter((f) => !f.personal && !f.internalOnly && f.groupedAs).map((f) => f.groupedAs));
  const out: RowAttributes = { ids: index.ids, fields: {} };
  if (shown.has('respondingAs')) out.fields.respondingAs = index.fields.respondingAs;
  if (shown.has('type')) out.fields.type = index.fields.respondentType;
  if (shown.has('region')) out.fields.region = index.fields.region;
  return out;
}
