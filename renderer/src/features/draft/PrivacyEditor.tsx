import { useDraft } from './draft-store';
import { TextArea } from '../../components/Fields';
import type { PrivacyNotice } from '#shared/domain/draft/model';

const FIELDS: { key: keyof PrivacyNotice; label: string; hint?: string }[] = [
  { key: 'controller', label: 'Data controller', hint: 'Who is responsible for the data, with an address.' },
  { key: 'dpoContact', label: 'Data Protection Officer contact' },
  { key: 'purpose', label: 'Why we are collecting your data' },
  {
    key: 'dataCollected',
    label: 'What data we collect',
    hint: 'For example: name, address, email, job title, employer, opinions, anything volunteered.',
  },
  { key: 'lawfulBasis', label: 'Lawful basis', hint: 'Usually public task, UK GDPR Article 6(1)(e).' },
  {
    key: 'specialCategory',
    label: 'Special category data',
    hint: 'For example Article 9(2)(g) and the Data Protection Act 2018, Schedule 1.',
  },
  {
    key: 'recipients',
    label: 'Who we share it with',
    hint: 'Processors such as the survey supplier; whether quotes may be published.',
  },
  { key: 'retention', label: 'How long we keep it', hint: 'For consultations, 2 years after closing is common.' },
  {
    key: 'rights',
    label: 'Your rights',
    hint: 'Access, correction, erasure, objection, and complaint to the Information Commissioner’s Office.',
  },
  { key: 'internationalTransfers', label: 'International transfers' },
  { key: 'automatedDecisions', label: 'Automated decision-making' },
  { key: 'aiUse', label: 'Use of AI in the analysis (if any)' },
];

/** Annex C: the privacy notice, field by field (UK GDPR Articles 13 and 14). */
export function PrivacyEditor() {
  const p = useDraft((s) => s.draft?.privacyNotice);
  const update = useDraft((s) => s.updatePrivacy);
  if (!p) return null;
  return (
    <>
      <h2 className="govuk-heading-l" tabIndex={-1}>
        Privacy notice (Annex C)
      </h2>
      {FIELDS.map((f) => (
        <TextArea
          key={f.key}
          id={`privacy-${f.key}`}
          label={f.label}
          hint={f.hint}
          rows={2}
          value={p[f.key]}
          onChange={(e) => update({ [f.key]: e.target.value })}
        />
      ))}
    </>
  );
}
