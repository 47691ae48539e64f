import { TERRITORIAL_LABELS, type Draft } from '#shared/domain/draft/model';
import { linkify, safeHref, type OutBlock, type Run } from './blocks';
import { durationText, formatDateTime, formatIsoDate, instant } from './dates';

/**
 * The "About this consultation" box (consultation-standard §3.1 MoJ layout and §3.2 R-BOX) as
 * rows of label and content. Nothing is left blank: a missing value reads "To be confirmed", so
 * the published table has no empty cells and the gap is obvious to the author.
 */
export const TO_BE_CONFIRMED = 'To be confirmed';

export interface AboutRow {
  label: string;
  value: OutBlock[];
}

const p = (runs: Run[]): OutBlock => ({ type: 'paragraph', runs });
const text = (s: string): OutBlock[] => {
  const parts = s
    .split(/\n\s*\n/)
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length ? parts.map((x) => p(linkify(x))) : [p([{ text: TO_BE_CONFIRMED }])];
};

/** A web address as printed: no scheme, no trailing slash. */
export const displayUrl = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');

export function emailRun(email: string): Run {
  return { text: email, href: `mailto:${email}` };
}

/** "Online: the online survey (consult.example.gov.uk/x)" — descriptive link text, and the address for print. */
export function onlineRuns(url: string, label: string): Run[] {
  const href = safeHref(url);
  if (!href) return [{ text: url }];
  return [{ text: label, href }, { text: ` (${displayUrl(url)})` }];
}

/** The ways to respond, one paragraph each (used in the box and the generated "How to respond"). */
export function waysToRespond(draft: Draft): OutBlock[] {
  const w = draft.metadata.waysToRespond;
  const out: OutBlock[] = [];
  if (w.onlineUrl.trim())
    out.push(p([{ text: 'Online: ' }, ...onlineRuns(w.onlineUrl.trim(), 'respond using the online survey')]));
  if (w.email.trim())
    out.push(
      p([
        { text: 'By email: ' },
        emailRun(w.email.trim()),
        ...(w.responseForm ? [{ text: ' (you can use the response form)' }] : []),
      ]),
    );
  if (w.postalAddress.trim()) out.push(p([{ text: `By post: ${w.postalAddress.trim()}` }]));
  if (w.responseForm && !w.email.trim())
    out.push(p([{ text: 'Using the response form published with this consultation.' }]));
  return out;
}

export function aboutRows(draft: Draft): AboutRow[] {
  const m = draft.metadata;
  const rows: AboutRow[] = [];
  const from = [m.department, m.leadTeam].map((s) => s.trim()).filter(Boolean);
  rows.push({ label: 'From', value: text(from.join(', ')) });
  rows.push({ label: 'To', value: text(m.audience) });

  const opens = instant(m.opensAt);
  const closes = instant(m.closesAt);
  rows.push({
    label: 'Duration',
    value:
      opens && closes
        ? [
            p([
              {
                text:
                  `${durationText(opens, closes)}, from ${formatDateTime(opens)} to ${formatDateTime(closes)} (UK ` +
                  `time).`,
              },
            ]),
          ]
        : opens
          ? [p([{ text: `From ${formatDateTime(opens)} (UK time). Closing date ${TO_BE_CONFIRMED.toLowerCase()}.` }])]
          : closes
            ? [p([{ text: `Closes at ${formatDateTime(closes)} (UK time).` }])]
            : text(''),
  });

  const e = m.enquiries;
  const enquiries: OutBlock[] = [];
  if (e.email.trim()) enquiries.push(p([{ text: 'Email: ' }, emailRun(e.email.trim())]));
  if (e.phone.trim()) enquiries.push(p([{ text: `Telephone: ${e.phone.trim()}` }]));
  if (e.address.trim()) enquiries.push(p([{ text: `Post: ${e.address.trim()}` }]));
  if (e.alternativeFormats.trim()) enquiries.push(...text(e.alternativeFormats));
  rows.push({
    label: 'Enquiries (including requests for the paper in an alternative format) to',
    value: enquiries.length ? enquiries : text(''),
  });

  const ways = waysToRespond(draft);
  if (closes) ways.push(p([{ text: `Please respond by ${formatDateTime(closes)}.` }]));
  rows.push({ label: 'How to respond', value: ways.length ? ways : text('') });

  rows.push({ label: 'Additional ways to take part', value: text(m.additionalWays) });

  const paper: Run[] = [];
  if (m.responsePaper.dueDate)
    paper.push({ text: `We will publish the government response by ${formatIsoDate(m.responsePaper.dueDate)}` });
  else paper.push({ text: `We will publish the government response within 12 weeks of the consultation closing` });
  if (m.responsePaper.url.trim() && safeHref(m.responsePaper.url.trim()))
    paper.push({ text: ' on ' }, ...onlineRuns(m.responsePaper.url.trim(), 'the consultation page'));
  paper.push({ text: '.' });
  rows.push({ label: 'Response paper', value: [p(paper)] });

  const ia = m.impactAssessment;
  const iaStatus = {
    attached: 'Published with this consultation.',
    'not-needed': 'Not needed for these proposals.',
    'to-follow': 'To be published later.',
    unknown: `${TO_BE_CONFIRMED}.`,
  }[ia.status];
  rows.push({ label: 'Impact assessment', value: [p([{ text: iaStatus }]), ...(ia.note.trim() ? text(ia.note) : [])] });

  const extent = m.territorialExtent ? TERRITORIAL_LABELS[m.territorialExtent] : '';
  rows.push({
    label: 'Territorial extent',
    value: text([extent, m.territorialNote.trim()].filter(Boolean).join('. ')),
  });

  const versions: string[] = [];
  if (m.welshVersion) versions.push('This consultation is also available in Welsh.');
  if (m.easyReadVersion) versions.push('An Easy Read version is available.');
  if (versions.length) rows.push({ label: 'Other versions', value: versions.map((v) => p([{ text: v }])) });

  rows.push({ label: 'Compliance with the Consultation Principles', value: text(m.complianceStatement) });
  return rows;
}

/** The box as a table: a header row, then label and content; no merged cells. */
export function aboutTable(draft: Draft): OutBlock {
  return {
    type: 'table',
    rowHeaders: true,
    columnWidths: [30, 70],
    rows: [
      [[p([{ text: 'Topic' }])], [p([{ text: 'Details' }])]],
      ...aboutRows(draft).map((r) => [[p([{ text: r.label, bold: true }])], r.value]),
    ],
  };
}
