import { useCallback, useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { Table, Row, Cell } from '../../components/Table';
import type {
  PersonalDataFindingView,
  PersonalDataKind,
  PersonalDataReview,
  PersonalDataStatus,
} from '#shared/analysis/personal-data/index';
import { PERSONAL_DATA_KINDS } from '#shared/analysis/personal-data/kinds';
import { useResponses } from './responses-store';
import { plural } from './labels';
import { whenText } from '../shared/format';
import type { In } from '#shared/ipc/contract';

type DecideInput = In<'responses.decidePersonalData'>;

export const KIND_LABELS: Record<PersonalDataKind, string> = {
  name: 'Name',
  email: 'Email address',
  phone: 'Phone number',
  postcode: 'Postcode',
  address: 'Street address',
  'ni-number': 'National Insurance number',
  'nhs-number': 'NHS number',
  'profile-url': 'Link to a personal profile',
};

const STATUS_LABELS: Record<PersonalDataStatus, string> = {
  unreviewed: 'Not reviewed yet',
  remove: 'Removal confirmed',
  release: 'Released',
  all: 'All findings',
};

const PAGE = 50;

/**
 * Responses → Personal data (issue 17, R-PUB1): what the published files would remove from the answers,
 * for the official to look at. Each finding is removed unless released, so the list is a check on the
 * removals: confirm them (one by one, or all those not yet reviewed), or release one that is not
 * personal data, with a reason. Every decision is audited, and the exports apply them.
 */
export function PersonalDataView() {
  const revision = useResponses((s) => s.revision);
  const [status, setStatus] = useState<PersonalDataStatus>('unreviewed');
  const [kind, setKind] = useState<PersonalDataKind | ''>('');
  const [offset, setOffset] = useState(0);
  const [review, setReview] = useState<PersonalDataReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('responses.personalData', {
      status,
      ...(kind ? { kind } : {}),
      offset,
      limit: PAGE,
    });
    if (!r.ok) return setError(r.error.message);
    setReview(r.value);
  }, [status, kind, offset]);
  useEffect(() => {
    void load();
  }, [load, revision]);

  async function decide(input: DecideInput) {
    const r = await useResponses.getState().decidePersonalData(input);
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    setError(null);
    return r.value.changed;
  }

  async function removeAll() {
    const changed = await decide({ decision: 'remove', allUnreviewed: kind ? { kind } : {} });
    if (changed !== false) setMessage(`Removal confirmed for ${plural(changed, 'finding')}.`);
  }

  // Not reviewed yet of the kind shown: the workspace's count, or, filtered by kind, this list's total.
  const unreviewedHere = !review
    ? null
    : !kind
      ? review.counts.unreviewed
      : status === 'unreviewed'
        ? review.total
        : null;

  const caption =
    `${STATUS_LABELS[status]}${kind ? `: ${KIND_LABELS[kind].toLowerCase()}s` : ''} ` +
    `(${(review?.total ?? 0).toLocaleString('en-GB')})`;

  return (
    <section aria-labelledby="pd-heading">
      <h2 className="govuk-heading-m" id="pd-heading">
        Personal data in answers
      </h2>
      <p className="govuk-body">
        Names, email addresses, phone numbers, postcodes, street addresses, National Insurance and NHS numbers and links
        to personal profiles found in answers that would be published. Published documents show “[name removed]” and the
        like in their place unless you release them. Answers from people who asked for confidentiality or did not agree
        to publication are left out of published documents whole, so they are not listed here.
      </p>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      {message ? (
        <div className="govuk-inset-text" role="status">
          {message}
        </div>
      ) : null}
      {review === null ? (
        <p className="govuk-body" role="status">
          Looking for personal data in the answers…
        </p>
      ) : (
        <p className="govuk-body">
          {plural(review.answersScanned, 'answer')} checked: {review.counts.unreviewed.toLocaleString('en-GB')} not
          reviewed yet, {review.counts.remove.toLocaleString('en-GB')} removal
          {review.counts.remove === 1 ? '' : 's'} confirmed, {review.counts.release.toLocaleString('en-GB')} released.
        </p>
      )}
      <div className="app-filters">
        <div className="govuk-form-group app-filters__item">
          <label className="govuk-label" htmlFor="pd-status">
            Show
          </label>
          <select
            id="pd-status"
            className="govuk-select"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as PersonalDataStatus);
              setOffset(0);
            }}
          >
            {(Object.keys(STATUS_LABELS) as PersonalDataStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group app-filters__item">
          <label className="govuk-label" htmlFor="pd-kind">
            Kind
          </label>
          <select
            id="pd-kind"
            className="govuk-select"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as PersonalDataKind | '');
              setOffset(0);
            }}
          >
            <option value="">Every kind</option>
            {PERSONAL_DATA_KINDS.filter((k) => review?.byKind[k]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]} ({review!.byKind[k]!.toLocaleString('en-GB')})
              </option>
            ))}
          </select>
        </div>
      </div>
      {unreviewedHere ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void removeAll()}>
          Confirm removal of {unreviewedHere === 1 ? 'the' : `all ${unreviewedHere.toLocaleString('en-GB')}`}{' '}
          {kind ? KIND_LABELS[kind].toLowerCase() : 'finding'}
          {unreviewedHere === 1 ? '' : 's'} not reviewed yet
        </button>
      ) : null}
      {review && review.total === 0 ? (
        <p className="govuk-body">
          {status === 'unreviewed' ? 'Nothing left to review.' : 'None.'} Personal data is looked for again whenever
          responses are imported or corrected.
        </p>
      ) : null}
      {review && review.items.length ? (
        <Table
          caption={caption}
          columns={[{ label: 'Answer' }, { label: 'Found' }, { label: 'Decision' }, { label: 'Actions', hidden: true }]}
        >
          {review.items.map((f) => (
            <FindingRow key={`${f.responseId}/${f.questionId}/${f.kind}/${f.text}`} f={f} decide={decide} />
          ))}
        </Table>
      ) : null}
      {review && review.total > PAGE ? (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of findings">
          <p className="govuk-body-s">
            Showing {offset + 1} to {Math.min(offset + PAGE, review.total)} of {review.total.toLocaleString('en-GB')}
          </p>
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Previous page
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              disabled={offset + PAGE >= review.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Next page
            </button>
          </div>
        </nav>
      ) : null}
    </section>
  );
}

type Decide = (input: DecideInput) => Promise<number | false>;

function FindingRow({ f, decide }: { f: PersonalDataFindingView; decide: Decide }) {
  const [releasing, setReleasing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const ref = { responseId: f.responseId, questionId: f.questionId, kind: f.kind, text: f.text };
  const id = `pd-${f.responseId}-${f.questionId}-${f.kind}-${f.text.replace(/[^a-z0-9]/gi, '')}`.slice(0, 80);
  const what = `${KIND_LABELS[f.kind].toLowerCase()} “${f.text}”`;

  async function release() {
    if (!reason.trim()) return setReasonError('Say why this can be published as written');
    if ((await decide({ decision: 'release', reason, findings: [ref] })) !== false) setReleasing(false);
  }

  return (
    <Row>
      <Cell>
        Response {f.responseId}
        <br />
        <span className="govuk-body-s">{f.questionNumber ? `Question ${f.questionNumber}` : 'Other comments'}</span>
      </Cell>
      <Cell>
        <strong>{KIND_LABELS[f.kind]}</strong>
        {f.occurrences > 1 ? ` (${f.occurrences} times in this answer)` : ''}
        <br />
        <span className="app-context">
          {f.before}
          <mark className="app-found">{f.text}</mark>
          {f.after}
        </span>
      </Cell>
      <Cell>
        {f.decision === null ? (
          <strong className="govuk-tag govuk-tag--yellow">Not reviewed</strong>
        ) : f.decision === 'remove' ? (
          <strong className="govuk-tag govuk-tag--grey">Removed</strong>
        ) : (
          <>
            <strong className="govuk-tag govuk-tag--green">Released</strong>
            <br />
            <span className="govuk-body-s">{f.reason}</span>
          </>
        )}
        {f.decidedAt ? (
          <span className="govuk-body-s">
            <br />
            {whenText(f.decidedAt)} by {f.decidedBy}
          </span>
        ) : null}
      </Cell>
      <Cell>
        {releasing ? (
          <div>
            <TextField
              id={`${id}-reason`}
              label={`Why can the ${what} be published?`}
              hint="For example, a public figure’s name, or an organisation’s public phone line"
              value={reason}
              error={reasonError ?? undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(null);
              }}
              autoFocus
            />
            <div className="govuk-button-group">
              <button type="button" className="govuk-button" onClick={() => void release()}>
                Release it
              </button>
              <button type="button" className="app-link-button" onClick={() => setReleasing(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="app-actions">
            {f.decision !== 'remove' ? (
              <button
                type="button"
                className="app-link-button"
                onClick={() => void decide({ decision: 'remove', findings: [ref] })}
              >
                Remove<span className="govuk-visually-hidden"> the {what}</span>
              </button>
            ) : null}
            {f.decision !== 'release' ? (
              <button type="button" className="app-link-button" onClick={() => setReleasing(true)}>
                Release<span className="govuk-visually-hidden"> the {what}</span>
              </button>
            ) : null}
            {f.decision !== null ? (
              <button
                type="button"
                className="app-link-button"
                onClick={() => void decide({ decision: 'undo', findings: [ref] })}
              >
                Undo<span className="govuk-visually-hidden"> the decision on the {what}</span>
              </button>
            ) : null}
          </div>
        )}
      </Cell>
    </Row>
  );
}
