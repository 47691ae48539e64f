import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { call } from '../../lib/api';
import { TextArea, SelectField } from '../../components/Fields';
import { TextField } from '../../components/TextField';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import {
  RESPONDENT_COLUMNS_KEYS,
  RESPONDENT_KEY_LABELS,
  type ResponseDetail,
  type RespondentKey,
} from '#shared/domain/responses/store';
import { answerOptions } from '#shared/domain/draft/model';
import { useResponses } from './responses-store';
import { CHANNEL_LABELS } from './labels';
import { whenText } from '../shared/format';
import { Table, Row, Cell } from '../../components/Table';
import { SummaryList } from '../../components/SummaryList';

const PERSONAL = new Set<RespondentKey>(['name', 'email', 'role', 'confidentialReason', 'address', 'postcode']);
const FIELD_LABELS: Record<string, string> = {
  text: 'Answer',
  otherText: '“Other” text',
  explanation: 'Explanation',
  optionIds: 'Options chosen',
  channel: 'Channel',
  submittedAt: 'Time received',
  externalId: 'Response ID',
};

type Target =
  | { kind: 'answer'; questionId: string; field: 'text' | 'otherText' | 'explanation' | 'optionIds' }
  | { kind: 'respondent'; field: RespondentKey };

/** One response in full: who, how and when it came, every answer, flags, and corrections with their record. */
export function ResponseDetailPanel({ id }: { id: number }) {
  const { draft } = useResponses(useShallow((s) => ({ draft: s.draft })));
  const [detail, setDetail] = useState<ResponseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void call('responses.get', { id }).then((r) => (r.ok ? setDetail(r.value) : setError(r.error.message)));
  }, [id]);
  const shownId = detail?.id;
  useEffect(() => {
    if (shownId !== undefined) heading.current?.focus();
  }, [shownId]);

  if (error) return <ErrorSummary errors={[{ message: error }]} />;
  if (!detail) return <p className="govuk-body">Loading response {id}…</p>;
  const d = detail;
  const personal = d.respondent.hasPersonalData ? (
    <strong className="govuk-tag govuk-tag--purple">Personal data</strong>
  ) : null;
  return (
    <section className="app-detail" aria-labelledby="response-heading">
      <div className="app-detail__top">
        <h2 className="govuk-heading-m" id="response-heading" tabIndex={-1} ref={heading}>
          Response {d.id}
        </h2>
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => useResponses.getState().open(null)}
        >
          Close<span className="govuk-visually-hidden"> response {d.id}</span>
        </button>
      </div>
      <p className="govuk-body">
        {CHANNEL_LABELS[d.channel]} ·{' '}
        {d.submittedAt
          ? `received ${/^\d{4}-\d\d-\d\dT/.test(d.submittedAt) ? whenText(d.submittedAt) : d.submittedAt}`
          : 'no time recorded'}{' '}
        · from <span className="app-break">{d.batch.sourceName}</span>
        {d.sourceRow ? `, row ${d.sourceRow}` : ''}
        {d.externalId ? ` · ID ${d.externalId}` : ''}
      </p>
      <p className="govuk-body">
        {d.status === 'duplicate' ? (
          <strong className="govuk-tag govuk-tag--grey">Duplicate of response {d.duplicateOf}</strong>
        ) : null}{' '}
        {d.respondent.confidentialRequested ? (
          <strong className="govuk-tag govuk-tag--red">Asked for confidentiality</strong>
        ) : null}{' '}
        {personal}{' '}
        {d.campaigns
          .filter((c) => !c.removed && c.status !== 'rejected')
          .map((c) => (
            <strong key={c.id} className="govuk-tag govuk-tag--blue">
              Campaign {c.id} ({c.status})
            </strong>
          ))}
      </p>

      <h3 className="govuk-heading-s">Respondent</h3>
      <SummaryList
        rows={RESPONDENT_COLUMNS_KEYS.filter((k) => d.respondent.fields[k] !== undefined).map((k) => ({
          id: k,
          key: (
            <>
              {RESPONDENT_KEY_LABELS[k]}
              {PERSONAL.has(k) ? <span className="govuk-visually-hidden"> (personal data)</span> : null}
            </>
          ),
          value: (
            <>
              {d.respondent.fields[k]}
              {k === 'organisation' && d.respondent.canonicalOrganisation ? (
                <span className="govuk-body-s"> (counted as {d.respondent.canonicalOrganisation})</span>
              ) : null}
            </>
          ),
          valueClassName: 'app-pre',
          actions: (
            <button
              type="button"
              className="app-link-button govuk-body-s"
              onClick={() => setTarget({ kind: 'respondent', field: k })}
            >
              Change<span className="govuk-visually-hidden"> {RESPONDENT_KEY_LABELS[k].toLowerCase()}</span>
            </button>
          ),
        }))}
      />
      <button
        type="button"
        className="app-link-button govuk-body-s govuk-!-margin-bottom-4"
        onClick={() => setTarget({ kind: 'respondent', field: 'name' })}
      >
        Add or correct a detail about the respondent
      </button>

      <h3 className="govuk-heading-s">Answers</h3>
      {d.answers.length === 0 ? <p className="govuk-body">No answers.</p> : null}
      {d.answers.map((a) => (
        <div className="app-answer" key={a.id}>
          <h4 className="govuk-heading-s app-answer__q">
            {a.number ? `Question ${a.number}: ` : ''}
            {a.questionText}
          </h4>
          {a.optionLabels.length ? (
            <p className="govuk-body govuk-!-font-weight-bold">{a.optionLabels.join('; ')}</p>
          ) : null}
          {a.text ? <p className="govuk-body app-pre">{a.text}</p> : null}
          {a.otherText ? <p className="govuk-body app-pre">Other: {a.otherText}</p> : null}
          {a.explanation ? <p className="govuk-body app-pre">Explanation: {a.explanation}</p> : null}
          {a.value ? <p className="govuk-body-s">As received: {a.value}</p> : null}
          {a.unmatched?.length ? <p className="govuk-body-s">Matched no option: {a.unmatched.join('; ')}</p> : null}
          <p className="govuk-body-s">
            <button
              type="button"
              className="app-link-button govuk-body-s"
              onClick={() =>
                setTarget({
                  kind: 'answer',
                  questionId: a.questionId,
                  field:
                    a.optionLabels.length ||
                    answerOptions(
                      draft?.questions.find((q) => q.id === a.questionId) ?? {
                        type: 'open_text',
                        options: [],
                        allowOther: false,
                      },
                    ).length
                      ? 'optionIds'
                      : 'text',
                })
              }
            >
              Change
              <span className="govuk-visually-hidden">
                {' '}
                the answer to {a.number ? `question ${a.number}` : a.questionText}
              </span>
            </button>
          </p>
        </div>
      ))}
      {d.issues.length ? (
        <>
          <h3 className="govuk-heading-s">Flagged when imported</h3>
          <ul className="govuk-list govuk-list--bullet">
            {d.issues.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      {d.source?.body ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {d.source.kind === 'email'
                ? `The whole email${d.source.subject ? `: ${d.source.subject}` : ''}`
                : 'The whole letter'}
            </span>
          </summary>
          <div className="govuk-details__text app-pre">{d.source.body}</div>
        </details>
      ) : null}
      {d.source?.attachments?.length ? (
        <p className="govuk-body-s">Attachments (not opened): {d.source.attachments.map((a) => a.name).join(', ')}</p>
      ) : null}
      {d.kept.length ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              Also in the export ({d.kept.length} {d.kept.length === 1 ? 'column' : 'columns'}, kept as received)
            </span>
          </summary>
          <div className="govuk-details__text">
            <SummaryList
              noBorder
              rows={d.kept.map((k, i) => ({
                id: i,
                key: k.header,
                value: k.value,
                keyClassName: 'app-break',
                valueClassName: 'app-pre',
              }))}
            />
          </div>
        </details>
      ) : null}

      {target ? (
        <CorrectionForm
          detail={d}
          target={target}
          onDone={(next) => {
            if (next) setDetail(next);
            setTarget(null);
          }}
        />
      ) : null}

      <h3 className="govuk-heading-s">Corrections</h3>
      {d.corrections.length === 0 ? (
        <p className="govuk-body">None.</p>
      ) : (
        <Table
          caption="Every change made to this response after it was imported"
          columns={[{ label: 'When' }, { label: 'What' }, { label: 'Was' }, { label: 'Now' }]}
        >
          {d.corrections.map((c) => (
            <Row key={c.id}>
              <Cell>
                {whenText(c.at)}
                <br />
                <span className="govuk-body-s">by {c.by}</span>
              </Cell>
              <Cell>
                {c.target === 'respondent'
                  ? RESPONDENT_KEY_LABELS[c.field as RespondentKey]
                  : (FIELD_LABELS[c.field] ?? c.field)}
                {c.questionId ? ` (${questionOf(d, c.questionId)})` : ''}
                {c.reason ? <span className="govuk-body-s"> · {c.reason}</span> : null}
              </Cell>
              <Cell className="app-pre">{c.oldValue ?? '(empty)'}</Cell>
              <Cell className="app-pre">{c.newValue ?? '(empty)'}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </section>
  );
}

function CorrectionForm({
  detail,
  target,
  onDone,
}: {
  detail: ResponseDetail;
  target: Target;
  onDone: (next: ResponseDetail | null) => void;
}) {
  const { draft } = useResponses(useShallow((s) => ({ draft: s.draft })));
  const [field, setField] = useState<'text' | 'otherText' | 'explanation' | 'optionIds'>(
    target.kind === 'answer' ? target.field : 'text',
  );
  const [respondentField, setRespondentField] = useState<RespondentKey>(
    target.kind === 'respondent' ? target.field : 'name',
  );
  const answer = target.kind === 'answer' ? detail.answers.find((a) => a.questionId === target.questionId) : undefined;
  const question = target.kind === 'answer' ? draft?.questions.find((q) => q.id === target.questionId) : undefined;
  const opts = question ? answerOptions(question) : [];
  const initial = (): string => {
    if (target.kind === 'respondent') return detail.respondent.fields[respondentField] ?? '';
    if (!answer) return '';
    return field === 'otherText'
      ? (answer.otherText ?? '')
      : field === 'explanation'
        ? (answer.explanation ?? '')
        : field === 'text'
          ? answer.text
          : '';
  };
  const [value, setValue] = useState(initial);
  const [chosen, setChosen] = useState<string[]>(answer?.optionIds ?? []);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLElement>('select, textarea, input')?.focus(), []);

  async function save() {
    const input =
      target.kind === 'respondent'
        ? ({ target: 'respondent', responseId: detail.id, field: respondentField, value, reason } as const)
        : field === 'optionIds'
          ? ({
              target: 'answer',
              responseId: detail.id,
              questionId: target.questionId,
              field: 'optionIds',
              value: chosen,
              reason,
            } as const)
          : ({ target: 'answer', responseId: detail.id, questionId: target.questionId, field, value, reason } as const);
    const r = await useResponses.getState().correct(input);
    if (!r.ok) return setErrors([{ field: 'correction-value', message: r.error.message }]);
    onDone(r.value);
  }

  const single =
    question && (question.type === 'likert_agree5' || question.type === 'yes_no' || question.type === 'single_choice');
  return (
    <div className="app-dialog" ref={ref} role="group" aria-labelledby="correction-heading">
      <h3 className="govuk-heading-s" id="correction-heading">
        {target.kind === 'respondent'
          ? 'Change a detail about the respondent'
          : `Change the answer to ${answer?.number ? `question ${answer.number}` : 'this question'}`}
      </h3>
      <ErrorSummary errors={errors} />
      {target.kind === 'respondent' ? (
        <SelectField
          id="correction-field"
          label="Detail"
          value={respondentField}
          options={RESPONDENT_COLUMNS_KEYS.map((k) => ({ value: k, label: RESPONDENT_KEY_LABELS[k] }))}
          onChange={(v) => {
            setRespondentField(v as RespondentKey);
            setValue(detail.respondent.fields[v as RespondentKey] ?? '');
          }}
        />
      ) : (
        <SelectField
          id="correction-field"
          label="Part of the answer"
          value={field}
          options={[
            ...(opts.length ? [{ value: 'optionIds', label: 'Options chosen' }] : []),
            { value: 'text', label: opts.length ? 'Answer as written' : 'Answer' },
            ...(question?.allowOther ? [{ value: 'otherText', label: '“Other” text' }] : []),
            ...(question?.explain || answer?.explanation ? [{ value: 'explanation', label: 'Explanation' }] : []),
          ]}
          onChange={(v) => {
            setField(v as typeof field);
            setValue(
              v === 'otherText'
                ? (answer?.otherText ?? '')
                : v === 'explanation'
                  ? (answer?.explanation ?? '')
                  : v === 'text'
                    ? (answer?.text ?? '')
                    : '',
            );
          }}
        />
      )}
      {target.kind === 'answer' && field === 'optionIds' ? (
        <div className="govuk-form-group" id="correction-value">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              {single ? 'Choose one' : 'Choose all that apply'}
            </legend>
            <div
              className={`govuk-${single ? 'radios' : 'checkboxes'} govuk-${single ? 'radios' : 'checkboxes'}--small`}
            >
              {opts.map((o) => (
                <div className={`govuk-${single ? 'radios' : 'checkboxes'}__item`} key={o.id}>
                  <input
                    className={`govuk-${single ? 'radios' : 'checkboxes'}__input`}
                    id={`correction-option-${o.id}`}
                    name="correction-options"
                    type={single ? 'radio' : 'checkbox'}
                    checked={chosen.includes(o.id)}
                    onChange={(e) =>
                      setChosen(
                        single ? [o.id] : e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id),
                      )
                    }
                  />
                  <label
                    className={`govuk-label govuk-${single ? 'radios' : 'checkboxes'}__label`}
                    htmlFor={`correction-option-${o.id}`}
                  >
                    {o.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="button" className="app-link-button govuk-body-s" onClick={() => setChosen([])}>
            Clear the choice
          </button>
        </div>
      ) : (
        <TextArea
          id="correction-value"
          label="Corrected value"
          rows={4}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={errors.find((e) => e.field === 'correction-value')?.message}
        />
      )}
      <TextField
        id="correction-reason"
        label="Reason (optional)"
        hint="For example, “typed in from the paper copy”"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => void save()}>
          Save the correction
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** How a correction names the question it changed: by its number where the response has one. */
function questionOf(d: ResponseDetail, questionId: string): string {
  const number = d.answers.find((a) => a.questionId === questionId)?.number;
  return number ? `question ${number}` : 'a question';
}
