import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { call } from '../../lib/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import type { DuplicateGroupView } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { CHANNEL_LABELS, plural } from './labels';
import { whenText } from '../shared/format';

/**
 * Possible duplicates: the same person (email, or name and postcode) sending the same answers
 * again, or sending different answers. Keep one and the others are left out of counts, not deleted.
 */
export function DuplicatesView() {
  const { revision } = useResponses(useShallow((s) => ({ revision: s.revision })));
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [groups, setGroups] = useState<DuplicateGroupView[] | null>(null);
  const [keep, setKeep] = useState<Record<number, number>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('responses.duplicates', { status });
    if (r.ok) setGroups(r.value);
  }, [status]);
  useEffect(() => {
    void load();
  }, [load, revision]);

  async function act(
    g: DuplicateGroupView,
    action: { kind: 'keep'; responseId: number } | { kind: 'dismiss' } | { kind: 'reopen' },
  ) {
    // Accepted, the store's revision moves on and the groups are read again (the effect above).
    const r = await useResponses.getState().resolveDuplicates({ groupId: g.id, action });
    if (!r.ok) return setError(r.error.message);
    setError(null);
  }

  return (
    <section aria-labelledby="duplicates-heading">
      <h2 className="govuk-heading-m" id="duplicates-heading">
        Possible duplicates
      </h2>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="duplicates-status">
          Show
        </label>
        <select
          id="duplicates-status"
          className="govuk-select"
          value={status}
          onChange={(e) => setStatus(e.target.value as 'open' | 'all')}
        >
          <option value="open">Groups to resolve</option>
          <option value="all">All groups, with what was decided</option>
        </select>
      </div>
      {groups === null ? (
        <p className="govuk-body">Loading…</p>
      ) : groups.length === 0 ? (
        <p className="govuk-body">None. Duplicates are looked for with campaigns, after each import.</p>
      ) : null}
      {groups?.map((g) => {
        const chosen = keep[g.id] ?? g.keepResponseId ?? g.suggestedKeep ?? g.members[0]?.responseId;
        return (
          <div className="app-dialog" key={g.id} role="group" aria-labelledby={`dup-${g.id}`}>
            <h3 className="govuk-heading-s" id={`dup-${g.id}`}>
              {g.kind === 'exact' ? 'The same answers sent more than once' : 'The same person, different answers'} (
              {plural(g.members.length, 'response')}, matched on{' '}
              {g.matchedOn.map((m) => (m === 'email' ? 'email address' : 'name and postcode')).join(' and ')})
              {g.status !== 'open' ? (
                <>
                  {' '}
                  <strong className={`govuk-tag ${g.status === 'resolved' ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
                    {g.status === 'resolved' ? 'Resolved' : 'Not duplicates'}
                  </strong>
                </>
              ) : null}
            </h3>
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Which one counts?</legend>
              <div className="govuk-radios govuk-radios--small">
                {g.members.map((m) => (
                  <div className="govuk-radios__item" key={m.responseId}>
                    <input
                      className="govuk-radios__input"
                      id={`dup-${g.id}-${m.responseId}`}
                      name={`dup-${g.id}`}
                      type="radio"
                      checked={chosen === m.responseId}
                      disabled={g.status !== 'open'}
                      onChange={() => setKeep({ ...keep, [g.id]: m.responseId })}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={`dup-${g.id}-${m.responseId}`}>
                      Response {m.responseId}: {CHANNEL_LABELS[m.channel]},{' '}
                      {m.submittedAt ? whenText(m.submittedAt) : 'no time'}, {m.name ?? m.email ?? 'no name'} (
                      {m.sourceName}){m.status === 'duplicate' ? ', left out' : ''}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="govuk-button-group govuk-!-margin-top-3 govuk-!-margin-bottom-0">
              {g.status === 'open' ? (
                <>
                  <button
                    type="button"
                    className="govuk-button govuk-!-margin-bottom-0"
                    onClick={() => chosen !== undefined && void act(g, { kind: 'keep', responseId: chosen })}
                  >
                    Keep this one, leave the others out
                  </button>
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={() => void act(g, { kind: 'dismiss' })}
                  >
                    They are not duplicates
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  onClick={() => void act(g, { kind: 'reopen' })}
                >
                  Undo the decision
                </button>
              )}
            </div>
          </div>
        );
      })}
    </section>
  );
}
