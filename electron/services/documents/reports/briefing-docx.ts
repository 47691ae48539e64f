import { textWidth } from '#shared/analysis/charts';
import { formatCount, type ConsultationReport, type PreparedQuestion, type PreparedReport } from '#shared/report/index';
import { percent0dp } from '#shared/analysis/tallies';
import { anchorFactory, para, type OutBlock, type Run } from '../consultation/document/blocks';
import { formatDate } from '../consultation/document/dates';
import { renderReportDocx, type ReportPart } from './report-docx';
import { prepareForOutput, type ReportContext } from './report-context';
import { listText, periodText, sectionsInOrder } from './report-text';

/**
 * The ministerial briefing (.docx): two A4 pages at most — headline numbers, who responded, the
 * main themes for each proposal and issues to note — in the same accessible styles as the other
 * documents. To stay within two pages whatever the consultation's size, the content is measured
 * (Arial metrics, the page's line spacing) and cut back step by step: fewer headline questions,
 * fewer themes per proposal, then only the first proposals with a pointer to the full response.
 */
export const BRIEFING_HEADINGS = {
  headline: 'Headline numbers',
  who: 'Who responded',
  themes: 'Main themes by proposal',
  issues: 'Issues to note',
} as const;

/** Usable height of two A4 pages with 2.54 cm margins, in points, less a margin for error. */
const BUDGET_PT = 2 * 698 * 0.86;
const TEXT_WIDTH_PT = 451;

interface Limits {
  questions: number;
  themes: number;
  sections: number;
  issues: number;
}

const LIMITS: Limits[] = [
  { questions: 8, themes: 3, sections: 99, issues: 6 },
  { questions: 6, themes: 3, sections: 99, issues: 5 },
  { questions: 5, themes: 2, sections: 99, issues: 5 },
  { questions: 4, themes: 2, sections: 8, issues: 4 },
  { questions: 3, themes: 1, sections: 6, issues: 3 },
  { questions: 2, themes: 1, sections: 4, issues: 3 },
  { questions: 1, themes: 1, sections: 2, issues: 2 },
];

export async function buildBriefingDocx(report: ConsultationReport, ctx: ReportContext): Promise<Uint8Array> {
  const { prepared, now } = prepareForOutput(report, ctx);
  const parts = briefingParts(prepared, now);
  const c = prepared.consultation;
  return renderReportDocx(parts, {
    title: `Briefing: responses to the consultation “${c.title.trim() || 'Consultation'}”`,
    subject: 'Ministerial briefing on the responses to a consultation',
    creator: c.department.trim() || 'Consultation Workbench',
    description: prepared.banner ?? 'Ministerial briefing',
    now,
    banner: prepared.banner,
    headingPageBreaks: false,
    contentsPageNumbers: false,
  });
}

export function briefingParts(p: PreparedReport, now: Date): ReportPart[] {
  for (const limits of LIMITS) {
    const parts = compose(p, now, limits);
    if (estimateHeight(parts) <= BUDGET_PT) return parts;
  }
  return compose(p, now, LIMITS[LIMITS.length - 1]!);
}

/** The sentence for a closed question's result, from the published rows (null if it cannot be said). */
export function headline(q: PreparedQuestion): string | null {
  const t = q.table;
  if (!t || !t.base) return null;
  const pct = (keys: string[]): string | null => {
    const rows = t.rows.filter((r) => r.keys.some((k) => keys.includes(k)));
    if (!rows.length || rows.some((r) => r.count === null || r.keys.some((k) => !keys.includes(k)))) return null;
    const v = percent0dp(
      rows.reduce((s, r) => s + (r.count ?? 0), 0),
      t.base,
    );
    return v === null ? null : `${v}%`;
  };
  const base = `base ${formatCount(t.base)}`;
  if (q.type === 'likert_agree5') {
    const agree = pct(['likert-strongly-agree', 'likert-agree']);
    const disagree = pct(['likert-disagree', 'likert-strongly-disagree']);
    if (agree && disagree) return `${agree} agreed and ${disagree} disagreed (${base}).`;
  }
  if (q.type === 'yes_no') {
    const yes = pct(['yes']);
    const no = pct(['no']);
    if (yes && no) return `${yes} said yes and ${no} said no (${base}).`;
  }
  const top = [...t.rows]
    .filter((r) => r.count !== null && !r.merged.length)
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0))[0];
  if (!top || top.count === null) return null;
  if (q.ranking) return `“${top.label}” was ranked first most often, by ${top.percentText} (${base}).`;
  return `The most common answer was “${top.label}”, chosen by ${top.percentText} (${base}).`;
}

function compose(p: PreparedReport, now: Date, limits: Limits): ReportPart[] {
  const anchor = anchorFactory();
  const h = (level: 1 | 2, text: string): OutBlock => ({ type: 'heading', level, text, anchor: anchor(text) });
  const bullets = (items: Run[][]): OutBlock => ({
    type: 'list',
    ordered: false,
    items: items.map((runs) => [{ type: 'paragraph', runs }]),
  });
  const c = p.consultation;
  const r = p.respondents;
  const out: ReportPart[] = [];
  out.push({ type: 'title', text: 'Consultation responses: briefing' });
  out.push(para(c.title.trim() || 'Consultation', 'subtitle'));
  if (p.banner) out.push({ type: 'banner', text: p.banner });
  const period = periodText(p);
  out.push(
    para(
      `${[c.leadTeam.trim(), c.department.trim()].filter(Boolean).join(', ') || 'The consultation team'}. ` +
        (period ? `The consultation ran ${period}. ` : '') +
        `Prepared on ${formatDate(now)}.`,
    ),
  );

  out.push(h(1, BRIEFING_HEADINGS.headline));
  const lines: Run[][] = [
    [
      { text: `${formatCount(r.received)} responses`, bold: true },
      { text: ` received; ${formatCount(r.analysed)} analysed.` },
    ],
  ];
  if (r.campaignResponses)
    lines.push([
      { text: `${formatCount(r.campaignResponses)} campaign responses`, bold: true },
      {
        text:
          ` from ${r.campaignList.length === 1 ? '1 campaign' : `${r.campaignList.length} campaigns`}` +
          (r.campaignsCountedSeparately ? ', counted separately' : '') +
          '.',
      },
    ]);
  const withHeadline = p.questions
    .map((q) => [q, headline(q)] as const)
    .filter((x): x is readonly [PreparedQuestion, string] => x[1] !== null);
  for (const [q, text] of withHeadline.slice(0, limits.questions))
    lines.push([{ text: `Question ${q.number}: `, bold: true }, { text: `${shortQuestion(q.text)} ${text}` }]);
  out.push(bullets(lines));

  out.push(h(1, BRIEFING_HEADINGS.who));
  out.push(para(whoResponded(p)));

  out.push(h(1, BRIEFING_HEADINGS.themes));
  const sections = sectionsInOrder(p.questions).filter(([, qs]) =>
    qs.some((q) => q.themes.some((t) => t.count !== null)),
  );
  // Said as it is (R-PUB5): nothing coded, or coded but every theme's figure withheld as too small.
  if (!sections.length)
    out.push(
      para(
        p.method.codedAnswers > 0
          ? `No theme was mentioned by ${p.threshold} or more respondents, so none is listed.`
          : 'No open answers were coded.',
      ),
    );
  const items: Run[][] = [];
  for (const [title, qs] of sections.slice(0, limits.sections)) {
    const totals = new Map<string, number>();
    for (const q of qs)
      for (const t of q.themes) if (t.count !== null) totals.set(t.name, (totals.get(t.name) ?? 0) + t.count);
    const top = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limits.themes);
    items.push([
      { text: `${title}: `, bold: true },
      { text: `${listText(top.map(([name, n]) => `${lowerFirst(name)} (${formatCount(n)} answers)`))}.` },
    ]);
  }
  if (items.length) out.push(bullets(items));
  if (sections.length > limits.sections)
    out.push(
      para(`The themes for the other ${sections.length - limits.sections} proposals are in the government response.`),
    );

  out.push(h(1, BRIEFING_HEADINGS.issues));
  const issues = [...p.issues];
  if (c.responseDue && now.getTime() > new Date(`${c.responseDue}T23:59:59Z`).getTime())
    issues.unshift(
      `The response is due by ${formatDate(new Date(`${c.responseDue}T12:00:00Z`))}, 12 weeks after the ` +
        `consultation closed: it is now late.`,
    );
  if (p.organisationsWithheld)
    issues.push(
      `${formatCount(p.organisationsWithheld)} ` +
        `${p.organisationsWithheld === 1 ? 'organisation asked' : 'organisations asked'} ` +
        `for confidentiality and will not be named.`,
    );
  out.push(issues.length ? bullets(issues.slice(0, limits.issues).map((t) => [{ text: t }])) : para('None.'));
  return out;
}

function whoResponded(p: PreparedReport): string {
  const r = p.respondents;
  const parts: string[] = [];
  const as = r.byRespondingAs.rows.filter((x) => x.count !== null && !x.merged.length).slice(0, 2);
  if (as.length)
    parts.push(
      `${listText(as.map((x) => `${x.percentText} responded ${lowerFirst(x.label.replace(/^As /, 'as '))}`))}.`,
    );
  const types = r.byType.rows
    .filter((x) => x.count !== null && !x.merged.length)
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0))
    .slice(0, 3);
  if (types.length)
    parts.push(
      `By type, the largest groups were: ${listText(types.map((x) => `${lowerFirst(x.label)} (${x.percentText})`))}.`,
    );
  if (p.organisations.length)
    parts.push(
      `${formatCount(p.organisations.length + p.organisationsWithheld)} organisations responded, ` +
        `including ${listText(p.organisations.slice(0, 3).map((o) => o.name))}.`,
    );
  return parts.join(' ') || `${formatCount(r.received)} responses were received.`;
}

/** Lower-case the first letter unless the word is an acronym or a name-like capitalised pair ("NHS body"). */
const lowerFirst = (s: string): string => (/^[A-Z]{2}/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** A question short enough for a bullet: its first 12 words. */
function shortQuestion(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length <= 14 ? text.trim() : `${words.slice(0, 12).join(' ')}…`;
}

/** Height of the parts in points, as Word lays them out with the report styles. */
function estimateHeight(parts: ReportPart[]): number {
  const linesOf = (text: string, size: number, indent = 0) =>
    Math.max(1, Math.ceil(textWidth(text, size) / (TEXT_WIDTH_PT - indent)));
  let h = 0;
  for (const b of parts) {
    if (b.type === 'title') h += linesOf(b.text, 28) * 34 + 30;
    else if (b.type === 'heading')
      h += linesOf(b.text, b.level === 1 ? 20 : 16) * (b.level === 1 ? 25 : 20) + (b.level === 1 ? 24 : 28);
    else if (b.type === 'paragraph') {
      const size = b.role === 'subtitle' ? 16 : b.role === 'lead' ? 14 : 12;
      h += linesOf(b.runs.map((x) => x.text).join(''), size) * size * 1.25 + 12;
    } else if (b.type === 'list')
      for (const item of b.items)
        for (const x of item)
          h += x.type === 'paragraph' ? linesOf(x.runs.map((y) => y.text).join(''), 12, 18) * 15 + 6 : 0;
    else if (b.type === 'banner') h += linesOf(b.text, 14) * 18 + 24;
    else h += 30;
  }
  return h;
}
