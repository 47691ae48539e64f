import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TextField } from '../../components/TextField';
import { TextArea, SelectField } from '../../components/Fields';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import {
  GENERAL_COMMENTS_ID,
  RESPONDENT_KEY_LABELS,
  type RespondentDetails,
  type RespondentKey,
} from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { assignmentsOf, ParagraphAssigner, paragraphsOf } from './ParagraphAssigner';

const TEXT_FIELDS: RespondentKey[] = ['name', 'email', 'organisation', 'role', 'address', 'postcode'];
const CHOICE_FIELDS: RespondentKey[] = [
  'respondingAs',
  'respondentType',
  'region',
  'confidential',
  'publishConsent',
  'quoteConsent',
  'contactConsent',
];
const YES_NO = ['Yes', 'No'];

/**
 * A letter, typed or pasted in with the sender's details: the whole letter is kept with the
 * response; its paragraphs are assigned to questions or general comments as for an email.
 */
export function LetterForm() {
  const { draft } = useResponses(useShallow((s) => ({ draft: s.draft })));
  const [details, setDetails] = useState<RespondentDetails>({});
  const [receivedAt, setReceivedAt] = useState('');
  const [reference, setReference] = useState('');
  const [text, setText] = useState('');
  const [targets, setTargets] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const about = new Map((draft?.aboutYou ?? []).map((f) => [f.key as RespondentKey, f]));
  const optionsFor = (k: RespondentKey): string[] =>
    k === 'quoteConsent' || k === 'contactConsent' || k === 'confidential'
      ? about.get(k)?.options.length
        ? about.get(k)!.options
        : YES_NO
      : (about.get(k)?.options ?? []);
  const paragraphs = paragraphsOf(text);
  const set = (k: RespondentKey, v: string) => setDetails((d) => ({ ...d, [k]: v }));

  async function save() {
    const problems: FieldError[] = [];
    if (!text.trim()) problems.push({ field: 'letter-text', message: 'Type or paste the letter' });
    if (receivedAt && !/^\d{4}-\d{2}-\d{2}$/.test(receivedAt))
      problems.push({ field: 'letter-received', message: 'Enter the date as year-month-day, for example 2027-04-20' });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    const all = paragraphs.map((_, i) => targets[i] ?? GENERAL_COMMENTS_ID);
    const letter = { respondent: details, text, assignments: assignmentsOf(paragraphs, all) };
    const when = receivedAt ? { receivedAt } : {};
    const ref = reference.trim() ? { reference: reference.trim() } : {};
    const r = await useResponses.getState().addLetter({ ...letter, ...when, ...ref });
    setBusy(false);
    if (!r.ok) return setErrors([{ message: r.error.message }]);
    setSaved(r.value.batches[0]?.sourceName ?? 'The letter');
    setDetails({});
    setText('');
    setTargets([]);
    setReceivedAt('');
    setReference('');
  }

  return (
    <section aria-labelledby="letter-heading">
      <h2 className="govuk-heading-m" id="letter-heading">
        Add a letter
      </h2>
      <ErrorSummary errors={errors} />
      {saved ? (
        <div className="govuk-inset-text" role="status">
          Saved: {saved}. You can add another.
        </div>
      ) : null}
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who sent it</legend>
        {TEXT_FIELDS.map((k) => (
          <TextField
            key={k}
            id={`letter-${k}`}
            label={RESPONDENT_KEY_LABELS[k]}
            value={details[k] ?? ''}
            onChange={(e) => set(k, e.target.value)}
            autoComplete="off"
          />
        ))}
        {CHOICE_FIELDS.map((k) => {
          const opts = optionsFor(k);
          return opts.length ? (
            <SelectField
              key={k}
              id={`letter-${k}`}
              label={RESPONDENT_KEY_LABELS[k]}
              value={details[k] ?? ''}
              options={[{ value: '', label: 'Not given' }, ...opts.map((o) => ({ value: o, label: o }))]}
              onChange={(v) => set(k, v)}
            />
          ) : (
            <TextField
              key={k}
              id={`letter-${k}`}
              label={RESPONDENT_KEY_LABELS[k]}
              value={details[k] ?? ''}
              onChange={(e) => set(k, e.target.value)}
              autoComplete="off"
            />
          );
        })}
        {details.confidential && /^y/i.test(details.confidential) ? (
          <TextArea
            id="letter-confidentialReason"
            label={RESPONDENT_KEY_LABELS.confidentialReason}
            value={details.confidentialReason ?? ''}
            onChange={(e) => set('confidentialReason', e.target.value)}
            rows={2}
          />
        ) : null}
      </fieldset>
      <TextField
        id="letter-received"
        label="Date received"
        hint="For example, 2027-04-20"
        value={receivedAt}
        onChange={(e) => setReceivedAt(e.target.value)}
        widthClass="govuk-input--width-10"
        error={errors.find((e) => e.field === 'letter-received')?.message}
      />
      <TextField
        id="letter-reference"
        label="Reference (optional)"
        hint="Your post log number, if it has one"
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        widthClass="govuk-input--width-20"
      />
      <TextArea
        id="letter-text"
        label="The letter"
        hint="Type or paste the whole letter. Leave a blank line between paragraphs."
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.find((e) => e.field === 'letter-text')?.message}
      />
      {paragraphs.length ? (
        <ParagraphAssigner
          idPrefix="letter-paragraph"
          paragraphs={paragraphs}
          targets={paragraphs.map((_, i) => targets[i] ?? GENERAL_COMMENTS_ID)}
          draft={draft}
          onChange={setTargets}
        />
      ) : null}
      <button type="button" className="govuk-button" disabled={busy} onClick={() => void save()}>
        Add the letter
      </button>
    </section>
  );
}
