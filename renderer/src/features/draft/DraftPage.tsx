import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDraft } from './draft-store';
import { Outline } from './Outline';
import { DetailsForm } from './DetailsForm';
import { SectionEditor } from './SectionEditor';
import { QuestionBuilder } from './QuestionBuilder';
import { AboutYouEditor } from './AboutYouEditor';
import { PrivacyEditor } from './PrivacyEditor';
import { DocumentPreview } from './DocumentPreview';
import { VersionsPanel } from './VersionsPanel';
import { FindingsPanel } from './FindingsPanel';
import { PageHeading } from '../../components/PageHeading';
import { ErrorSummary } from '../../components/ErrorSummary';

/** Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo the draft when focus is not in a text field. */
function useUndoKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'))
        return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void useDraft.getState().undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        void useDraft.getState().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function DraftPage() {
  const { draft, selection, canUndo, canRedo, error } = useDraft(
    useShallow((s) => ({
      draft: s.draft,
      selection: s.selection,
      canUndo: s.canUndo,
      canRedo: s.canRedo,
      error: s.error,
    })),
  );
  useEffect(() => {
    void useDraft.getState().load();
    return () => void useDraft.getState().flush();
  }, []);
  useUndoKeys();
  // Moving to another part of the draft puts focus on its heading.
  useEffect(() => {
    document.querySelector<HTMLElement>('.app-draft__editor h2[tabindex="-1"]')?.focus();
  }, [selection]);

  if (!draft) return <p className="govuk-body">Loading the draft…</p>;
  return (
    <>
      {error ? <ErrorSummary errors={[{ message: error.message }]} title="A change was not saved" /> : null}
      <div className="app-draft__top">
        <div>
          <PageHeading caption={draft.metadata.title}>Draft</PageHeading>
        </div>
        <div className="govuk-button-group govuk-!-margin-bottom-0">
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={!canUndo}
            aria-disabled={!canUndo}
            onClick={() => void useDraft.getState().undo()}
          >
            Undo
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={!canRedo}
            aria-disabled={!canRedo}
            onClick={() => void useDraft.getState().redo()}
          >
            Redo
          </button>
        </div>
      </div>
      <div className="app-draft">
        <div className="app-draft__outline">
          <Outline />
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-top-4"
            onClick={() => void useDraft.getState().addSection('other', 'New section')}
          >
            Add a section
          </button>
        </div>
        <div className="app-draft__editor">
          {selection.kind === 'details' ? <DetailsForm /> : null}
          {selection.kind === 'section' ? <SectionEditor key={selection.id} id={selection.id} /> : null}
          {selection.kind === 'question' ? <QuestionBuilder key={selection.id} id={selection.id} /> : null}
          {selection.kind === 'about-you' ? <AboutYouEditor /> : null}
          {selection.kind === 'privacy' ? <PrivacyEditor /> : null}
          {selection.kind === 'preview' ? (
            <>
              <h2 className="govuk-heading-l" tabIndex={-1}>
                Preview
              </h2>
              <DocumentPreview draft={draft} />
            </>
          ) : null}
          {selection.kind === 'versions' ? <VersionsPanel /> : null}
        </div>
        <div className="app-draft__findings">
          <FindingsPanel />
        </div>
      </div>
    </>
  );
}
