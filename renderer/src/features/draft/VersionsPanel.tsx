import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import type { VersionSummary } from '#shared/ipc/contract/draft';
import type { Draft } from '#shared/domain/draft/model';
import type { DraftComparison, TextPart } from '#shared/domain/draft/compare';
import { Table, Row, Cell, RowHeader } from '../../components/Table';
import { whenText } from '../shared/format';
import { DocumentPreview } from './DocumentPreview';
import { TextField } from '../../components/TextField';
import { SelectField } from '../../components/Fields';

/** Save a labelled version; list them; open one read-only; compare any two (or with the current draft). */
export function VersionsPanel() {
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ summary: VersionSummary; draft: Draft } | null>(null);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>('current');
  const [comparison, setComparison] = useState<DraftComparison | null>(null);

  const refresh = () =>
    void call('draft.listVersions', {}).then((r) => {
      if (r.ok) {
        setVersions(r.value);
        setFrom((f) => f || (r.value[0] ? String(r.value[0].id) : ''));
      }
    });
  useEffect(refresh, []);

  async function saveVersion() {
    setError(null);
    setSaved(null);
    const r = await call('draft.saveVersion', { label });
    if (!r.ok) return setError(r.error.message);
    setSaved(`Saved version “${r.value.label}”.`);
    setLabel('');
    refresh();
  }

  async function compare() {
    const pick = (v: string) => (v === 'current' ? ('current' as const) : Number(v));
    const r = await call('draft.compare', { from: pick(from), to: pick(to) });
    if (r.ok) setComparison(r.value);
    else setError(r.error.message);
  }

  if (viewing) {
    return (
      <>
        <h2 className="govuk-heading-l" tabIndex={-1}>
          <span className="govuk-caption-m">Version, read only</span>
          {viewing.summary.label}
        </h2>
        <p className="govuk-body">
          Saved {whenText(viewing.summary.createdAt)} by {viewing.summary.createdBy}. This is a read-only copy: changes
          are made in the current draft.
        </p>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setViewing(null)}>
          Back to versions
        </button>
        <DocumentPreview draft={viewing.draft} />
      </>
    );
  }

  const options = [
    { value: 'current', label: 'Current draft' },
    ...versions.map((v) => ({ value: String(v.id), label: `${v.label} (${whenText(v.createdAt)})` })),
  ];
  return (
    <>
      <h2 className="govuk-heading-l" tabIndex={-1}>
        Versions
      </h2>
      {saved ? (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{saved}</p>
          </div>
        </div>
      ) : null}
      <TextField
        id="version-label"
        label="Label for a new version"
        hint="For example: “Sent to legal”, “Cleared by the minister’s office”."
        error={error}
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <button type="button" className="govuk-button" onClick={() => void saveVersion()}>
        Save version
      </button>

      <h3 className="govuk-heading-m">Saved versions</h3>
      {versions.length === 0 ? (
        <p className="govuk-body">No versions saved yet.</p>
      ) : (
        <Table
          captionSize="hidden"
          caption="Saved versions"
          columns={[{ label: 'Label' }, { label: 'Saved' }, { label: 'Questions' }, { label: 'Actions', hidden: true }]}
        >
          {versions.map((v) => (
            <Row key={v.id}>
              <Cell>{v.label}</Cell>
              <Cell>
                {whenText(v.createdAt)} by {v.createdBy}
              </Cell>
              <Cell>{v.questions}</Cell>
              <Cell>
                <button
                  type="button"
                  className="app-link-button"
                  onClick={() => void call('draft.getVersion', { id: v.id }).then((r) => r.ok && setViewing(r.value))}
                >
                  View<span className="govuk-visually-hidden"> {v.label}</span>
                </button>
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      {versions.length ? (
        <>
          <h3 className="govuk-heading-m">Compare two versions</h3>
          <div className="app-button-group-inline">
            <SelectField id="compare-from" label="From" value={from} options={options} onChange={setFrom} />
            <SelectField id="compare-to" label="To" value={to} options={options} onChange={setTo} />
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void compare()}>
              Compare
            </button>
          </div>
          {comparison ? <ComparisonView c={comparison} /> : null}
        </>
      ) : null}
    </>
  );
}

function ComparisonView({ c }: { c: DraftComparison }) {
  const changedSections = c.sections.filter((s) => s.status !== 'unchanged');
  const changedQuestions = c.questions.filter((q) => q.status !== 'unchanged');
  return (
    <section aria-label="Comparison">
      <h4 className="govuk-heading-s">Summary</h4>
      <p className="govuk-body" role="status">
        {c.summary.sectionsChanged} section{c.summary.sectionsChanged === 1 ? '' : 's'} changed;{' '}
        {c.summary.questionsAdded} question
        {c.summary.questionsAdded === 1 ? '' : 's'} added, {c.summary.questionsRemoved} removed,{' '}
        {c.summary.questionsChanged} changed; {c.summary.metadataChanged} detail
        {c.summary.metadataChanged === 1 ? '' : 's'} changed.
      </p>
      {c.metadata.length ? (
        <>
          <h4 className="govuk-heading-s">Details</h4>
          <ul className="govuk-list govuk-list--bullet">
            {c.metadata.map((m) => (
              <li key={m.field}>
                {m.field}: <del className="app-diff-removed">{m.before || '(empty)'}</del> →{' '}
                <ins className="app-diff-added">{m.after || '(empty)'}</ins>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changedQuestions.length ? (
        <>
          <h4 className="govuk-heading-s">Questions</h4>
          {changedQuestions.map((q) =>
            q.status === 'added' ? (
              <p className="govuk-body" key={q.id}>
                Added question {q.numberAfter}: <ins className="app-diff-added">{q.textAfter}</ins>
              </p>
            ) : q.status === 'removed' ? (
              <p className="govuk-body" key={q.id}>
                Removed question {q.numberBefore}: <del className="app-diff-removed">{q.textBefore}</del>
              </p>
            ) : (
              <Table
                key={q.id}
                caption={
                  `Question ${q.numberBefore}` + (q.numberAfter !== q.numberBefore ? ` (now ${q.numberAfter})` : '')
                }
                columns={[{ label: 'What changed' }, { label: 'Before' }, { label: 'After' }]}
                className="app-compare-table"
              >
                {q.details.map((d) => (
                  <Row key={d.what}>
                    <RowHeader>{d.what}</RowHeader>
                    <Cell className="app-pre-wrap">
                      {d.parts ? <DiffSide parts={d.parts} side="before" /> : d.before || '(none)'}
                    </Cell>
                    <Cell className="app-pre-wrap">
                      {d.parts ? <DiffSide parts={d.parts} side="after" /> : d.after || '(none)'}
                    </Cell>
                  </Row>
                ))}
              </Table>
            ),
          )}
        </>
      ) : null}
      {changedSections.map((s) => (
        <div key={s.id}>
          <h4 className="govuk-heading-s">
            {s.status === 'added' ? 'Added section: ' : s.status === 'removed' ? 'Removed section: ' : 'Section: '}
            {s.title}
            {s.titleBefore ? ` (was “${s.titleBefore}”)` : ''}
          </h4>
          <p className="govuk-body" style={{ whiteSpace: 'pre-wrap' }}>
            {s.parts.map((p, i) =>
              p.added ? (
                <ins className="app-diff-added" key={i}>
                  {p.value}
                </ins>
              ) : p.removed ? (
                <del className="app-diff-removed" key={i}>
                  {p.value}
                </del>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
          </p>
        </div>
      ))}
    </section>
  );
}

/** One side of a word diff: before shows what was taken out, after what was put in. */
function DiffSide({ parts, side }: { parts: TextPart[]; side: 'before' | 'after' }) {
  const shown = parts.filter((p) => (side === 'before' ? !p.added : !p.removed));
  if (!shown.some((p) => p.value.trim())) return <>(none)</>;
  return (
    <>
      {shown.map((p, i) =>
        p.removed ? (
          <del className="app-diff-removed" key={i}>
            {p.value}
          </del>
        ) : p.added ? (
          <ins className="app-diff-added" key={i}>
            {p.value}
          </ins>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}
