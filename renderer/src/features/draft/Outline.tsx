import { useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { questionNumbers, orderedQuestions } from '#shared/domain/draft/model';
import { useDraft, type Selection } from './draft-store';
import { classes } from '../../components/classes';

/**
 * The outline: sections and their numbered questions, reorderable by drag and drop and by
 * keyboard (the move buttons, or Alt+Up / Alt+Down on an item). Numbers are recomputed from
 * the order every time; ids never change.
 */
const same = (a: Selection, b: Selection) => a.kind === b.kind && ('id' in a ? a.id : '') === ('id' in b ? b.id : '');

type Dragging = { kind: 'section' | 'question'; id: string } | null;

export function Outline() {
  const { draft, selection, select, moveSection, moveQuestion } = useDraft(
    useShallow((s) => ({
      draft: s.draft,
      selection: s.selection,
      select: s.select,
      moveSection: s.moveSection,
      moveQuestion: s.moveQuestion,
    })),
  );
  const [dragging, setDragging] = useState<Dragging>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const refocus = useRef<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useLayoutEffect(() => {
    if (!refocus.current) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-focus-key="${refocus.current}"]`);
    refocus.current = null;
    el?.focus();
  });

  if (!draft) return null;
  const numbers = questionNumbers(draft);
  const questions = orderedQuestions(draft);

  const moveSectionBy = (id: string, delta: number, focusKey: string) => {
    const i = draft.sections.findIndex((s) => s.id === id);
    const to = i + delta;
    if (to < 0 || to >= draft.sections.length) return;
    refocus.current = focusKey;
    void moveSection(id, to);
  };
  const moveQuestionBy = (id: string, delta: number, focusKey: string) => {
    const q = draft.questions.find((x) => x.id === id)!;
    const inSection = questions.filter((x) => x.sectionId === q.sectionId);
    const i = inSection.findIndex((x) => x.id === id);
    refocus.current = focusKey;
    if (i + delta >= 0 && i + delta < inSection.length) {
      void moveQuestion(id, q.sectionId, i + delta);
      return;
    }
    // Past the end of its section: into the neighbouring section (end or start of it).
    const si = draft.sections.findIndex((s) => s.id === q.sectionId);
    const next = draft.sections[si + delta];
    if (!next) return;
    const nextCount = questions.filter((x) => x.sectionId === next.id).length;
    void moveQuestion(id, next.id, delta < 0 ? nextCount : 0);
  };

  const onKey = (e: KeyboardEvent, kind: 'section' | 'question', id: string) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const delta = e.key === 'ArrowUp' ? -1 : 1;
    if (kind === 'section') moveSectionBy(id, delta, `open:${id}`);
    else moveQuestionBy(id, delta, `open:${id}`);
  };

  const dragProps = (kind: 'section' | 'question', id: string) => ({
    draggable: true,
    onDragStart: (e: DragEvent) => {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', id);
      setDragging({ kind, id });
    },
    onDragEnd: () => {
      setDragging(null);
      setDropTarget(null);
    },
  });

  const dropProps = (kind: 'section' | 'question', id: string) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragging) return;
      if (dragging.kind === 'section' && kind !== 'section') return;
      e.preventDefault();
      setDropTarget(id);
    },
    onDragLeave: () => setDropTarget((t) => (t === id ? null : t)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const d = dragging;
      setDragging(null);
      setDropTarget(null);
      if (!d || d.id === id) return;
      if (d.kind === 'section' && kind === 'section') {
        const to = draft.sections.findIndex((s) => s.id === id);
        const from = draft.sections.findIndex((s) => s.id === d.id);
        void moveSection(d.id, from < to ? to : to);
      } else if (d.kind === 'question') {
        if (kind === 'section') {
          void moveQuestion(d.id, id, questions.filter((q) => q.sectionId === id && q.id !== d.id).length);
        } else {
          const target = draft.questions.find((q) => q.id === id)!;
          const list = questions.filter((q) => q.sectionId === target.sectionId && q.id !== d.id);
          void moveQuestion(
            d.id,
            target.sectionId,
            list.findIndex((q) => q.id === id),
          );
        }
      }
    },
  });

  const item = (sel: Selection, label: string, extra = '') => (
    <button
      type="button"
      className="app-outline__link"
      aria-current={same(sel, selection) ? 'true' : undefined}
      data-focus-key={`open:${'id' in sel ? sel.id : sel.kind}`}
      onClick={() => select(sel)}
      onKeyDown={
        'id' in sel && (sel.kind === 'section' || sel.kind === 'question')
          ? (e) => onKey(e, sel.kind as 'section' | 'question', sel.id)
          : undefined
      }
    >
      {label}
      {extra ? <span className="govuk-visually-hidden">{extra}</span> : null}
    </button>
  );

  return (
    <nav aria-label="Draft outline">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Outline</h2>
      <p className="govuk-hint govuk-!-font-size-16">
        Drag to reorder, or use the arrow buttons (or Alt+Up and Alt+Down).
      </p>
      <ul className="app-outline" ref={listRef}>
        <li
          className={`app-outline__item${same(selection, { kind: 'details' }) ? ' app-outline__item--selected' : ''}`}
        >
          {item({ kind: 'details' }, 'About this consultation')}
        </li>
        {draft.sections.map((s, si) => {
          const sel: Selection = { kind: 'section', id: s.id };
          const qs = questions.filter((q) => q.sectionId === s.id);
          return (
            <li key={s.id}>
              <div
                className={classes(
                  'app-outline__item',
                  same(selection, sel) && 'app-outline__item--selected',
                  dropTarget === s.id && 'app-outline__item--drop',
                )}
                {...dragProps('section', s.id)}
                {...dropProps('section', s.id)}
              >
                {item(sel, s.title || '(untitled section)')}
                <button
                  type="button"
                  className="app-outline__move"
                  aria-label={`Move section ${s.title} up`}
                  data-focus-key={`up:${s.id}`}
                  disabled={si === 0}
                  onClick={() => moveSectionBy(s.id, -1, `up:${s.id}`)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="app-outline__move"
                  aria-label={`Move section ${s.title} down`}
                  data-focus-key={`down:${s.id}`}
                  disabled={si === draft.sections.length - 1}
                  onClick={() => moveSectionBy(s.id, 1, `down:${s.id}`)}
                >
                  ↓
                </button>
              </div>
              {qs.length ? (
                <ul className="app-outline">
                  {qs.map((q) => {
                    const qsel: Selection = { kind: 'question', id: q.id };
                    const n = numbers.get(q.id) ?? '?';
                    const text = q.text.trim() || '(no question text yet)';
                    return (
                      <li
                        key={q.id}
                        className={classes(
                          'app-outline__item app-outline__item--question',
                          same(selection, qsel) && 'app-outline__item--selected',
                          dropTarget === q.id && 'app-outline__item--drop',
                        )}
                        {...dragProps('question', q.id)}
                        {...dropProps('question', q.id)}
                      >
                        {item(qsel, `Q${n}. ${text.length > 60 ? text.slice(0, 57) + '…' : text}`)}
                        <button
                          type="button"
                          className="app-outline__move"
                          aria-label={`Move question ${n} up`}
                          data-focus-key={`up:${q.id}`}
                          onClick={() => moveQuestionBy(q.id, -1, `up:${q.id}`)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="app-outline__move"
                          aria-label={`Move question ${n} down`}
                          data-focus-key={`down:${q.id}`}
                          onClick={() => moveQuestionBy(q.id, 1, `down:${q.id}`)}
                        >
                          ↓
                        </button>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </li>
          );
        })}
        <li
          className={`app-outline__item${same(selection, { kind: 'about-you' }) ? ' app-outline__item--selected' : ''}`}
        >
          {item({ kind: 'about-you' }, 'About you (Annex B)')}
        </li>
        <li
          className={`app-outline__item${same(selection, { kind: 'privacy' }) ? ' app-outline__item--selected' : ''}`}
        >
          {item({ kind: 'privacy' }, 'Privacy notice (Annex C)')}
        </li>
        <li
          className={`app-outline__item${same(selection, { kind: 'preview' }) ? ' app-outline__item--selected' : ''}`}
        >
          {item({ kind: 'preview' }, 'Preview the document')}
        </li>
        <li
          className={`app-outline__item${same(selection, { kind: 'versions' }) ? ' app-outline__item--selected' : ''}`}
        >
          {item({ kind: 'versions' }, 'Versions')}
        </li>
      </ul>
    </nav>
  );
}
