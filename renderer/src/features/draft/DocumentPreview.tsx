import type { Draft, Question } from '#shared/domain/draft/model';
import { answerOptions, orderedQuestions, questionNumbers, TERRITORIAL_LABELS } from '#shared/domain/draft/model';
import { formatDate, formatDateTime } from '#shared/domain/govuk-dates';
import { RichDocView } from './RichDocView';
import { Table, Row, Cell, RowHeader } from '../../components/Table';
import { SummaryList } from '../../components/SummaryList';

/**
 * A print-like preview, in the order and wording of the Word document: cover, contents,
 * sections with their questions, the "About this consultation" box, and annexes A to C.
 * The page's own h1 is above it, so document headings start at h2.
 */
function QuestionBlock({ q, n }: { q: Question; n: string }) {
  const opts = answerOptions(q);
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body govuk-!-font-weight-bold">
        Question {n}: {q.text}
      </p>
      {q.hint ? <p className="govuk-body">{q.hint}</p> : null}
      {opts.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {opts.map((o) => (
            <li key={o.id}>{o.label}</li>
          ))}
        </ul>
      ) : null}
      {q.explain ? <p className="govuk-body">Please explain your answer.</p> : null}
      {q.wordLimit ? <p className="govuk-body">Please use no more than {q.wordLimit} words.</p> : null}
    </div>
  );
}

export function DocumentPreview({ draft }: { draft: Draft }) {
  const m = draft.metadata;
  const numbers = questionNumbers(draft);
  const all = orderedQuestions(draft);
  const opens = m.opensAt ? formatDateTime(new Date(m.opensAt)) : 'a date to be set';
  const closes = m.closesAt ? formatDateTime(new Date(m.closesAt)) : 'a date to be set';
  const weeks =
    m.opensAt && m.closesAt ? Math.round((Date.parse(m.closesAt) - Date.parse(m.opensAt)) / (7 * 86_400_000)) : null;
  const ways = [
    m.waysToRespond.onlineUrl ? `Online at ${m.waysToRespond.onlineUrl}` : null,
    m.waysToRespond.email ? `By email to ${m.waysToRespond.email}` : null,
    m.waysToRespond.postalAddress ? `By post to ${m.waysToRespond.postalAddress}` : null,
    m.waysToRespond.responseForm ? 'Using the response form' : null,
  ].filter(Boolean);
  const box: [string, string][] = [
    ['To', m.audience || 'Not given'],
    ['Duration', `From ${opens} to ${closes}${weeks !== null ? ` (${weeks} weeks)` : ''}`],
    [
      'Enquiries (including requests for the paper in an alternative format) to',
      [m.enquiries.email, m.enquiries.phone, m.enquiries.address, m.enquiries.alternativeFormats]
        .filter(Boolean)
        .join('. ') || 'Not given',
    ],
    ['How to respond', ways.join('. ') || 'Not given'],
    ['Additional ways to take part', m.additionalWays || 'None'],
    [
      'Response paper',
      m.responsePaper.dueDate
        ? `We will publish the government response by ${formatDate(new Date(`${m.responsePaper.dueDate}T12:00:00Z`))}` +
          `${m.responsePaper.url ? ` at ${m.responsePaper.url}` : ''}.`
        : 'Not given',
    ],
    [
      'Impact assessment',
      m.impactAssessment.note ||
        {
          attached: 'Published alongside this consultation.',
          'to-follow': 'To follow.',
          'not-needed': 'Not needed.',
          unknown: 'Not given',
        }[m.impactAssessment.status],
    ],
    [
      'Territorial extent',
      m.territorialExtent
        ? TERRITORIAL_LABELS[m.territorialExtent] + (m.territorialNote ? `. ${m.territorialNote}` : '')
        : 'Not given',
    ],
    ['Compliance with the Consultation Principles', m.complianceStatement || 'Not given'],
  ];
  return (
    <article className="app-preview" aria-label="Preview of the consultation document" lang="en-GB">
      <p className="govuk-body-l">{m.department}</p>
      <h2 className="govuk-heading-xl">{m.title}</h2>
      <p className="govuk-body">
        This consultation begins on {opens}. This consultation ends on {closes}.
      </p>
      <h2 className="govuk-heading-l">Contents</h2>
      <ul className="govuk-list">
        {draft.sections
          .filter((s) => s.kind === 'foreword' || s.kind === 'executive-summary')
          .map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
        <li>About this consultation</li>
        {draft.sections
          .filter((s) => s.kind !== 'foreword' && s.kind !== 'executive-summary')
          .map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
        <li>Annex A: consultation questions</li>
        <li>Annex B: about you</li>
        <li>Annex C: privacy notice</li>
      </ul>
      {draft.sections.map((s, i) => (
        <section key={s.id}>
          {i > 0 && draft.sections[i - 1]!.kind === 'executive-summary' ? <AboutBox box={box} /> : null}
          <h2 className="govuk-heading-l">{s.title}</h2>
          <RichDocView doc={s.body} headingOffset={1} />
          {all
            .filter((q) => q.sectionId === s.id)
            .map((q) => (
              <QuestionBlock key={q.id} q={q} n={numbers.get(q.id) ?? '?'} />
            ))}
        </section>
      ))}
      {!draft.sections.some((s) => s.kind === 'executive-summary') ? <AboutBox box={box} /> : null}
      <h2 className="govuk-heading-l">Annex A: consultation questions</h2>
      <ol className="govuk-list">
        {all.map((q) => (
          <li key={q.id}>
            Question {numbers.get(q.id)}: {q.text}
          </li>
        ))}
      </ol>
      <h2 className="govuk-heading-l">Annex B: about you</h2>
      <ul className="govuk-list govuk-list--bullet">
        {draft.aboutYou
          .filter((f) => f.enabled)
          .map((f) => (
            <li key={f.key}>
              {f.label}
              {f.options.length ? ` (${f.options.filter(Boolean).join('; ')})` : ''}
            </li>
          ))}
      </ul>
      <h2 className="govuk-heading-l">Annex C: privacy notice</h2>
      <SummaryList
        rows={Object.entries(draft.privacyNotice)
          .filter(([, v]) => v)
          .map(([k, v]) => ({ id: k, key: PRIVACY_LABELS[k] ?? k, value: v }))}
      />
    </article>
  );
}

const PRIVACY_LABELS: Record<string, string> = {
  controller: 'Data controller',
  dpoContact: 'Data Protection Officer',
  purpose: 'Purpose',
  dataCollected: 'Data we collect',
  lawfulBasis: 'Lawful basis',
  specialCategory: 'Special category data',
  recipients: 'Recipients',
  retention: 'Retention',
  rights: 'Your rights',
  internationalTransfers: 'International transfers',
  automatedDecisions: 'Automated decisions',
  aiUse: 'Use of AI',
};

function AboutBox({ box }: { box: [string, string][] }) {
  return (
    <>
      <h2 className="govuk-heading-l">About this consultation</h2>
      <Table captionSize="hidden" caption="About this consultation" columns={[{ label: 'Item' }, { label: 'Details' }]}>
        {box.map(([k, v]) => (
          <Row key={k}>
            <RowHeader>{k}</RowHeader>
            <Cell>{v}</Cell>
          </Row>
        ))}
      </Table>
    </>
  );
}
