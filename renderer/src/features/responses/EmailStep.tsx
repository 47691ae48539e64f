import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { call } from '../../lib/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import type { EmailMessage } from '#shared/domain/responses/email';
import type { ImportOutcome, InspectedFile } from '#shared/domain/responses/store';
import { GENERAL_COMMENTS_ID } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { assignmentsOf, ParagraphAssigner, paragraphsOf } from './ParagraphAssigner';
import { whenText } from '../shared/format';
import { plural } from './labels';
import { SummaryList } from '../../components/SummaryList';

/** One email: who sent it, when, the subject, attachments listed, and the body to assign. */
export function EmailStep({
  file,
  remaining,
  onImported,
  onSkip,
}: {
  file: InspectedFile;
  remaining: number;
  onImported: (o: ImportOutcome) => void;
  onSkip: () => void;
}) {
  const { draft } = useResponses(useShallow((s) => ({ draft: s.draft })));
  const [message, setMessage] = useState<EmailMessage | null>(null);
  const [targets, setTargets] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const read = useRef(false);

  useEffect(() => {
    if (read.current) return;
    read.current = true;
    void call('responses.readEmail', { path: file.path }).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setMessage(r.value.message);
      setTargets(paragraphsOf(r.value.message.body).map(() => GENERAL_COMMENTS_ID));
    });
  }, [file.path]);

  async function save() {
    if (!message) return;
    setBusy(true);
    setError(null);
    const assignments = assignmentsOf(paragraphsOf(message.body), targets);
    const r = await call('responses.importEmail', { path: file.path, assignments });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onImported(r.value);
  }

  const paragraphs = message ? paragraphsOf(message.body) : [];
  return (
    <section aria-labelledby="email-step">
      <h2 className="govuk-heading-m" id="email-step">
        Email: <span className="app-break">{file.name}</span>
      </h2>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      {!message && !error ? <p className="govuk-body">Reading the email…</p> : null}
      {message ? (
        <>
          <SummaryList
            rows={[
              { key: 'From', value: `${message.fromName} ${message.from ? `<${message.from}>` : ''}` },
              { key: 'Sent', value: message.date ? whenText(message.date) : 'No date in the email' },
              { key: 'Subject', value: message.subject || '(no subject)' },
              { key: 'Attachments', value: <Attachments list={message.attachments} /> },
            ]}
          />
          {paragraphs.length ? (
            <ParagraphAssigner
              idPrefix="email-paragraph"
              paragraphs={paragraphs}
              targets={targets}
              draft={draft}
              onChange={setTargets}
            />
          ) : (
            <p className="govuk-body">The email has no text.</p>
          )}
          <div className="govuk-button-group">
            <button type="button" className="govuk-button" disabled={busy} onClick={() => void save()}>
              Import this email
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={onSkip}>
              {remaining ? 'Skip to the next email' : 'Do not import it'}
            </button>
          </div>
          {remaining ? <p className="govuk-hint">{plural(remaining, 'more email')} after this one.</p> : null}
        </>
      ) : null}
    </section>
  );
}

/** An email's attachments, listed and not opened. */
function Attachments({ list }: { list: EmailMessage['attachments'] }) {
  if (!list.length) return <>None</>;
  return (
    <>
      <ul className="govuk-list">
        {list.map((a, i) => (
          <li key={i}>
            {a.name} ({a.contentType}, {Math.max(1, Math.round(a.size / 1024))}KB)
          </li>
        ))}
      </ul>
      <p className="govuk-hint">Attachments are listed, not opened. If one holds the response, import it separately.</p>
    </>
  );
}
