import { useState } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import { RadiosField } from '../../components/Fields';
import { slugify } from '#shared/domain/filename';
import { useAnalysis } from './analysis-store';
import { PathField, workspaceFolder } from './PathField';
import { Table, Row, Cell } from '../../components/Table';

/** The whole codebook as a tree, and moving it between tools: CSV or REFI-QDA .qdc in and out. */
export function CodebookPanel() {
  const codebook = useAnalysis((s) => s.codebook);
  const overview = useAnalysis((s) => s.overview);
  const title = useApp((s) => s.workspace?.title ?? 'consultation');
  const [format, setFormat] = useState<'csv' | 'qdc'>('csv');
  const [out, setOut] = useState(`${workspaceFolder()}${slugify(title, 'consultation')}-codebook.csv`);
  const [inPath, setInPath] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ field: 'in' | 'out'; text: string } | null>(null);
  const numbers = new Map((overview?.questions ?? []).map((q) => [q.id, q.number ? `Q${q.number}` : q.text]));

  async function exportIt() {
    setError(null);
    const r = await call('analysis.exportCodebook', { path: out, format });
    if (!r.ok) return setError({ field: 'out', text: r.error.message });
    setMessage(`Saved the codebook to ${r.value.path}.`);
  }

  async function importIt() {
    setError(null);
    if (!inPath.trim()) return setError({ field: 'in', text: 'Enter the path of the codebook file' });
    const r = await useAnalysis.getState().importCodebook({ path: inPath });
    if (!r.ok) return setError({ field: 'in', text: r.error.message });
    const warnings = r.value.warnings.length ? ` ${r.value.warnings.join(' ')}` : '';
    setMessage(`Imported the codebook: ${r.value.added} themes added, ${r.value.updated} updated.${warnings}`);
  }

  const live = codebook.filter((t) => !t.archived);
  return (
    <section aria-labelledby="codebook-title">
      <h2 className="govuk-heading-m" id="codebook-title">
        Codebook
      </h2>
      {message ? (
        <div className="govuk-inset-text" role="status">
          {message}
        </div>
      ) : null}
      {live.length === 0 ? (
        <p className="govuk-body">
          There are no themes yet. Add them for a question on its Themes tab, or import a codebook.
        </p>
      ) : (
        <Table
          caption="Every theme, sub-themes under their theme"
          columns={[{ label: 'Theme' }, { label: 'Questions' }]}
        >
          {live.map((t) => (
            <Row key={t.id}>
              <Cell>
                {'— '.repeat(t.depth)}
                <strong>{t.name}</strong>
                {!t.codable ? ' (heading)' : ''}
                {t.description ? <div className="govuk-body-s govuk-!-margin-bottom-0">{t.description}</div> : null}
              </Cell>
              <Cell>{t.questionIds.length ? t.questionIds.map((q) => numbers.get(q) ?? q).join(', ') : 'All'}</Cell>
            </Row>
          ))}
        </Table>
      )}
      <div className="app-dialog">
        <h3 className="govuk-heading-s">Save the codebook as a file</h3>
        <RadiosField
          name="codebook-format"
          legend="Format"
          small
          value={format}
          onChange={(v) => {
            setFormat(v as 'csv' | 'qdc');
            setOut((p) => p.replace(/\.(csv|qdc)$/i, v === 'csv' ? '.csv' : '.qdc'));
          }}
          options={[
            { value: 'csv', label: 'CSV', hint: 'For spreadsheets and tools such as Taguette and MAXQDA.' },
            {
              value: 'qdc',
              label: 'REFI-QDA codebook (.qdc)',
              hint: 'For NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette.',
            },
          ]}
        />
        <PathField
          id="codebook-out"
          label="Save to"
          value={out}
          onChange={setOut}
          error={error?.field === 'out' ? error.text : null}
          mode="save"
          filterName="Codebook"
          extensions={[format]}
        />
        <button type="button" className="govuk-button" onClick={() => void exportIt()}>
          Save the codebook
        </button>
      </div>
      <div className="app-dialog">
        <h3 className="govuk-heading-s">Import a codebook</h3>
        <p className="govuk-body">
          Themes with the same id, or the same name in the same place, are updated; the others are added.
        </p>
        <PathField
          id="codebook-in"
          label="Codebook file (.csv or .qdc)"
          value={inPath}
          onChange={setInPath}
          error={error?.field === 'in' ? error.text : null}
          mode="open"
          filterName="Codebook"
          extensions={['csv', 'qdc', 'xml']}
        />
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void importIt()}>
          Import the codebook
        </button>
      </div>
    </section>
  );
}
