import { create } from 'zustand';
import type { BatchSummary, ResponseFilters, ResponsesSummary } from '#shared/domain/responses/store';
import type { Draft } from '#shared/domain/draft/model';
import { call } from '../../lib/api';
import { changeAction, type ChangeAction } from '../../lib/change-action';
import type { In, Out } from '#shared/ipc/contract';
import type { Result } from '#shared/core/errors';

/**
 * The Responses page: which part is shown, the summary and batches at the top, and the browse
 * filters (kept while the official moves between parts). The backend is the truth; this holds
 * what was last read from it.
 */
export type ResponsesView =
  | 'overview'
  | 'import'
  | 'letter'
  | 'browse'
  | 'review'
  | 'campaigns'
  | 'duplicates'
  | 'organisations'
  | 'personal-data';

export const VIEW_LABELS: Record<ResponsesView, string> = {
  overview: 'Overview',
  import: 'Import',
  letter: 'Add a letter',
  browse: 'Browse and search',
  review: 'Rows to review',
  campaigns: 'Campaigns',
  duplicates: 'Duplicates',
  organisations: 'Organisations',
  'personal-data': 'Personal data',
};

interface ResponsesStore {
  view: ResponsesView;
  summary: ResponsesSummary | null;
  batches: BatchSummary[];
  draft: Draft | null;
  error: string | null;
  filters: ResponseFilters;
  query: string;
  /** Bumped when responses change, so open lists fetch again. */
  revision: number;
  openResponse: number | null;
  /** The workspace this state belongs to: another workspace starts afresh. */
  workspacePath: string | null;
  forWorkspace: (path: string | null) => void;
  /** Files the import wizard opens with (a consultation started from a survey export), taken once. */
  pendingImport: string[] | null;
  /** Start this workspace's Responses page at the import wizard, with these files chosen. */
  importWhenOpened: (workspacePath: string, paths: string[]) => void;
  takePendingImport: () => string[] | null;
  setView: (v: ResponsesView) => void;
  setFilters: (f: ResponseFilters) => void;
  setQuery: (q: string) => void;
  open: (id: number | null) => void;
  refresh: () => Promise<void>;
  changed: () => void;
  reset: () => void;
  // The page's changes: each one call, and on success what it affects is read again.
  decideCampaign: ChangeAction<'responses.decideCampaign'>;
  splitCampaign: ChangeAction<'responses.splitCampaign'>;
  resolveDuplicates: ChangeAction<'responses.resolveDuplicates'>;
  mergeOrganisations: ChangeAction<'responses.mergeOrganisations'>;
  revertMerge: ChangeAction<'responses.revertMerge'>;
  acceptRejected: ChangeAction<'responses.acceptRejected'>;
  discardRejected: ChangeAction<'responses.discardRejected'>;
  correct: ChangeAction<'responses.correct'>;
  addLetter: ChangeAction<'responses.addLetter'>;
  decidePersonalData: ChangeAction<'responses.decidePersonalData'>;
  /** Questions made from a survey export's columns: the page's copy of the draft is read before it resolves. */
  createQuestions: (input: In<'responses.createQuestions'>) => Promise<Result<Out<'responses.createQuestions'>>>;
}

/** What the page shows with nothing read yet: after another workspace is opened, and on reset. */
const EMPTY_VIEW = {
  view: 'overview',
  summary: null,
  batches: [],
  draft: null,
  error: null,
  filters: {},
  query: '',
  openResponse: null,
  pendingImport: null,
} satisfies Partial<ResponsesStore>;

export const useResponses = create<ResponsesStore>()((set, get) => ({
  ...EMPTY_VIEW,
  revision: 0,
  workspacePath: null,
  forWorkspace(path) {
    if (get().workspacePath !== path) set({ ...EMPTY_VIEW, workspacePath: path });
  },
  importWhenOpened(workspacePath, paths) {
    get().forWorkspace(workspacePath);
    set({ view: 'import', pendingImport: paths });
  },
  takePendingImport() {
    const paths = get().pendingImport;
    if (paths) set({ pendingImport: null });
    return paths;
  },
  setView: (view) => set({ view }),
  setFilters: (filters) => set({ filters }),
  setQuery: (query) => set({ query }),
  open: (openResponse) => set({ openResponse }),
  async refresh() {
    const [summary, batches, draft] = await Promise.all([
      call('responses.summary', {}),
      call('responses.batches', {}),
      call('draft.get', {}),
    ]);
    if (!summary.ok) return set({ error: summary.error.message });
    set({
      summary: summary.value,
      batches: batches.ok ? batches.value : get().batches,
      draft: draft.ok ? draft.value.draft : get().draft,
      error: null,
    });
  },
  changed() {
    set((s) => ({ revision: s.revision + 1 }));
    void get().refresh();
  },
  reset: () => set(EMPTY_VIEW),
  decideCampaign: changeAction('responses.decideCampaign', () => get().changed()),
  splitCampaign: changeAction('responses.splitCampaign', () => get().changed()),
  resolveDuplicates: changeAction('responses.resolveDuplicates', () => get().changed()),
  mergeOrganisations: changeAction('responses.mergeOrganisations', () => get().changed()),
  revertMerge: changeAction('responses.revertMerge', () => get().changed()),
  acceptRejected: changeAction('responses.acceptRejected', () => get().changed()),
  discardRejected: changeAction('responses.discardRejected', () => get().changed()),
  correct: changeAction('responses.correct', () => get().changed()),
  addLetter: changeAction('responses.addLetter', () => get().changed()),
  decidePersonalData: changeAction('responses.decidePersonalData', () => get().changed()),
  async createQuestions(input) {
    const r = await call('responses.createQuestions', input);
    if (r.ok) await get().refresh();
    return r;
  },
}));
