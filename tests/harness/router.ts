import { Router } from '#electron/services/router/router';
import { SettingsStore } from '#electron/services/core/settings/settings-store';
import type { Channel } from '#shared/ipc/channels';
import type { In, Out } from '#shared/ipc/contract';
import type { AppEvents } from '#shared/ipc/contract';

/** A real Router over real services, rooted in a temp folder, with a typed `call` that throws on errors. */
/**
 * `taskWorker`: read survey exports (and write workbooks) in the bundled task worker, as the app and the CLI do
 * (harness/task-worker.ts).
 */
export function testRouter(
  dir: string,
  clock: () => Date = () => new Date(),
  opts: { background?: boolean; taskWorker?: string; actor?: string } = {},
) {
  const events: { event: keyof AppEvents; payload: unknown }[] = [];
  const router = new Router(
    {
      settings: new SettingsStore(`${dir}/config`),
      clock,
      actor: opts.actor ?? 'tester',
      env: { version: '0.0.0-test', shell: 'cli', nativeDialogs: false, platform: 'linux', defaultFolder: dir },
      background: opts.background ?? false,
      ...(opts.taskWorker ? { taskWorker: { file: opts.taskWorker } } : {}),
    },
    (_s, event, payload) => events.push({ event, payload }),
  );
  async function call<K extends Channel>(channel: K, input: In<K>, session = 's'): Promise<Out<K>> {
    const r = await router.dispatch(session, channel, input);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}: ${r.error.message}`), { error: r.error });
    return r.value as Out<K>;
  }
  async function fails<K extends Channel>(channel: K, input: unknown, session = 's') {
    const r = await router.dispatch(session, channel, input);
    if (r.ok) throw new Error(`${channel} was expected to fail`);
    return r.error;
  }
  return { router, call, fails, events };
}
