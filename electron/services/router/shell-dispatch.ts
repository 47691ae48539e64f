import { contract, type Out } from '#shared/ipc/contract';
import type { ShellChannel } from '#shared/ipc/channels';
import type { ParsedInputOf } from '#shared/ipc/spec';
import { isAppError, type Result } from '#shared/core/errors';

/** The calls a shell answers itself. Electron implements them with native dialogs; the browser host mostly cannot. */
export type ShellHandlers = {
  [K in ShellChannel]: (input: ParsedInputOf<(typeof contract)[K]>, sessionId: string) => Promise<Out<K>>;
};

/** Validate and run a shell call, with the same Result shape as the backend router. */
export async function dispatchShell(
  handlers: ShellHandlers,
  channel: ShellChannel,
  raw: unknown,
  sessionId: string,
): Promise<Result<unknown>> {
  const parsed = contract[channel].input.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-input', message: parsed.error.issues[0]?.message ?? 'The request was not valid.' },
    };
  }
  try {
    const fn = handlers[channel] as (i: unknown, s: string) => Promise<unknown>;
    return { ok: true, value: await fn(parsed.data, sessionId) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.toShape() };
    return { ok: false, error: { code: 'internal', message: (e as Error)?.message ?? 'Something went wrong.' } };
  }
}
