import type { Channel } from '#shared/ipc/channels';
import type { In, Out } from '#shared/ipc/contract';
import type { Result } from '#shared/core/errors';
import { call } from './api';

/** A store action that changes the workspace through one contract call. */
export type ChangeAction<K extends Channel> = (input: In<K>) => Promise<Result<Out<K>>>;

/**
 * Make a feature store's action from a channel: it makes the call and, when the change is
 * accepted, runs `after` (the store's `changed()`: bump its revision and read its summary again),
 * so no component has to remember to refresh what a change affects. The header's save state comes
 * from the call's kind (lib/api.ts).
 */
export function changeAction<K extends Channel>(channel: K, after: () => void): ChangeAction<K> {
  return async (input) => {
    const r = await call(channel, input);
    if (r.ok) after();
    return r;
  };
}
