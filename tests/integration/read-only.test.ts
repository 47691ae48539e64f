import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace } from '#electron/services/workspace/workspace-service';
import { tempDir } from '../harness/temp';
import { folderFingerprint } from '../harness/files';
import { openUpPath, runAsUnprivileged } from '../harness/as-user';
import { CLI_BUNDLE, ensureCliBuilt } from '../harness/cli';

const ROOT = join(__dirname, '..', '..');

describe('a workspace in a folder that cannot be written to', () => {
  it('is refused with a clear message, and nothing on disk changes', async () => {
    const t = tempDir('cw-ro-');
    openUpPath(t.dir);
    const p = t.path('readonly.consult');
    (await createWorkspace(p, 'Read only', 'tester')).close();
    chmodSync(p, 0o444);
    chmodSync(t.dir, 0o555);
    const before = folderFingerprint(t.dir);
    const r = runAsUnprivileged(['--import', 'tsx', join(ROOT, 'tests/harness/open-child.ts'), p], ROOT);
    chmodSync(t.dir, 0o755);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ ok: false, code: 'read-only' });
    expect(out.message).toMatch(/can't be written to/);
    expect(folderFingerprint(t.dir)).toEqual(before);
    t.cleanup();
  });

  it('the CLI will not create a workspace there, and says why', () => {
    ensureCliBuilt();
    const t = tempDir('cw-ro-');
    openUpPath(t.dir);
    chmodSync(t.dir, 0o555);
    const r = runAsUnprivileged([CLI_BUNDLE, 'new', t.path('x.consult'), '--title', 'X'], ROOT);
    chmodSync(t.dir, 0o755);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/can't be written to|cannot be written to/);
    expect(existsSync(t.path('x.consult'))).toBe(false);
    t.cleanup();
  });
});
