import { contract } from '#shared/ipc/contract';
import type { Channel } from '#shared/ipc/channels';
import type { Result } from '#shared/core/errors';

/**
 * Which calls the header's "Saving…" / "Saved" follows, read from each channel's kind in the
 * contract: a 'mutation' or 'job' changes the workspace, so `call()` tracks it; a 'query' or
 * 'shell' call does not. This replaces a hand-written wrapper at every call site.
 */

/**
 * Kinds that say "changes the workspace" for calls the indicator has never followed: opening and
 * closing set the save state themselves (app/store.ts), and a preview or an export writes nothing
 * the official is waiting to see saved. (A per-call flag in shared/ipc would make this list go.)
 */
const NOT_FOLLOWED: ReadonlySet<Channel> = new Set<Channel>([
  'workspace.open',
  'workspace.close',
  'responses.preview',
  'outputs.export',
]);

export function changesWorkspace(channel: Channel): boolean {
  const kind = contract[channel].kind;
  return (kind === 'mutation' || kind === 'job') && !NOT_FOLLOWED.has(channel);
}

/** What the app store does when a tracked call starts and ends (registered once, at start-up). */
export interface SaveTracker {
  begin(): void;
  end(result: Result<unknown>): void;
}

let tracker: SaveTracker | null = null;

export function trackSaves(t: SaveTracker): void {
  tracker = t;
}

export function saveStarted(): void {
  tracker?.begin();
}

export function saveEnded(result: Result<unknown>): void {
  tracker?.end(result);
}
