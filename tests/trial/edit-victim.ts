/**
 * The victim of the trial's edit kills: the app's own backend (a Router over the real handlers)
 * with a workspace open, making the edits an official makes — the title, a question's hint, a new
 * question, a saved version — as fast as it can. After each call returns ok (the moment the
 * window would say "Saved") it prints "ACK <n>" synchronously. The trial kills it with SIGKILL and
 * checks that every acknowledged edit is in the workspace.
 *
 * Usage: node --import tsx tests/trial/edit-victim.ts <workspace> <start-n>
 */
import { writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from '#electron/services/router/router';
import { SettingsStore } from '#electron/services/core/settings/settings-store';

const [path, startArg] = process.argv.slice(2);
if (!path) throw new Error('usage: edit-victim <workspace> <start>');
let n = Number(startArg ?? 0);

const router = new Router({
  settings: new SettingsStore(join(tmpdir(), `cw-trial-victim-${process.pid}`)),
  clock: () => new Date(),
  actor: 'trial',
  env: { version: 'trial', shell: 'cli', nativeDialogs: false, platform: process.platform, defaultFolder: tmpdir() },
  workspaceOptions: { journalSnapshotBytes: 256 * 1024 },
});

async function call(channel: string, input: unknown): Promise<Record<string, unknown>> {
  const r = await router.dispatch('victim', channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

await call('workspace.open', { path });
const draft = (await call('draft.get', {})) as { draft: { questions: { id: string; sectionId: string }[] } };
const question = draft.draft.questions[0]!;
writeSync(1, 'READY\n');
for (;;) {
  const i = n++;
  switch (i % 5) {
    case 0:
    case 1:
      await call('workspace.setTitle', { title: `Edit ${i}` });
      break;
    case 2:
      await call('draft.updateQuestion', { id: question.id, patch: { hint: `Hint ${i}` } });
      break;
    case 3:
      await call('draft.addQuestion', { sectionId: question.sectionId, type: 'open_text' });
      break;
    default:
      await call('draft.saveVersion', { label: `Version ${i}` });
  }
  writeSync(1, `ACK ${i}\n`); // synchronous: once written, the parent reads it even if we die next
}
