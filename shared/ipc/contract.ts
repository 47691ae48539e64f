import type { Channel } from './channels';
import type { CallSpec, InputOf, OutputOf } from './spec';
import { appContract } from './contract/app';
import { workspaceContract } from './contract/workspace';
import { shellContract } from './contract/shell';
import { draftContract } from './contract/draft';
import { outputsContract } from './contract/outputs';
import { responsesContract } from './contract/responses';
import { analysisContract } from './contract/analysis';
import { teamContract } from './contract/team';
import type { Result } from '../core/errors';
import type { WorkspaceState } from '../domain/workspace';

/**
 * The one contract: every call the renderer may make, its input schema (validated on the main
 * side) and its result type. Electron IPC, the browser host's WebSocket bridge and the CLI all
 * dispatch through handlers typed against this map.
 */
export const contract = {
  ...appContract,
  ...workspaceContract,
  ...draftContract,
  ...outputsContract,
  ...responsesContract,
  ...analysisContract,
  ...teamContract,
  ...shellContract,
} as const satisfies Record<Channel, CallSpec>;

// Both directions: every contract key is a declared channel (above), and every channel has a spec.
type MissingSpecs = Exclude<Channel, keyof typeof contract>;
const _everyChannelHasASpec: MissingSpecs extends never ? true : MissingSpecs = true;
void _everyChannelHasASpec;

export type Contract = typeof contract;
export type In<K extends Channel> = InputOf<Contract[K]>;
export type Out<K extends Channel> = OutputOf<Contract[K]>;

export interface CallOptions {
  /** Set for long jobs: progress events carry it, and jobs.cancel takes it. */
  jobId?: string;
}

/** The API the preload (and the browser host's bridge) exposes as window.api: one function per call. */
export type AppApi = {
  readonly [K in Channel]: (input: In<K>, options?: CallOptions) => Promise<Result<Out<K>>>;
};

export type MenuCommand = 'new' | 'open' | 'open-recent' | 'save-as' | 'close' | 'about';

export interface AppEvents {
  'job.progress': { jobId: string; done: number; total: number; message: string };
  'workspace.state': WorkspaceState | null;
  'menu.command': { command: MenuCommand; path?: string };
  /** The background process stopped and was restarted: open workspaces were closed (nothing saved is lost). */
  'backend.restarted': { message: string };
}

/** Named subscriptions, one per event; each returns its unsubscribe function. */
export interface AppEventsApi {
  onJobProgress(listener: (e: AppEvents['job.progress']) => void): () => void;
  onWorkspaceState(listener: (e: AppEvents['workspace.state']) => void): () => void;
  onMenuCommand(listener: (e: AppEvents['menu.command']) => void): () => void;
  onBackendRestarted(listener: (e: AppEvents['backend.restarted']) => void): () => void;
}

export interface WindowApi {
  api: AppApi;
  events: AppEventsApi;
}
