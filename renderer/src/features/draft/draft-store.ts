import { create } from 'zustand';
import type {
  Draft,
  DraftMetadata,
  PrivacyNotice,
  Question,
  QuestionType,
  SectionKind,
  AboutYouField,
} from '#shared/domain/draft/model';
import type { RichDoc } from '#shared/domain/draft/rich-text';
import type { DraftWithHistory } from '#shared/ipc/contract/draft';
import type { AppErrorShape, Result } from '#shared/core/errors';
import { call } from '../../lib/api';
import { useApp } from '../../app/store';

/**
 * The draft being edited. SQLite in the backend is the truth: this is a copy for display,
 * changed locally as the user types (so typing is instant) and saved through the contract — text
 * after a short pause, structure at once. Structural changes return the whole draft, which
 * replaces the copy.
 */
export type Selection =
  | { kind: 'details' }
  | { kind: 'section'; id: string }
  | { kind: 'question'; id: string }
  | { kind: 'about-you' }
  | { kind: 'privacy' }
  | { kind: 'preview' }
  | { kind: 'versions' };

interface DraftStore {
  draft: Draft | null;
  canUndo: boolean;
  canRedo: boolean;
  selection: Selection;
  error: AppErrorShape | null;
  /** Bumped when the draft is replaced from the backend (undo, redo, load), so editors reload their content. */
  revision: number;
  load: () => Promise<void>;
  reset: () => void;
  select: (s: Selection) => void;
  clearError: () => void;
  updateMetadata: (patch: Partial<DraftMetadata>) => void;
  updateSectionTitle: (id: string, title: string) => void;
  updateSectionBody: (id: string, body: RichDoc) => void;
  updateSectionKind: (id: string, kind: SectionKind) => Promise<void>;
  updateQuestion: (id: string, patch: Partial<Question>) => void;
  updatePrivacy: (patch: Partial<PrivacyNotice>) => void;
  updateAboutYou: (fields: AboutYouField[]) => Promise<void>;
  addSection: (kind: SectionKind, title: string, afterId?: string) => Promise<Result<unknown>>;
  deleteSection: (id: string) => Promise<Result<unknown>>;
  moveSection: (id: string, toIndex: number) => Promise<void>;
  addQuestion: (sectionId: string, type: QuestionType, afterId?: string) => Promise<void>;
  deleteQuestion: (id: string) => Promise<void>;
  moveQuestion: (id: string, sectionId: string, toIndex: number) => Promise<void>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  flush: () => Promise<void>;
  applyWhole: (r: DraftWithHistory) => void;
  /** Set a checker finding aside with a reason, or bring it back; the draft that comes back replaces the copy. */
  dismissFinding: (key: string, reason: string) => Promise<Result<unknown>>;
  restoreFinding: (key: string) => Promise<Result<unknown>>;
}

/** Pending text saves, keyed by what they save; the latest value wins. */
const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; run: () => Promise<Result<unknown>> }>();
const SAVE_DELAY_MS = 500;

function schedule(key: string, run: () => Promise<Result<unknown>>) {
  // Until the pause is over the change is only in this window: the header must not say "Saved".
  useApp.setState({ saveState: 'saving' });
  const prev = pending.get(key);
  if (prev) clearTimeout(prev.timer);
  const timer = setTimeout(() => {
    pending.delete(key);
    void save(run);
  }, SAVE_DELAY_MS);
  pending.set(key, { timer, run });
}

async function save(run: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
  const r = await run(); // a draft call: lib/api.ts tracks it for the header
  if (pending.size > 0 && r.ok) useApp.setState({ saveState: 'saving' });
  if (!r.ok) useDraft.setState({ error: r.error });
  else {
    const v = r.value as { canUndo?: boolean };
    if (typeof v?.canUndo === 'boolean') useDraft.setState({ canUndo: v.canUndo, canRedo: false });
  }
  return r;
}

async function flushAll(): Promise<void> {
  const runs = [...pending.values()];
  for (const p of runs) clearTimeout(p.timer);
  pending.clear();
  for (const p of runs) await save(p.run);
}

function patchDraft(fn: (d: Draft) => Draft) {
  const d = useDraft.getState().draft;
  if (d) useDraft.setState({ draft: fn(d) });
}

export const useDraft = create<DraftStore>()((set, get) => ({
  draft: null,
  canUndo: false,
  canRedo: false,
  selection: { kind: 'details' },
  error: null,
  revision: 0,

  async load() {
    const r = await call('draft.get', {});
    if (r.ok) get().applyWhole(r.value);
    else set({ error: r.error });
  },

  reset() {
    for (const p of pending.values()) clearTimeout(p.timer);
    pending.clear();
    set({ draft: null, canUndo: false, canRedo: false, selection: { kind: 'details' }, error: null });
  },

  select(selection) {
    void flushAll();
    set({ selection });
  },

  clearError() {
    set({ error: null });
  },

  applyWhole(r) {
    set((s) => ({ draft: r.draft, canUndo: r.canUndo, canRedo: r.canRedo, revision: s.revision + 1 }));
    // If what was selected no longer exists (undone, deleted), fall back to the details page.
    const sel = get().selection;
    if (
      (sel.kind === 'section' && !r.draft.sections.some((x) => x.id === sel.id)) ||
      (sel.kind === 'question' && !r.draft.questions.some((x) => x.id === sel.id))
    ) {
      set({ selection: { kind: 'details' } });
    }
  },

  updateMetadata(patch) {
    patchDraft((d) => ({ ...d, metadata: { ...d.metadata, ...patch } }));
    for (const key of Object.keys(patch)) {
      const k = key as keyof DraftMetadata;
      schedule(`meta:${k}`, () =>
        call('draft.updateMetadata', { patch: { [k]: get().draft!.metadata[k] } as Partial<DraftMetadata> }),
      );
    }
    if (patch.title !== undefined) {
      const ws = useApp.getState().workspace;
      if (ws) useApp.setState({ workspace: { ...ws, title: patch.title } });
    }
  },

  updateSectionTitle(id, title) {
    patchDraft((d) => ({ ...d, sections: d.sections.map((s) => (s.id === id ? { ...s, title } : s)) }));
    schedule(`section-title:${id}`, () =>
      call('draft.updateSection', { id, title: get().draft!.sections.find((s) => s.id === id)?.title ?? title }),
    );
  },

  updateSectionBody(id, body) {
    patchDraft((d) => ({ ...d, sections: d.sections.map((s) => (s.id === id ? { ...s, body } : s)) }));
    schedule(`section-body:${id}`, () =>
      call('draft.updateSection', { id, body: get().draft!.sections.find((s) => s.id === id)?.body ?? body }),
    );
  },

  async updateSectionKind(id, kind) {
    patchDraft((d) => ({ ...d, sections: d.sections.map((s) => (s.id === id ? { ...s, kind } : s)) }));
    await save(() => call('draft.updateSection', { id, kind }));
  },

  updateQuestion(id, patch) {
    patchDraft((d) => ({ ...d, questions: d.questions.map((q) => (q.id === id ? { ...q, ...patch } : q)) }));
    for (const key of Object.keys(patch)) {
      const k = key as keyof Question;
      if (k === 'id' || k === 'sectionId') continue;
      schedule(`question:${id}:${k}`, () => {
        const q = get().draft!.questions.find((x) => x.id === id);
        return q
          ? call('draft.updateQuestion', { id, patch: { [k]: q[k] } })
          : Promise.resolve({ ok: true as const, value: null });
      });
    }
  },

  updatePrivacy(patch) {
    patchDraft((d) => ({ ...d, privacyNotice: { ...d.privacyNotice, ...patch } }));
    for (const key of Object.keys(patch)) {
      const k = key as keyof PrivacyNotice;
      schedule(`privacy:${k}`, () => call('draft.updatePrivacy', { patch: { [k]: get().draft!.privacyNotice[k] } }));
    }
  },

  async updateAboutYou(fields) {
    patchDraft((d) => ({ ...d, aboutYou: fields }));
    await flushAll();
    const r = await save(() => call('draft.updateAboutYou', { fields }));
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
  },

  async addSection(kind, title, afterId) {
    await flushAll();
    const r = await save(() => call('draft.addSection', { kind, title, ...(afterId ? { afterId } : {}) }));
    if (r.ok) {
      const v = r.value as DraftWithHistory & { id: string };
      get().applyWhole(v);
      set({ selection: { kind: 'section', id: v.id } });
    }
    return r;
  },

  async deleteSection(id) {
    await flushAll();
    const r = await save(() => call('draft.deleteSection', { id }));
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
    return r;
  },

  async moveSection(id, toIndex) {
    await flushAll();
    const r = await save(() => call('draft.moveSection', { id, toIndex }));
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
  },

  async addQuestion(sectionId, type, afterId) {
    await flushAll();
    const r = await save(() => call('draft.addQuestion', { sectionId, type, ...(afterId ? { afterId } : {}) }));
    if (r.ok) {
      const v = r.value as DraftWithHistory & { id: string };
      get().applyWhole(v);
      set({ selection: { kind: 'question', id: v.id } });
    }
  },

  async deleteQuestion(id) {
    await flushAll();
    const r = await save(() => call('draft.deleteQuestion', { id }));
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
  },

  async moveQuestion(id, sectionId, toIndex) {
    await flushAll();
    const r = await save(() => call('draft.moveQuestion', { id, sectionId, toIndex }));
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
  },

  async undo() {
    await flushAll();
    const r = await save(() => call('draft.undo', {}));
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
  },

  async redo() {
    await flushAll();
    const r = await save(() => call('draft.redo', {}));
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
  },

  flush: flushAll,

  async dismissFinding(key, reason) {
    const r = await call('draft.dismissFinding', { key, reason });
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
    return r;
  },

  async restoreFinding(key) {
    const r = await call('draft.restoreFinding', { key });
    if (r.ok) get().applyWhole(r.value as DraftWithHistory);
    return r;
  },
}));

/** Send whatever is waiting when the window is hidden or closed. */
if (typeof window !== 'undefined') {
  const now = () => void flushAll();
  window.addEventListener('pagehide', now);
  window.addEventListener('beforeunload', now);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') now();
  });
}
