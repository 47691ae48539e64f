import { useState } from 'react';
import { useDraft } from './draft-store';
import { RichTextEditor } from './RichTextEditor';
import { TextField } from '../../components/TextField';
import { SelectField } from '../../components/Fields';
import {
  QUESTION_TYPES,
  QUESTION_TYPE_LABELS,
  SECTION_KINDS,
  questionNumbers,
  type QuestionType,
  type SectionKind,
} from '#shared/domain/draft/model';
import type { RichDoc } from '#shared/domain/draft/rich-text';

export const SECTION_KIND_LABELS: Record<SectionKind, string> = {
  foreword: 'Ministerial foreword',
  'executive-summary': 'Executive summary',
  background: 'Background',
  proposal: 'Proposal or option',
  impacts: 'Impacts',
  'next-steps': 'Next steps',
  'how-to-respond': 'How to respond',
  confidentiality: 'Confidentiality and data protection',
  glossary: 'Glossary',
  other: 'Other',
};

const isEmpty = (doc: RichDoc) =>
  doc.content.every(
    (b) => b.type === 'paragraph' && !(b.content ?? []).some((i) => i.type === 'text' && i.text.trim()),
  );

export function SectionEditor({ id }: { id: string }) {
  const section = useDraft((s) => s.draft?.sections.find((x) => x.id === id));
  const draft = useDraft((s) => s.draft);
  const revision = useDraft((s) => s.revision);
  const { updateSectionTitle, updateSectionBody, updateSectionKind, deleteSection, addQuestion, addSection, select } =
    useDraft.getState();
  const [newType, setNewType] = useState<QuestionType>('open_text');
  const [error, setError] = useState<string | null>(null);
  if (!section || !draft) return null;
  const numbers = questionNumbers(draft);
  const questions = draft.questions.filter((q) => q.sectionId === id);

  return (
    <>
      <h2 className="govuk-heading-l" tabIndex={-1} id="section-heading">
        <span className="govuk-caption-m">Section</span>
        {section.title || '(untitled section)'}
      </h2>
      {error ? (
        <div className="govuk-error-summary" role="alert" tabIndex={-1}>
          <h3 className="govuk-error-summary__title">There is a problem</h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{error}</p>
          </div>
        </div>
      ) : null}
      <TextField
        id="section-title"
        label="Section title"
        value={section.title}
        onChange={(e) => updateSectionTitle(id, e.target.value)}
      />
      <SelectField
        id="section-kind"
        label="What kind of section is this?"
        hint="The checker uses it, for example to find the confidentiality section."
        value={section.kind}
        options={SECTION_KINDS.map((k) => ({ value: k, label: SECTION_KIND_LABELS[k] }))}
        onChange={(v) => void updateSectionKind(id, v as SectionKind)}
      />
      {section.guidance && isEmpty(section.body) ? (
        <div className="app-guidance" id="section-guidance">
          <p className="govuk-body govuk-!-margin-bottom-0">
            <strong>What to write here:</strong> {section.guidance}
          </p>
        </div>
      ) : null}
      <RichTextEditor
        docKey={`${id}:${revision}`}
        value={section.body}
        label={`Text of the section ${section.title}`}
        {...(section.guidance ? { describedBy: 'section-guidance' } : {})}
        onChange={(doc) => updateSectionBody(id, doc)}
      />

      <h3 className="govuk-heading-m">Questions in this section</h3>
      {questions.length === 0 ? <p className="govuk-body">No questions yet.</p> : null}
      <ul className="govuk-list">
        {questions.map((q) => (
          <li key={q.id}>
            <button type="button" className="app-link-button" onClick={() => select({ kind: 'question', id: q.id })}>
              Question {numbers.get(q.id)}: {q.text || '(no text yet)'}
            </button>
          </li>
        ))}
      </ul>
      <div className="app-button-group-inline">
        <SelectField
          id="new-question-type"
          label="Type of question to add"
          value={newType}
          options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
          onChange={(v) => setNewType(v as QuestionType)}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => void addQuestion(id, newType)}
        >
          Add question
        </button>
      </div>

      <h3 className="govuk-heading-m">Section</h3>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => void addSection('other', 'New section', id)}
        >
          Add a section after this one
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          onClick={() => {
            setError(null);
            void deleteSection(id).then((r) => {
              if (!r.ok) setError(r.error.message);
            });
          }}
        >
          Delete this section
        </button>
      </div>
      <p className="govuk-hint">Deleting can be undone with Undo.</p>
    </>
  );
}
