import { countRowsChartData } from '#shared/analysis/charts';
import type { ConsultationReport, PreparedQuestion, PreparedReport } from '#shared/report/index';
import { formatCount } from '#shared/report/index';
import { anchorFactory, para, paras, type OutBlock } from '../consultation/document/blocks';
import { formatDate } from '../consultation/document/dates';
import { countParts, renderReportDocx, type ReportPart } from './report-docx';
import {
  chartBlock,
  countTableBlock,
  crossTabBlocks,
  notesBlocks,
  Numbering,
  rankingTableBlock,
  themeTableBlock,
} from './figures';
import { methodParagraphs, introParagraphs, respondentsSummary, sectionsInOrder, withheldNote } from './report-text';
import { prepareForOutput, type ReportContext } from './report-context';

/**
 * The government response / summary of responses (.docx), in the order of consultation-standard
 * §4: introduction (dates, channels, number of responses); who responded (by how they responded,
 * type, channel and region, campaigns apart); how the responses were analysed; then per proposal
 * and per question the question, its base, a chart and a table of the counts, a cross-tab by
 * respondent type where given, the themes (chart, table, descriptions), anonymised quotes and the
 * government's response; other themes; next steps; Annex A, the organisations that responded
 * (confidential ones left out of a publishable document, individuals as a count only); Annex B,
 * notes on the figures.
 */
export const GOVERNMENT_RESPONSE_HEADINGS = {
  introduction: 'Introduction',
  respondents: 'Who responded',
  method: 'How we analysed the responses',
  otherThemes: 'Other themes raised',
  nextSteps: 'Next steps',
  annexA: 'Annex A: organisations that responded',
  annexB: 'Annex B: notes on the figures',
} as const;

/** Above this many blocks the contents' page numbers are left for Word to fill in (laying out takes seconds). */
const LAYOUT_MAX_BLOCKS = 1000;
/** Themes drawn in a question's chart; the table lists them all. */
const CHART_THEMES = 10;

export interface GovernmentResponseOptions {
  /**
   * Page numbers in the contents, laid out as Word would (docx/layout) so viewers that never
   * update fields show them too; Word recalculates them on opening either way. 'auto' (default)
   * does it for documents of up to about 25 pages, where it takes about a second.
   */
  contentsPageNumbers?: 'auto' | 'always' | 'never';
}

export async function buildGovernmentResponseDocx(
  report: ConsultationReport,
  ctx: ReportContext,
  options: GovernmentResponseOptions = {},
): Promise<Uint8Array> {
  const { prepared, now } = prepareForOutput(report, ctx);
  const parts = governmentResponseParts(prepared, now);
  const c = prepared.consultation;
  const title = `${c.title.trim() || 'Consultation'}: government response`;
  return renderReportDocx(parts, {
    title,
    subject: `Summary of responses to the consultation “${c.title.trim()}” and the government’s response`,
    creator: c.department.trim() || 'Consultation Workbench',
    description: prepared.banner ?? 'Government response to a consultation',
    now,
    banner: prepared.banner,
    headingPageBreaks: true,
    contentsPageNumbers:
      options.contentsPageNumbers === 'always' ||
      ((options.contentsPageNumbers ?? 'auto') === 'auto' && countParts(parts) <= LAYOUT_MAX_BLOCKS),
  });
}

export function governmentResponseParts(p: PreparedReport, now: Date): ReportPart[] {
  const H = GOVERNMENT_RESPONSE_HEADINGS;
  const anchor = anchorFactory();
  const h = (level: 1 | 2 | 3, text: string): OutBlock => ({ type: 'heading', level, text, anchor: anchor(text) });
  const n = new Numbering();
  const c = p.consultation;
  const out: ReportPart[] = [];

  out.push({ type: 'title', text: c.title.trim() || 'Consultation' });
  out.push(para('Government response', 'subtitle'));
  out.push(para('Summary of responses to the consultation and the government’s response.', 'lead'));
  if (p.banner) out.push({ type: 'banner', text: p.banner });
  if (c.department.trim()) out.push(para(c.department.trim()));
  out.push(para(`Published ${formatDate(now)}`));
  // Sections and the questions under them: a reader looks for a question, and Word's contents is the way in.
  out.push({ type: 'toc', title: 'Contents', levels: 2 });

  out.push(h(1, H.introduction), ...introParagraphs(p, now).map((t) => para(t)), ...paras(p.introduction));

  // Who responded.
  out.push(h(1, H.respondents), ...respondentsSummary(p).map((t) => para(t)));
  const r = p.respondents;
  const groups: Array<[string, string, typeof r.byType]> = [
    ['Respondents by how they responded', 'Responding as', r.byRespondingAs],
    ['Respondents by type', 'Respondent type', r.byType],
    ['Responses by channel', 'Channel', r.byChannel],
    ['Respondents by nation or region', 'Nation or region', r.byRegion],
  ];
  for (const [title, first, table] of groups) {
    if (!table.rows.length) continue;
    const t = n.table(title);
    out.push(t.block, countTableBlock(first, table, { countHeader: 'Number of responses' }));
  }
  if (r.campaignList.length) {
    out.push(h(2, 'Campaign responses'));
    out.push(
      para(
        `${formatCount(r.campaignResponses)} responses came from ` +
          `${r.campaignList.length === 1 ? '1 organised campaign' : `${r.campaignList.length} organised campaigns`}: ` +
          `copies or near-copies of a suggested text. ` +
          (r.campaignsCountedSeparately
            ? 'They are counted here, apart from the other responses, and are not in the figures for each question. ' +
              'Anything a campaign response added to the suggested text was read and coded like any other response.'
            : 'They are included in the figures for each question.'),
      ),
    );
    const t = n.table('Campaign responses');
    out.push(t.block, countTableBlock('Campaign', r.campaigns, { countHeader: 'Number of responses' }));
  }
  out.push(...notesBlocks(r.byType.notes));

  out.push(h(1, H.method), ...methodParagraphs(p).map((t) => para(t)), ...paras(p.method.notes));

  // The questions, under the proposal or section they were asked in.
  for (const [section, questions] of sectionsInOrder(p.questions)) {
    out.push(h(1, section));
    for (const q of questions) out.push(...questionParts(q, p, n, h));
  }

  const shown = p.otherThemes;
  // Only what was done is said (R-PUB5): with nothing coded and nothing written, the section is left out.
  if (shown.length || p.otherThemesText.trim() || p.method.codedAnswers > 0)
    out.push(h(1, H.otherThemes), ...paras(p.otherThemesText));
  if (shown.length) {
    out.push(para('Respondents also raised these themes, which no question asked about directly.'));
    const t = n.table('Other themes raised');
    out.push(t.block, themeTableBlock(shown, 'responses'));
    out.push(...descriptionList(shown));
    if (shown.some((x) => x.count === null)) out.push({ type: 'note', text: withheldNote(p.threshold) });
  } else if (!p.otherThemesText.trim() && p.method.codedAnswers > 0)
    out.push(para('We coded no themes beyond those the questions asked about.'));

  out.push(
    h(1, H.nextSteps),
    ...(p.nextSteps.trim() ? paras(p.nextSteps) : [para('The government will set out its next steps in due course.')]),
  );

  out.push(h(1, H.annexA));
  const listed = p.organisations;
  const intro: string[] = [];
  intro.push(
    listed.length
      ? `These ${listed.length === 1 ? 'organisation' : `${formatCount(listed.length)} organisations`} responded ` +
          `to the consultation.`
      : 'No organisations can be listed.',
  );
  if (p.organisationsWithheld)
    intro.push(
      `${formatCount(p.organisationsWithheld)} ${p.organisationsWithheld === 1 ? 'organisation' : 'organisations'} ` +
        `asked for their response to be confidential and ${p.organisationsWithheld === 1 ? 'is' : 'are'} not ` +
        `listed.`,
    );
  intro.push(
    `${formatCount(p.individuals)} ${p.individuals === 1 ? 'individual' : 'individuals'} also responded; ` +
      `individuals are not named.`,
  );
  out.push(para(intro.join(' ')));
  if (listed.length) {
    out.push({
      type: 'list',
      ordered: false,
      items: listed.map((o) => [para(o.confidential ? `${o.name} (asked for confidentiality)` : o.name)]),
    });
  }

  const notes = [...new Set(p.notes)];
  if (notes.length) {
    out.push(h(1, H.annexB));
    out.push({ type: 'list', ordered: true, items: notes.map((x) => [para(x)]) });
  }
  return out;
}

function descriptionList(themes: ReadonlyArray<{ name: string; description: string }>): OutBlock[] {
  const withText = themes.filter((t) => t.description.trim());
  if (!withText.length) return [];
  return [
    {
      type: 'list',
      ordered: false,
      items: withText.map((t) => [
        { type: 'paragraph', runs: [{ text: `${t.name}: `, bold: true }, { text: t.description.trim() }] },
      ]),
    },
  ];
}

function questionParts(
  q: PreparedQuestion,
  p: PreparedReport,
  n: Numbering,
  h: (level: 1 | 2 | 3, text: string) => OutBlock,
): ReportPart[] {
  const out: ReportPart[] = [];
  const label = `question ${q.number}`;
  out.push(h(2, `Question ${q.number}: ${q.text.trim()}`));
  out.push(
    para(
      `${formatCount(q.answered)} ${q.answered === 1 ? 'respondent' : 'respondents'} answered this question ` +
        `and ${formatCount(q.notAnswered)} did not.`,
    ),
  );
  const withheld = withheldNote(p.threshold);
  if (q.table) {
    const ranking = q.ranking !== null;
    const title = ranking
      ? `Option ranked first, ${label} (base: ${formatCount(q.table.base)})`
      : `Responses to ${label} (base: ${formatCount(q.table.base)})`;
    const f = n.figure(title);
    const chart = chartBlock(
      `q-${q.id}`,
      title,
      ranking
        ? 'Number of respondents ranking each option first, and percentage of those answering'
        : 'Number of respondents choosing each answer, and percentage of those answering',
      countRowsChartData(q.table.rows),
      withheld,
    );
    if (chart) out.push(f.block, chart);
    const t = n.table(title);
    out.push(t.block, countTableBlock(ranking ? 'Option ranked first' : 'Answer', q.table));
    if (q.ranking) {
      const t2 = n.table(`Mean rank of each option, ${label}`);
      out.push(t2.block, rankingTableBlock(q.ranking));
    }
    out.push(...notesBlocks(q.table.notes));
    for (const ct of q.crossTabs) {
      const pieces = crossTabBlocks(ct);
      pieces.forEach((piece, i) => {
        const part = pieces.length > 1 ? ` (${i + 1} of ${pieces.length}: ${piece.options.join(', ')})` : '';
        const t3 = n.table(
          `Responses to ${label} by ${ct.fieldLabel.toLowerCase()}, percentage of each group answering${part}`,
        );
        out.push(t3.block, piece.table);
      });
      out.push({
        type: 'note',
        text:
          'Base is the number of respondents in the group who answered the question.' +
          (ct.withheld ? ` ${withheld}` : ''),
      });
    }
  }
  if (q.themes.length) {
    out.push(h(3, 'Themes'));
    out.push(
      para(
        `We coded ${formatCount(q.coded)} ${q.coded === 1 ? 'answer' : 'answers'} to this question against the ` +
          `code frame. The themes raised most often were:`,
      ),
    );
    const drawn = q.themes.filter((t) => t.count !== null).slice(0, CHART_THEMES);
    const title = `Themes in answers to ${label} (base: ${formatCount(q.coded)} coded answers)`;
    const chart = chartBlock(
      `t-${q.id}`,
      title,
      'Number of coded answers mentioning each theme, and percentage of coded answers',
      drawn.map((t) => ({ label: t.name, value: t.count, valueText: t.countText, percentText: t.percentText })),
    );
    if (chart) {
      const f = n.figure(
        drawn.length < q.themes.filter((t) => t.count !== null).length
          ? `${title}, the ${drawn.length} most mentioned`
          : title,
      );
      out.push(f.block, chart);
    }
    const t = n.table(title);
    out.push(t.block, themeTableBlock(q.themes, 'coded answers'));
    out.push(...notesBlocks(q.themeNotes));
    out.push(...descriptionList(q.themes));
  }
  if (q.quotes.length) {
    out.push(h(3, 'What respondents told us'));
    for (const quote of q.quotes) out.push({ type: 'quote', text: quote.text, attribution: quote.attribution });
  }
  out.push(h(3, 'Government response'));
  out.push(
    ...(q.governmentResponse.trim()
      ? paras(q.governmentResponse)
      : [para('The government’s response to this question is to follow.')]),
  );
  return out;
}
