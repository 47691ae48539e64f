import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import { PageHeading } from '../../components/PageHeading';
import type { ExportLogEntry, ExportResult } from '#shared/domain/exports';
import { whenText } from '../shared/format';
import { ExportCard, type OutputEntry } from './ExportCard';
import { Table, Row, Cell } from '../../components/Table';
import { PublicationCheckPanel } from './PublicationCheckPanel';

/**
 * Every document the app makes: what it contains, a button each, progress while it is made, where
 * it was saved, and the export log (what left the workspace, when, at which redaction level).
 */
export function OutputsPage() {
  const title = useApp((s) => s.workspace?.title);
  const [kinds, setKinds] = useState<OutputEntry[]>([]);
  const [log, setLog] = useState<ExportLogEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Bumped after each export, so the publication check is read again beside it.
  const [exports, setExports] = useState(0);

  const refresh = useCallback(() => {
    void call('outputs.list', {}).then((r) => (r.ok ? setKinds(r.value.kinds) : setError(r.error.message)));
    void call('outputs.log', {}).then((r) => r.ok && setLog(r.value));
  }, []);
  useEffect(refresh, [refresh]);

  const onDone = (_r: ExportResult) => {
    refresh();
    setExports((n) => n + 1);
  };

  return (
    <>
      <PageHeading caption={title}>Outputs</PageHeading>
      {error ? (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">There is a problem</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{error}</p>
          </div>
        </div>
      ) : null}
      <h2 className="govuk-heading-m">The consultation</h2>
      {kinds
        .filter((k) => k.stage === 'consultation')
        .map((k) => (
          <ExportCard key={k.kind} entry={k} onDone={onDone} />
        ))}
      {kinds.some((k) => k.stage === 'response') ? (
        <>
          <h2 className="govuk-heading-m">After the consultation</h2>
          <PublicationCheckPanel revision={exports} />
          {kinds
            .filter((k) => k.stage === 'response')
            .map((k) => (
              <ExportCard key={k.kind} entry={k} onDone={onDone} />
            ))}
        </>
      ) : null}
      <h2 className="govuk-heading-m">Export log</h2>
      {log.length === 0 ? (
        <p className="govuk-body">Nothing has been exported from this workspace yet.</p>
      ) : (
        <Table
          caption="Every file written from this workspace, newest first"
          columns={[{ label: 'When' }, { label: 'What' }, { label: 'Redaction' }, { label: 'File' }]}
        >
          {log.map((e) => (
            <Row key={e.id}>
              <Cell>
                {whenText(e.at)}
                <br />
                <span className="govuk-body-s">by {e.actor}</span>
              </Cell>
              <Cell>{kinds.find((k) => k.kind === e.kind)?.title ?? e.kind}</Cell>
              <Cell>
                {e.redaction === 'none'
                  ? 'None (internal use)'
                  : e.redaction === 'redacted'
                    ? 'Redacted for publication'
                    : 'Not applicable'}
              </Cell>
              <Cell>
                <span className="app-path">{e.path}</span>
                <br />
                <span className="govuk-body-s">
                  {Math.max(1, Math.round(e.bytes / 1024))}KB · SHA-256 {e.sha256.slice(0, 12)}…
                </span>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}
