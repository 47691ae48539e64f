import { create } from 'zustand';
import type { AnalysisOverview, CodingProgress, ThemeView } from '#shared/coding/types';
import type { AppErrorShape } from '#shared/core/errors';
import { call } from '../../lib/api';
import { changeAction, type ChangeAction } from '../../lib/change-action';

/**
 * The Analysis page's state: the overview (questions with coding progress, settings, package),
 * the codebook, and what is selected. The database in the backend is the truth; this is a copy
 * refreshed after every change that affects it.
 */
export type QuestionTab = 'figures' | 'coding' | 'proposals' | 'themes' | 'quotes' | 'response';
export type View =
  | { kind: 'question'; questionId: string; tab: QuestionTab }
  | { kind: 'response' }
  | { kind: 'codebook' }
  | { kind: 'coders' };

interface AnalysisStore {
  overview: AnalysisOverview | null;
  codebook: ThemeView[];
  view: View | null;
  error: AppErrorShape | null;
  /** Bumped whenever codings or themes change, so panels reload what they show. */
  revision: number;
  load: () => Promise<void>;
  refresh: () => Promise<void>;
  select: (view: View) => void;
  changed: () => void;
  /** The coding queue's own count, shown in the sidebar at once (the full overview follows a little later). */
  setProgress: (questionId: string, progress: CodingProgress) => void;
  reset: () => void;
  // Changes to the codebook and settings: each one call; on success the panels read again.
  saveTheme: ChangeAction<'analysis.saveTheme'>;
  archiveTheme: ChangeAction<'analysis.archiveTheme'>;
  importCodebook: ChangeAction<'analysis.importCodebook'>;
  settings: ChangeAction<'analysis.settings'>;
  reviewSuggestions: ChangeAction<'analysis.reviewSuggestions'>;
  resolveConflicts: ChangeAction<'analysis.resolveConflicts'>;
  undoOperation: ChangeAction<'analysis.undoOperation'>;
  removeQuote: ChangeAction<'analysis.removeQuote'>;
}

export const useAnalysis = create<AnalysisStore>()((set, get) => ({
  overview: null,
  codebook: [],
  view: null,
  error: null,
  revision: 0,

  async load() {
    await get().refresh();
    const o = get().overview;
    if (!get().view && o) {
      const first =
        o.questions.find((q) => q.codable && q.progress.total > 0) ??
        o.questions.find((q) => q.codable) ??
        o.questions[0];
      set({
        view: first
          ? { kind: 'question', questionId: first.id, tab: o.package ? 'coding' : 'figures' }
          : { kind: 'codebook' },
      });
    }
  },

  async refresh() {
    const [o, c] = await Promise.all([call('analysis.overview', {}), call('analysis.codebook', {})]);
    if (o.ok) set({ overview: o.value, error: null });
    else set({ error: o.error });
    if (c.ok) set({ codebook: c.value });
  },

  select(view) {
    set({ view });
  },

  changed() {
    set((s) => ({ revision: s.revision + 1 }));
    void get().refresh();
  },

  setProgress(questionId, progress) {
    const o = get().overview;
    if (!o) return;
    set({ overview: { ...o, questions: o.questions.map((q) => (q.id === questionId ? { ...q, progress } : q)) } });
  },

  reset() {
    set({ overview: null, codebook: [], view: null, error: null, revision: 0 });
  },

  saveTheme: changeAction('analysis.saveTheme', () => get().changed()),
  archiveTheme: changeAction('analysis.archiveTheme', () => get().changed()),
  importCodebook: changeAction('analysis.importCodebook', () => get().changed()),
  settings: changeAction('analysis.settings', () => get().changed()),
  reviewSuggestions: changeAction('analysis.reviewSuggestions', () => get().changed()),
  resolveConflicts: changeAction('analysis.resolveConflicts', () => get().changed()),
  undoOperation: changeAction('analysis.undoOperation', () => get().changed()),
  removeQuote: changeAction('analysis.removeQuote', () => get().changed()),
}));
