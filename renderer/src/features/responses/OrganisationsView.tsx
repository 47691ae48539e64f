import { useCallback, useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { TextField } from '../../components/TextField';
import { ErrorSummary } from '../../components/ErrorSummary';
import type { OrganisationMergeView, OrganisationSuggestion } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { plural } from './labels';
import { whenText } from '../shared/format';
import { Table, Row, Cell } from '../../components/Table';

/**
 * Organisation names as people typed them, with suggested merges ("ACME Ltd", "Acme Limited") the
 * official confirms under the name to use in analysis. A merge can be reverted; the record stays.
 */
export function OrganisationsView() {
  const revision = useResponses((s) => s.revision);
  const [suggestions, setSuggestions] = useState<OrganisationSuggestion[] | null>(null);
  const [merges, setMerges] = useState<OrganisationMergeView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('responses.organisations', {});
    if (!r.ok) return setError(r.error.message);
    setSuggestions(r.value.suggestions);
    setMerges(r.value.merges);
  }, []);
  // Read again whenever the responses change (a merge or its revert here, or elsewhere).
  useEffect(() => {
    void load();
  }, [load, revision]);

  async function revert(id: number) {
    const r = await useResponses.getState().revertMerge({ id });
    if (!r.ok) return setError(r.error.message);
  }

  const active = merges.filter((m) => !m.revertedAt);
  return (
    <section aria-labelledby="orgs-heading">
      <h2 className="govuk-heading-m" id="orgs-heading">
        Organisation names
      </h2>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      {suggestions === null ? (
        <p className="govuk-body">Loading…</p>
      ) : suggestions.length === 0 ? (
        <p className="govuk-body">No names look like spellings of the same organisation.</p>
      ) : null}
      {suggestions?.map((s) => (
        <Suggestion key={s.id} s={s} onError={setError} />
      ))}
      <h3 className="govuk-heading-s">Merged names</h3>
      {active.length === 0 ? (
        <p className="govuk-body">None yet.</p>
      ) : (
        <Table
          caption="Names counted under another name in analysis"
          columns={[
            { label: 'As typed' },
            { label: 'Counted as' },
            { label: 'Confirmed' },
            { label: 'Actions', hidden: true },
          ]}
        >
          {active.map((m) => (
            <Row key={m.id}>
              <Cell>
                {m.variantName} <span className="govuk-body-s">({plural(m.respondents, 'respondent')})</span>
              </Cell>
              <Cell>{m.canonicalName}</Cell>
              <Cell>
                {whenText(m.confirmedAt)} by {m.confirmedBy}
              </Cell>
              <Cell>
                <button type="button" className="app-link-button" onClick={() => void revert(m.id)}>
                  Undo<span className="govuk-visually-hidden"> merging {m.variantName}</span>
                </button>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </section>
  );
}

function Suggestion({ s, onError }: { s: OrganisationSuggestion; onError: (m: string) => void }) {
  const [name, setName] = useState(s.suggestedName);
  const [chosen, setChosen] = useState<Set<string>>(new Set(s.variants.map((v) => v.name)));
  async function merge() {
    const r = await useResponses.getState().mergeOrganisations({ canonicalName: name, variants: [...chosen] });
    if (!r.ok) return onError(r.error.message);
  }
  const idBase = `org-${s.id.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <div className="app-dialog" role="group" aria-labelledby={`${idBase}-h`}>
      <h3 className="govuk-heading-s" id={`${idBase}-h`}>
        {s.suggestedName} ({plural(s.total, 'respondent')},{' '}
        {s.confidence === 'high' ? 'the same name written differently' : 'similar spellings or an abbreviation: check'})
      </h3>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Names to merge</legend>
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {s.variants.map((v, i) => (
            <div className="govuk-checkboxes__item" key={v.name}>
              <input
                className="govuk-checkboxes__input"
                id={`${idBase}-${i}`}
                type="checkbox"
                checked={chosen.has(v.name)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(v.name);
                  else next.delete(v.name);
                  setChosen(next);
                }}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${idBase}-${i}`}>
                {v.name} ({v.count.toLocaleString('en-GB')})
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        id={`${idBase}-name`}
        label="Name to count them under"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => void merge()}>
        Merge<span className="govuk-visually-hidden"> into {name}</span>
      </button>
    </div>
  );
}
