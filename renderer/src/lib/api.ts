import type { Channel } from '#shared/ipc/channels';
import type { AppEventsApi, CallOptions, In, Out } from '#shared/ipc/contract';
import type { AppErrorShape, Result } from '#shared/core/errors';
import { changesWorkspace, saveEnded, saveStarted } from './save-tracking';

/**
 * The only module that reads window.workbench. Everything else calls `call()` with a channel
 * from the contract and gets a typed Result; nothing in the renderer touches Node or the disk.
 * A call that changes the workspace (its kind in the contract) drives the header's save state.
 */
function bridge() {
  const wb = window.workbench;
  if (!wb) throw new Error('The app bridge is missing: this page must be opened through Consultation Workbench.');
  return wb;
}

export async function call<K extends Channel>(
  channel: K,
  input: In<K>,
  options?: CallOptions,
): Promise<Result<Out<K>>> {
  if (!changesWorkspace(channel)) return send(channel, input, options);
  saveStarted();
  const r = await send(channel, input, options);
  saveEnded(r);
  return r;
}

async function send<K extends Channel>(channel: K, input: In<K>, options?: CallOptions): Promise<Result<Out<K>>> {
  try {
    const fn = bridge().api[channel] as (i: In<K>, o?: CallOptions) => Promise<Result<Out<K>>>;
    return await fn(input, options);
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: (e as Error).message } };
  }
}

/** For code paths where failure is reported by the caller's catch. */
export class CallError extends Error {
  constructor(readonly error: AppErrorShape) {
    super(error.message);
  }
}

export async function callOrThrow<K extends Channel>(channel: K, input: In<K>, options?: CallOptions): Promise<Out<K>> {
  const r = await call(channel, input, options);
  if (!r.ok) throw new CallError(r.error);
  return r.value;
}

export function events(): AppEventsApi {
  return bridge().events;
}

export function hasBridge(): boolean {
  return !!window.workbench;
}

let jobCounter = 0;
export function newJobId(prefix = 'job'): string {
  jobCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${jobCounter}`;
}
