import { useDraft } from './draft-store';
import { CheckboxField, TextArea } from '../../components/Fields';
import { TextField } from '../../components/TextField';
import { PERSONAL_FIELDS, type AboutYouField } from '#shared/domain/draft/model';

/** Annex B: the standard "About you" questions, each switchable, with editable wording and lists. */
export function AboutYouEditor() {
  const fields = useDraft((s) => s.draft?.aboutYou);
  const update = useDraft((s) => s.updateAboutYou);
  if (!fields) return null;
  const set = (i: number, patch: Partial<AboutYouField>) =>
    void update(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <>
      <h2 className="govuk-heading-l" tabIndex={-1}>
        About you (Annex B)
      </h2>
      <p className="govuk-body">
        The questions respondents answer about themselves. Fields marked “personal data” are removed from anything
        published and from redacted exports.
      </p>
      {fields.map((f, i) => (
        <div key={f.key} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">
            {f.label}{' '}
            {PERSONAL_FIELDS.has(f.key) ? <strong className="govuk-tag govuk-tag--yellow">Personal data</strong> : null}
          </h3>
          <CheckboxField
            id={`ay-${f.key}-on`}
            label="Ask this question"
            checked={f.enabled}
            onChange={(v) => set(i, { enabled: v })}
          />
          {f.enabled ? (
            <>
              <TextField
                id={`ay-${f.key}-label`}
                label="Wording"
                value={f.label}
                onChange={(e) => set(i, { label: e.target.value })}
              />
              {f.options.length || f.key === 'respondentType' || f.key === 'region' ? (
                <TextArea
                  id={`ay-${f.key}-options`}
                  label="Answers to choose from"
                  hint="One per line."
                  rows={Math.min(12, f.options.length + 1)}
                  value={f.options.join('\n')}
                  onChange={(e) => set(i, { options: e.target.value.split('\n').map((x) => x.trimStart()) })}
                />
              ) : null}
            </>
          ) : null}
        </div>
      ))}
    </>
  );
}
