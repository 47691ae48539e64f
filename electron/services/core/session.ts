import type { Channel, ShellChannel } from '#shared/ipc/channels';
import type { AppEvents, Contract, Out } from '#shared/ipc/contract';
import type { ParsedInputOf } from '#shared/ipc/spec';
import type { AppInfo } from '#shared/ipc/contract/app';
import type { WorkspaceFile, WorkspaceFileOptions } from './db/workspace-file';
import type { SettingsStore } from './settings/settings-store';
import type { WorkerSpec } from './workers/worker-spec';

/** One renderer connection (an Electron window, a browser tab, a CLI run) and what it has open. */
export interface Session {
  readonly id: string;
  workspace: WorkspaceFile | null;
}

/** What handlers need from the outside world: injected, so tests and the CLI can supply their own. */
export interface Services {
  settings: SettingsStore;
  clock: () => Date;
  /** Who is acting, for the audit log (the OS user name). */
  actor: string;
  env: Omit<AppInfo, 'name' | 'version'> & { version: string };
  /** Tuning for workspace files (tests shrink the snapshot thresholds). */
  workspaceOptions?: WorkspaceFileOptions;
  /**
   * Do follow-up work in the background, between calls (the app's backend): build the search index
   * of a large import after the import returns, and read the analysis caches after a workspace
   * opens or its responses change. Off for the CLI, whose commands are one call each (an import
   * there indexes before it returns), and by default in tests that check what is cached when.
   */
  background?: boolean;
  /**
   * The task worker's script beside the bundle (backend/task-worker.ts): a thread for the work
   * that need not hold the database — a survey export read and mapped while its rows are written
   * (survey-import/import-survey.ts), an analysis workbook's XML and ZIP made while its rows are read
   * (documents/reports/remote-workbook.ts). Without one (tests, the CLI run from source) the same work
   * runs in this thread.
   */
  taskWorker?: WorkerSpec | undefined;
}

export interface HandlerContext {
  session: Session;
  services: Services;
  /** Long jobs: report progress (a fraction is done/total). */
  progress(done: number, total: number, message: string): void;
  /** Long jobs: aborted when the user cancels. Check it between chunks of work. */
  signal: AbortSignal;
  emit<E extends keyof AppEvents>(event: E, payload: AppEvents[E]): void;
  /** Abort another running job of this process. */
  cancelJob(jobId: string): boolean;
}

export type BackendChannel = Exclude<Channel, ShellChannel>;

export type Handler<K extends Channel> = (
  input: ParsedInputOf<Contract[K]>,
  ctx: HandlerContext,
) => Out<K> | Promise<Out<K>>;

export type HandlerTable<K extends Channel = BackendChannel> = { [C in K]: Handler<C> };
