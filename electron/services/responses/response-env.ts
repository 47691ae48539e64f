import type { HandlerContext } from '../core/session';

/**
 * What the response services take from a call: the clock, the actor, the job's signal and progress, and where work may
 * go.
 */
export function responseEnv(ctx: HandlerContext) {
  return {
    now: ctx.services.clock(),
    actor: ctx.services.actor,
    signal: ctx.signal,
    progress: (d: number, t: number, m: string) => ctx.progress(d, t, m),
    deferSearchIndex: !!ctx.services.background,
    worker: ctx.services.taskWorker,
  };
}
