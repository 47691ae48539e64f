import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { answerCacheIsCurrent, warmAnswerCache } from '../analysis/data-cache';
import { warmTallies } from '../analysis/tallies';
import { storeCounts } from '../analysis/stored-counts';
import { loadDraft } from '../draft/draft-service';
import { indexBacklogChunk } from '../responses/search-backlog';

/**
 * The backend's follow-up work after a call, done in the background (Services.background) a
 * chunk at a time with a turn for the event loop between chunks, so the window's calls are
 * answered meanwhile:
 * 1. the search index of a large import (search-backlog.ts), each chunk a saved change, so a
 *    crash or a close part way leaves the rest for next time;
 * 2. the analysis cache: every answer read (data-cache.ts), then every closed question encoded
 *    for the tallies, so the Analysis page opens on figures rather than a wait;
 * 3. the tallies' counts kept in the workspace when they changed (stored-counts.ts), so the first
 *    tallies after the workspace is next opened need not wait for step 2.
 * `current` says whether the workspace is still the one open. Resolves false when the cache could
 * not be completed because the answers changed meanwhile (the caller may try again).
 */
export async function followUp(file: WorkspaceFile, current: () => boolean): Promise<boolean> {
  try {
    // A call with nothing left to index writes nothing, so saves nothing.
    while (current() && file.mutate((db) => indexBacklogChunk(db))) await yieldToEvents();
  } catch (e) {
    // The disk refused a chunk (it stays in the backlog; a search finishes it), or the workspace closed.
    if (current()) console.error('[backend] building the search index in the background failed:', e);
    return true;
  }
  if (!current()) return true;
  if (!(await warmAnswerCache(file.db))) return false;
  try {
    await warmTallies(file.db, loadDraft(file.db), () => current() && answerCacheIsCurrent(file.db));
  } catch {
    // Closed underneath us: nothing to warm.
    return true;
  }
  try {
    if (current()) storeCounts(file);
  } catch (e) {
    // Derived data: a disk that refuses it loses nothing, and the next follow-up tries again.
    if (current()) console.error("[backend] keeping the tallies' counts in the workspace failed:", e);
  }
  return true;
}
