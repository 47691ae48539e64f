import { create } from 'zustand';
import type { ConflictView, SyncReport, TeamStatus } from '#shared/domain/team';
import { call } from '../../lib/api';
import { useAnalysis } from '../analysis/analysis-store';

/**
 * The Team page's state: the open workspace's team (null when it is not a team copy) and its conflicts. Publish,
 * sync and settling a conflict are jobs (useJob in the page); what they return comes back here through `synced`,
 * which also tells the Analysis page that colleagues' codings and themes may have arrived.
 */
interface TeamStore {
  /** undefined until read; null when the workspace is not a team copy. */
  status: TeamStatus | null | undefined;
  conflicts: ConflictView[];
  error: string | null;
  load: () => Promise<void>;
  /** A publish, sync or settled conflict: take its status, read the conflicts again, refresh what it touched. */
  synced: (result: TeamStatus | SyncReport) => Promise<void>;
  reset: () => void;
}

export const useTeam = create<TeamStore>()((set) => ({
  status: undefined,
  conflicts: [],
  error: null,

  async load() {
    const s = await call('team.status', {});
    if (!s.ok) return set({ error: s.error.message });
    set({ status: s.value, error: null });
    if (!s.value) return set({ conflicts: [] });
    const c = await call('team.conflicts', {});
    if (c.ok) set({ conflicts: c.value });
    else set({ error: c.error.message });
  },

  async synced(result) {
    const status = 'status' in result ? result.status : result;
    set({ status, error: null });
    // Colleagues' codings, themes, quotes and response texts may have come in.
    if (useAnalysis.getState().overview) useAnalysis.getState().changed();
    const c = await call('team.conflicts', {});
    if (c.ok) set({ conflicts: c.value });
    else set({ error: c.error.message });
  },

  reset() {
    set({ status: undefined, conflicts: [], error: null });
  },
}));
