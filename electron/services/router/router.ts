import { contract, type AppEvents, type In, type Out } from '#shared/ipc/contract';
import { isChannel, type Channel } from '#shared/ipc/channels';
import { AppError, isAppError, type Result } from '#shared/core/errors';
import type { BackendChannel, HandlerContext, Services, Session } from '../core/session';
import { loadBackendHandler, type HandlerLoader } from './handler-groups';
import { stateOf } from '../workspace/workspace-service';
import { plainIssue } from './plain-issue';

export type EventSink = <E extends keyof AppEvents>(sessionId: string, event: E, payload: AppEvents[E]) => void;

export interface DispatchOptions {
  jobId?: string;
}

/**
 * The transport-free dispatcher. Electron IPC, the browser host and the CLI all hand it
 * (session, channel, raw input) and get a Result back. It validates input against the contract
 * (even though TypeScript checked it on the other side), runs one call at a time per session,
 * turns thrown errors into Results, and tracks cancellable jobs.
 */
export class Router {
  private sessions = new Map<string, Session>();
  private queues = new Map<string, Promise<unknown>>();
  private jobs = new Map<string, AbortController>();

  constructor(
    readonly services: Services,
    private readonly emit: EventSink = () => {},
    private readonly loadHandler: HandlerLoader = loadBackendHandler,
  ) {}

  session(id: string): Session {
    let s = this.sessions.get(id);
    if (!s) {
      s = { id, workspace: null };
      this.sessions.set(id, s);
    }
    return s;
  }

  /**
   * The typed way in for the CLI, tests and benchmarks: the same checks and queue as `dispatch`,
   * the input typed from the contract and the output too; a failure is thrown as the AppError it
   * was (its code, message and details).
   */
  async call<K extends BackendChannel>(
    sessionId: string,
    channel: K,
    input: In<K>,
    options: DispatchOptions = {},
  ): Promise<Out<K>> {
    const r = await this.dispatch(sessionId, channel, input, options);
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
    // dispatch answers with the handler's output for this channel: the contract types it.
    return r.value as Out<K>;
  }

  async dispatch(
    sessionId: string,
    channel: unknown,
    rawInput: unknown,
    options: DispatchOptions = {},
  ): Promise<Result<unknown>> {
    if (!isChannel(channel))
      return { ok: false, error: { code: 'unknown-channel', message: `Unknown call "${String(channel)}".` } };
    const spec = contract[channel];
    if (spec.kind === 'shell') {
      return {
        ok: false,
        error: { code: 'unsupported', message: `"${channel}" is answered by the app window, not the backend.` },
      };
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      return {
        ok: false,
        error: {
          code: 'invalid-input',
          message: plainIssue(issue),
          details: {
            ...(field ? { field } : {}),
            issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        },
      };
    }
    // Cancelling must not wait behind the job it cancels.
    if (channel === 'jobs.cancel' || channel === 'app.info') return this.run(sessionId, channel, parsed.data, options);
    const prev = this.queues.get(sessionId) ?? Promise.resolve();
    const next = prev.then(() => this.run(sessionId, channel, parsed.data, options));
    this.queues.set(
      sessionId,
      next.catch(() => undefined),
    );
    return next;
  }

  private async run(
    sessionId: string,
    channel: Exclude<Channel, never>,
    input: unknown,
    options: DispatchOptions,
  ): Promise<Result<unknown>> {
    const session = this.session(sessionId);
    const controller = new AbortController();
    if (options.jobId) this.jobs.set(options.jobId, controller);
    const ctx: HandlerContext = {
      session,
      services: this.services,
      signal: controller.signal,
      progress: (done, total, message) => {
        if (options.jobId) this.emit(sessionId, 'job.progress', { jobId: options.jobId, done, total, message });
      },
      emit: (event, payload) => this.emit(sessionId, event, payload),
      cancelJob: (jobId) => this.cancelJob(jobId),
    };
    const before = session.workspace;
    try {
      const handler = (await this.loadHandler(channel as BackendChannel)) as (i: unknown, c: HandlerContext) => unknown;
      const value = (await handler(input, ctx)) as Out<typeof channel>;
      const kind = contract[channel].kind;
      if (kind === 'mutation' || kind === 'job' || session.workspace !== before) {
        this.emit(sessionId, 'workspace.state', session.workspace ? stateOf(session.workspace) : null);
        if (this.services.background && session.workspace) this.followUp(session);
      }
      return { ok: true, value };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: (e as AppError).toShape() };
      if (controller.signal.aborted)
        return { ok: false, error: { code: 'cancelled', message: 'Cancelled. Nothing was changed.' } };
      // A stored value that no longer parses: the workspace is damaged somewhere opening does not read in full.
      if (e instanceof SyntaxError && /JSON/.test(e.message)) {
        return {
          ok: false,
          error: {
            code: 'corrupt',
            message:
              'Part of this workspace is damaged: a stored value could not be read. Nothing was changed. Run ' +
              'Verify to see where, and open a copy of the backup (.bak) if it fails.',
          },
        };
      }
      console.error(`[router] ${channel} failed:`, e);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Something went wrong (${(e as Error)?.message ?? 'unknown error'}). Nothing was changed.`,
        },
      };
    } finally {
      if (options.jobId) this.jobs.delete(options.jobId);
    }
  }

  private following = new Map<Session, Promise<void>>();

  /**
   * After a call that changed the workspace (or opened one): its follow-up work, in the background
   * once this call has returned (follow-up.ts). Again (twice at most) when the analysis cache could
   * not be completed because the answers changed while it ran.
   */
  private followUp(session: Session, attempt = 1): void {
    if (this.following.has(session)) return;
    const work = new Promise<boolean>((resolve) => {
      setImmediate(() => {
        const file = session.workspace;
        if (!file) return resolve(true);
        // Stops while a call writes part by part (an import): started again when that call returns.
        // Loaded on first use: only the app's backend does background work, and it pulls in the analysis code.
        void import('./follow-up')
          .then(({ followUp }) => followUp(file, () => session.workspace === file && !file.busy))
          .catch(() => true)
          .then(resolve);
      });
    }).then((settled) => {
      this.following.delete(session);
      if (!settled && attempt < 3 && session.workspace) this.followUp(session, attempt + 1);
    });
    this.following.set(session, work);
  }

  /** Resolves when a session's background follow-up work (if any) has finished: for benchmarks and tests. */
  async backgroundSettled(sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    for (let w = s && this.following.get(s); w; w = s && this.following.get(s)) await w;
  }

  cancelJob(jobId: string): boolean {
    const c = this.jobs.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }

  /** Fold old journal entries into snapshots. Called on a timer by the host. */
  snapshotDue(maxAgeMs: number): void {
    for (const s of this.sessions.values()) {
      try {
        s.workspace?.snapshotIfDue(maxAgeMs);
      } catch (e) {
        console.error('[router] periodic snapshot failed (changes remain safe in the journal):', e);
      }
    }
  }

  /** A window closed or a connection dropped: close what it had open. */
  async endSession(sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    await (this.queues.get(sessionId) ?? Promise.resolve());
    try {
      const warning = s.workspace?.close().warning;
      if (warning) console.error(`[router] ${warning}`);
    } catch (e) {
      console.error('[router] closing workspace failed (changes remain safe in the journal):', e);
    }
    s.workspace = null;
    this.sessions.delete(sessionId);
    this.queues.delete(sessionId);
  }

  async shutdown(): Promise<void> {
    for (const id of [...this.sessions.keys()]) await this.endSession(id);
  }
}
