import { create } from 'zustand';
import type { AppInfo } from '#shared/ipc/contract/app';
import type { RecentEntry, WorkspaceState, WorkspaceSummary } from '#shared/domain/workspace';
import type { AppErrorShape, Result } from '#shared/core/errors';
import { call } from '../lib/api';
import { trackSaves } from '../lib/save-tracking';
import type { In } from '#shared/ipc/contract';
import { hashToRoute, routeToHash, type Route, type WorkspaceTab } from './routes';

export type SaveState = 'saved' | 'saving' | 'error';

export interface Banner {
  kind: 'success' | 'important';
  text: string;
}

interface AppStore {
  info: AppInfo | null;
  startupError: AppErrorShape | null;
  route: Route;
  workspace: WorkspaceSummary | null;
  durability: WorkspaceState | null;
  saveState: SaveState;
  saveError: string | null;
  /** When this window's last change was reported saved (the Overview's "Last saved"). */
  lastSavedAt: string | null;
  pending: number;
  recent: RecentEntry[];
  banner: Banner | null;

  init: () => Promise<void>;
  navigate: (route: Route) => void;
  setRouteFromHash: (hash: string) => void;
  setBanner: (b: Banner | null) => void;
  refreshRecent: () => Promise<void>;
  removeRecent: (path: string) => Promise<void>;
  createWorkspace: (
    path: string,
    title: string,
    from?: In<'workspace.create'>['from'],
  ) => Promise<Result<WorkspaceSummary>>;
  openWorkspace: (path: string) => Promise<Result<WorkspaceSummary>>;
  /** A workspace the backend has already opened in this window (a team copy just joined): show it on `tab`. */
  showOpened: (workspace: WorkspaceSummary, tab: WorkspaceTab, banner: Banner | null) => void;
  saveAs: (path: string) => Promise<Result<WorkspaceSummary>>;
  closeWorkspace: () => Promise<void>;
  setTitle: (title: string) => Promise<Result<WorkspaceSummary>>;
  setDurability: (s: WorkspaceState | null) => void;
}

export const useApp = create<AppStore>()((set, get) => ({
  info: null,
  startupError: null,
  route: hashToRoute(typeof location === 'undefined' ? '' : location.hash),
  workspace: null,
  durability: null,
  saveState: 'saved',
  lastSavedAt: null,
  saveError: null,
  pending: 0,
  recent: [],
  banner: null,

  async init() {
    const info = await call('app.info', {});
    if (!info.ok) {
      set({ startupError: info.error });
      return;
    }
    set({ info: info.value });
    const [current, recent] = await Promise.all([call('workspace.current', {}), call('recent.list', {})]);
    if (recent.ok) set({ recent: recent.value });
    if (current.ok && current.value) set({ workspace: current.value });
    const { route, workspace } = get();
    if (route.page === 'workspace' && !workspace) get().navigate({ page: 'home' });
  },

  navigate(route) {
    const hash = routeToHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
    // A notification belongs to the page it was shown on.
    set({ route, banner: null });
  },

  setRouteFromHash(hash) {
    const route = hashToRoute(hash);
    if (route.page === 'workspace' && !get().workspace) {
      history.replaceState(null, '', routeToHash({ page: 'home' }));
      set({ route: { page: 'home' } });
      return;
    }
    set({ route });
  },

  setBanner(banner) {
    set({ banner });
  },

  async refreshRecent() {
    const r = await call('recent.list', {});
    if (r.ok) set({ recent: r.value });
  },

  async removeRecent(path) {
    const r = await call('recent.remove', { path });
    if (r.ok) set({ recent: r.value });
  },

  async createWorkspace(path, title, from) {
    const r = await call('workspace.create', { path, title, ...(from ? { from } : {}) });
    if (r.ok) {
      set({ workspace: r.value });
      get().navigate({ page: 'workspace', tab: 'overview' });
      set({ banner: { kind: 'success', text: `Workspace created and saved to ${r.value.path}` } });
      void get().refreshRecent();
    }
    return r;
  },

  async openWorkspace(path) {
    const r = await call('workspace.open', { path });
    if (r.ok) {
      set({ workspace: r.value, banner: null, saveState: 'saved', saveError: null });
      get().navigate({ page: 'workspace', tab: 'overview' });
      void get().refreshRecent();
    }
    return r;
  },

  showOpened(workspace, tab, banner) {
    set({ workspace, saveState: 'saved', saveError: null });
    get().navigate({ page: 'workspace', tab });
    set({ banner });
    void get().refreshRecent();
  },

  async saveAs(path) {
    const r = await call('workspace.saveAs', { path });
    if (r.ok) {
      set({ workspace: r.value });
      get().navigate({ page: 'workspace', tab: 'overview' });
      set({ banner: { kind: 'success', text: `Saved a copy. You are now working in ${r.value.path}` } });
      void get().refreshRecent();
    }
    return r;
  },

  async closeWorkspace() {
    const r = await call('workspace.close', {});
    if (!r.ok) {
      set({ saveState: 'error', saveError: r.error.message });
      return;
    }
    set({ workspace: null, durability: null, banner: null, saveState: 'saved', saveError: null, lastSavedAt: null });
    get().navigate({ page: 'home' });
    // Every change is saved in the journal, but the file could not be rewritten (a full disk): say so.
    if (r.value.warning) set({ banner: { kind: 'important', text: r.value.warning } });
    void get().refreshRecent();
  },

  async setTitle(title) {
    const r = await call('workspace.setTitle', { title });
    if (r.ok) set({ workspace: r.value });
    return r;
  },

  setDurability(durability) {
    set({ durability });
  },
}));

/**
 * The header's "Saving…" / "Saved": every call that changes the workspace (lib/save-tracking.ts)
 * counts as pending until it answers; a refusal of the input is the form's to show, not a failed save.
 */
trackSaves({
  begin() {
    useApp.setState((s) => ({ pending: s.pending + 1, saveState: 'saving' }));
  },
  end(r) {
    useApp.setState((s) => {
      const pending = s.pending - 1;
      if (!r.ok && r.error.code !== 'invalid-input') return { pending, saveState: 'error', saveError: r.error.message };
      const saveState = pending > 0 ? 'saving' : s.saveState === 'error' && !r.ok ? 'error' : 'saved';
      return {
        pending,
        saveState,
        saveError: r.ok ? null : s.saveError,
        ...(r.ok ? { lastSavedAt: new Date().toISOString() } : {}),
      };
    });
  },
});
