import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useResponses } from './responses-store';
import { useJob } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { CHANNEL_LABELS, plural } from './labels';
import { whenText } from '../shared/format';
import { SOURCE_KIND_LABELS, type SourceKind } from '#shared/domain/survey-import/types';
import type { BatchSummary, ResponsesSummary } from '#shared/domain/responses/store';
import { Table, Row, Cell } from '../../components/Table';
import { SummaryList } from '../../components/SummaryList';

function sourceLabel(b: BatchSummary): string {
  if (b.sourceKind === 'response-form')
    return b.format === 'form-docx' ? 'Response form (Word)' : 'Response form (Excel)';
  if (b.sourceKind === 'email') return 'Email';
  if (b.sourceKind === 'letter') return 'Letter';
  return SOURCE_KIND_LABELS[b.sourceKind as SourceKind] ?? b.sourceKind;
}

/** Where the responses stand, and every batch imported, each of which can be undone. */
export function Overview() {
  const { summary, batches } = useResponses(useShallow((s) => ({ summary: s.summary, batches: s.batches })));
  const [confirm, setConfirm] = useState<BatchSummary | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob();
  const go = useResponses.getState().setView;
  // The confirmation is below the list of imports: it is brought into view and given the focus (GOV.UK:
  // move focus to what appeared), and "No, keep it" gives the focus back to the Undo link it came from.
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!confirm) return;
    confirmHeading.current?.scrollIntoView({ block: 'center' });
    confirmHeading.current?.focus();
  }, [confirm]);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);
  const keep = (b: BatchSummary) => {
    setConfirm(null);
    requestAnimationFrame(() => document.getElementById(`undo-batch-${b.id}`)?.focus());
  };

  async function undo(b: BatchSummary) {
    setError(null);
    const r = await job.run('responses.undoBatch', { batchId: b.id }, `Undoing ${b.sourceName}`);
    setConfirm(null);
    if (!r.ok) return setError(r.error.message);
    setMessage(
      `Undone: ${plural(r.value.removed, 'response')} from ${b.sourceName} removed. ` +
        'The batch stays in the list, marked undone.',
    );
    useResponses.getState().changed();
  }

  if (!summary) return <p className="govuk-body">Loading…</p>;
  return (
    <>
      {message ? (
        <div className="govuk-inset-text" role="status" tabIndex={-1} ref={messageRef}>
          {message}
        </div>
      ) : null}
      {error ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <SummaryList
        className="app-responses-summary"
        rows={[
          {
            key: 'Responses',
            value: (
              <>
                {summary.activeResponses.toLocaleString('en-GB')}
                {summary.duplicatesResolved ? ` (and ${plural(summary.duplicatesResolved, 'duplicate')} left out)` : ''}
              </>
            ),
          },
          { key: 'How they arrived', value: channelsText(summary) },
          { key: 'Rows to review', value: summary.openRejected ? plural(summary.openRejected, 'row') : 'None' },
          { key: 'Campaigns', value: campaignsText(summary) },
          { key: 'Possible duplicates', value: duplicatesText(summary) },
        ]}
      />
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => go('import')}>
          Import responses
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go('letter')}>
          Add a letter
        </button>
      </div>

      <h2 className="govuk-heading-m">Imports</h2>
      {batches.length === 0 ? (
        <p className="govuk-body">Nothing has been imported yet.</p>
      ) : (
        <Table
          caption="Every import, newest first. Undoing one removes its responses; the record of it stays."
          columns={[
            { label: 'Source' },
            { label: 'When' },
            { label: 'Responses', numeric: true },
            { label: 'Rejected rows', numeric: true },
            { label: 'Actions', hidden: true },
          ]}
        >
          {batches.map((b) => (
            <Row key={b.id}>
              <Cell>
                <span className="app-break">{b.sourceName}</span>
                <br />
                <span className="govuk-body-s">
                  {sourceLabel(b)} · {CHANNEL_LABELS[b.channel]}
                </span>
              </Cell>
              <Cell>
                {whenText(b.importedAt)}
                <br />
                <span className="govuk-body-s">by {b.importedBy}</span>
              </Cell>
              <Cell numeric>{b.undoneAt ? '–' : b.responses.toLocaleString('en-GB')}</Cell>
              <Cell numeric>{b.rejected ? `${b.rejected} (${b.openRejected} open)` : '0'}</Cell>
              <Cell>
                {b.undoneAt ? (
                  <strong className="govuk-tag govuk-tag--grey">Undone {whenText(b.undoneAt)}</strong>
                ) : confirm?.id === b.id ? null : (
                  <button
                    type="button"
                    id={`undo-batch-${b.id}`}
                    className="app-link-button"
                    onClick={() => setConfirm(b)}
                    disabled={job.busy}
                  >
                    Undo<span className="govuk-visually-hidden"> the import of {b.sourceName}</span>
                  </button>
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      {confirm ? (
        <div className="app-dialog" role="alertdialog" aria-labelledby="undo-title">
          <h3 className="govuk-heading-s" id="undo-title" tabIndex={-1} ref={confirmHeading}>
            Undo the import of {confirm.sourceName}?
          </h3>
          <p className="govuk-body">
            This removes its {plural(confirm.responses, 'response')}, their answers and anything decided about them
            (campaign membership, duplicates, corrections). The record of the import stays, marked undone, and the same
            file can then be imported again.
          </p>
          {job.progress ? (
            <JobProgress progress={job.progress} label="Undoing the import" />
          ) : (
            <div className="govuk-button-group">
              <button type="button" className="govuk-button govuk-button--warning" onClick={() => void undo(confirm)}>
                Yes, undo this import
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => keep(confirm)}>
                No, keep it
              </button>
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}

function channelsText(summary: ResponsesSummary): string {
  if (!summary.channels.length) return 'None yet';
  return summary.channels.map((c) => `${CHANNEL_LABELS[c.channel]}: ${c.count.toLocaleString('en-GB')}`).join(', ');
}

function duplicatesText(summary: ResponsesSummary): string {
  return summary.duplicateGroups.open
    ? plural(summary.duplicateGroups.open, 'group') + ' to resolve'
    : 'None to resolve';
}

function campaignsText(summary: ResponsesSummary): string {
  const { proposed, confirmed, members } = summary.campaigns;
  if (proposed + confirmed === 0) return summary.lastDetection ? 'None found' : 'Not looked for yet';
  return `${confirmed} confirmed, ${proposed} to check (${plural(members, 'respondent')})`;
}
