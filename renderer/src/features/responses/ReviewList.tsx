import { useCallback, useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { TextArea } from '../../components/Fields';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import type { RejectedRowView } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { plural } from './labels';
import { whenText } from '../shared/format';
import { Table, Row, Cell } from '../../components/Table';

/**
 * Rows an import could not read, with the reason and the row as it was. Fix a value and accept the
 * row (it is read again through its import's mapping), or discard it with a reason.
 */
export function ReviewList() {
  const revision = useResponses((s) => s.revision);
  const [rows, setRows] = useState<RejectedRowView[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [editing, setEditing] = useState<RejectedRowView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('responses.rejected', { status, limit: 200 });
    if (r.ok) {
      setRows(r.value.rows);
      setTotal(r.value.total);
    }
  }, [status]);
  // Read again when the responses change (a row fixed or discarded here moves the revision on).
  useEffect(() => {
    void load();
  }, [load, revision]);

  return (
    <section aria-labelledby="review-heading">
      <h2 className="govuk-heading-m" id="review-heading">
        Rows to review
      </h2>
      {message ? (
        <div className="govuk-inset-text" role="status">
          {message}
        </div>
      ) : null}
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="review-status">
          Show
        </label>
        <select
          id="review-status"
          className="govuk-select"
          value={status}
          onChange={(e) => setStatus(e.target.value as 'open' | 'all')}
        >
          <option value="open">Rows waiting for a decision</option>
          <option value="all">All rows, with what was decided</option>
        </select>
      </div>
      {total === 0 ? (
        <p className="govuk-body">
          {status === 'open'
            ? 'No rows are waiting. Every row of every import was read or has been decided.'
            : 'No import has rejected a row.'}
        </p>
      ) : null}
      {rows.length ? (
        <Table
          caption={total !== null ? plural(total, 'row') : ''}
          columns={[{ label: 'Where' }, { label: 'Why it was not read' }, { label: 'Decision', hidden: true }]}
        >
          {rows.map((r) => (
            <Row key={r.id}>
              <Cell>
                <span className="app-break">{r.sourceName}</span>, row {r.sourceRow}
              </Cell>
              <Cell>{r.reason}</Cell>
              <Cell>
                {r.status === 'open' ? (
                  <button type="button" className="app-link-button" onClick={() => setEditing(r)}>
                    Fix or discard
                    <span className="govuk-visually-hidden">
                      {' '}
                      row {r.sourceRow} of {r.sourceName}
                    </span>
                  </button>
                ) : (
                  <>
                    <strong className={`govuk-tag ${r.status === 'accepted' ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
                      {r.status === 'accepted' ? 'Accepted' : 'Discarded'}
                    </strong>
                    <span className="govuk-body-s">
                      {' '}
                      {whenText(r.resolvedAt)} by {r.resolvedBy}
                      {r.note ? `: ${r.note}` : ''}
                      {r.responseId ? ` (response ${r.responseId})` : ''}
                    </span>
                  </>
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      ) : null}
      {editing ? (
        <FixRow
          key={editing.id}
          row={editing}
          onDone={(text) => {
            setEditing(null);
            if (text) setMessage(text);
          }}
        />
      ) : null}
    </section>
  );
}

function FixRow({ row, onDone }: { row: RejectedRowView; onDone: (message: string | null) => void }) {
  const [values, setValues] = useState<[string, string][]>(row.raw);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);

  async function accept() {
    const r = await useResponses.getState().acceptRejected({ id: row.id, values });
    if (!r.ok) return setErrors([{ field: 'fix-0', message: r.error.message }]);
    onDone(`Row ${row.sourceRow} of ${row.sourceName} is now response ${r.value.responseId}.`);
  }
  async function discard() {
    if (!reason.trim())
      return setErrors([{ field: 'discard-reason', message: 'Give a reason for discarding the row' }]);
    const r = await useResponses.getState().discardRejected({ id: row.id, reason });
    if (!r.ok) return setErrors([{ field: 'discard-reason', message: r.error.message }]);
    onDone(`Row ${row.sourceRow} of ${row.sourceName} was discarded. The row and your reason are kept.`);
  }

  return (
    <div className="app-dialog" role="group" aria-labelledby="fix-heading">
      <h3 className="govuk-heading-s" id="fix-heading">
        Row {row.sourceRow} of <span className="app-break">{row.sourceName}</span>
      </h3>
      <p className="govuk-body">{row.reason}</p>
      <ErrorSummary errors={errors} />
      {values.map(([header, value], i) => (
        <TextArea
          key={i}
          id={`fix-${i}`}
          label={header}
          rows={value.length > 120 || value.includes('\n') ? 4 : 1}
          value={value.length > 20_000 ? value : value}
          onChange={(e) => {
            const next = [...values];
            next[i] = [header, e.target.value];
            setValues(next);
          }}
        />
      ))}
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => void accept()}>
          Accept the fixed row
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <TextArea
        id="discard-reason"
        label="Or discard it, saying why"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.find((e) => e.field === 'discard-reason')?.message}
      />
      <button type="button" className="govuk-button govuk-button--warning" onClick={() => void discard()}>
        Discard the row
      </button>
    </div>
  );
}
