import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import { analysisWorkspace, hand, importResponses, CLOCK, type Ws } from '../../unit/analysis-app/helpers';
import { openReadOnly } from '#electron/services/core/db/workspace-file';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../../support/postgres';

/**
 * The "done when", through the Router on real workspace files and a real PostgreSQL: a lead publishes a
 * workspace, two analysts join it as copies in two folders, code the same question offline, sync, and the server
 * and every copy agree; a theme renamed on both copies and a government response edited on both are conflicts,
 * listed with both versions, and settled.
 */
const t = tempDir('cw-team-sync-');
const Q3 = 'example-q3';
let pgServer: ThrowawayPostgres | null;
let url: string;
let lead: Ws;
let alice: ReturnType<typeof testRouter>;
let bob: ReturnType<typeof testRouter>;
let ids: number[];
let cost: string;

beforeAll(async () => {
  pgServer = await startThrowawayPostgres();
  if (!pgServer) return;
  url = pgServer.url;
  lead = await analysisWorkspace(t.dir, 'lead.consult');
  await importResponses(
    lead,
    t.dir,
    'answers.csv',
    Array.from({ length: 12 }, (_, i) =>
      hand(i + 1, { respondingAs: 'individual' }, { [Q3]: { optionIds: [], text: `Answer ${i + 1} about cost` } }),
    ),
  );
  const list = await lead.call('analysis.answers', { questionId: Q3, offset: 0, limit: 100 });
  ids = list.rows.map((r) => r.responseId).sort((a, b) => a - b);
  cost = (await lead.call('analysis.saveTheme', { name: 'Cost', questionIds: [Q3] })).id;
  await lead.call('analysis.code', { responseId: ids[9]!, questionId: Q3, themeId: cost, action: 'add' });
  alice = testRouter(t.dir, CLOCK, { actor: 'alice' });
  bob = testRouter(t.dir, CLOCK, { actor: 'bob' });
}, 120_000);

afterAll(async () => {
  for (const r of [lead, alice, bob]) await r?.call('workspace.close', {}).catch(() => undefined);
  await pgServer?.stop();
  t.cleanup();
});

/** Active codings of a workspace file as "response/question/theme" strings, read without opening it for editing. */
async function codingsIn(path: string): Promise<string[]> {
  const ws = await openReadOnly(path, { integrityCheck: false });
  try {
    return ws.db
      .all<{ k: string }>(
        "SELECT response_id || '/' || question_id || '/' || theme_id AS k FROM coding WHERE removed_at IS NULL " +
          "AND coder_set = 'main' ORDER BY 1",
      )
      .map((r) => r.k);
  } finally {
    ws.db.close();
  }
}

async function serverCodings(): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ k: string }>(
      "SELECT DISTINCT (data->>'responseId') || '/' || (data->>'questionId') || '/' || (data->>'themeId') AS k " +
        "FROM workbench.state WHERE entity = 'coding' AND data->>'removedAt' IS NULL AND data->>'coderSet' = 'main' " +
        'ORDER BY 1',
    );
    return r.rows.map((x) => x.k).sort();
  } finally {
    await c.end();
  }
}

describe.skipIf(!findPostgresBinaries())('a team on one consultation', () => {
  it('publishes the lead’s workspace and makes two working copies from it', async () => {
    const st = await lead.call('team.init', { server: url });
    expect(st).toMatchObject({ schema: 'workbench', pending: 0, conflictsOpen: 0 });
    expect(st.server).not.toContain('password');
    const a = await alice.call('team.join', { server: url, path: join(t.dir, 'alice', 'copy.consult') });
    const b = await bob.call('team.join', { server: url, path: join(t.dir, 'bob', 'copy.consult') });
    expect(a.workspace.consultationId).toBe(lead.consultationId);
    expect(b.workspace.responses).toBe(12);
    expect(a.sync.status.replica).not.toBe(b.sync.status.replica);
    // The lead's coding came with the workspace.
    expect(await codingsIn(a.workspace.path)).toEqual([`${ids[9]}/${Q3}/${cost}`]);
  });

  it('codes the same question on two copies offline; after syncing the server and both copies agree', async () => {
    // Alice codes answers 1–5; Bob codes 4–8 (4 and 5 on both) and removes the lead's coding of answer 10.
    for (const id of ids.slice(0, 5))
      await alice.call('analysis.code', { responseId: id, questionId: Q3, themeId: cost, action: 'add' });
    for (const id of ids.slice(3, 8))
      await bob.call('analysis.code', { responseId: id, questionId: Q3, themeId: cost, action: 'add' });
    await bob.call('analysis.code', { responseId: ids[9]!, questionId: Q3, themeId: cost, action: 'remove' });
    expect((await alice.call('team.status', {}))!.pending).toBe(5);

    const s1 = await alice.call('team.sync', {});
    expect(s1.pushed).toBe(5);
    const s2 = await bob.call('team.sync', {});
    expect(s2.pulled).toBeGreaterThanOrEqual(5);
    const s3 = await alice.call('team.sync', {});
    expect(s3.pulled).toBeGreaterThan(0);
    await lead.call('team.sync', {});

    const want = ids
      .slice(0, 8)
      .map((id) => `${id}/${Q3}/${cost}`)
      .sort();
    expect(await serverCodings()).toEqual(want);
    for (const r of [alice, bob, lead]) {
      const path = (await r.call('workspace.current', {}))!.path;
      await r.call('workspace.close', {});
      expect(await codingsIn(path)).toEqual(want);
      await r.call('workspace.open', { path });
    }
    expect((await bob.call('team.status', {}))!).toMatchObject({ pending: 0, conflictsOpen: 0 });
  });

  it('removes a coding both copies had made, once one of them removes it having seen both', async () => {
    await alice.call('analysis.code', { responseId: ids[3]!, questionId: Q3, themeId: cost, action: 'remove' });
    // Meanwhile Bob codes answer 12, which Alice has not seen: a removal takes away only what its copy had seen.
    await bob.call('analysis.code', { responseId: ids[11]!, questionId: Q3, themeId: cost, action: 'add' });
    await alice.call('team.sync', {});
    await bob.call('team.sync', {});
    await alice.call('team.sync', {});
    const want = [...ids.slice(0, 3), ...ids.slice(4, 8), ids[11]!].map((id) => `${id}/${Q3}/${cost}`).sort();
    expect(await serverCodings()).toEqual(want);
    for (const r of [alice, bob]) {
      const path = (await r.call('workspace.current', {}))!.path;
      await r.call('workspace.close', {});
      expect(await codingsIn(path)).toEqual(want);
      await r.call('workspace.open', { path });
    }
  });

  it('lists a theme renamed on two copies as a conflict with both names, and settles it', async () => {
    await alice.call('analysis.saveTheme', { id: cost, name: 'Cost of living', questionIds: [Q3] });
    await bob.call('analysis.saveTheme', { id: cost, name: 'Charges and fees', questionIds: [Q3] });
    await alice.call('team.sync', {});
    const b = await bob.call('team.sync', {});
    expect(b.newConflicts).toHaveLength(1);
    const c = b.newConflicts[0]!;
    expect(c.subject).toBe('Theme “Charges and fees”');
    expect(c.versions.map((v) => [v.analyst, v.mine, v.summary])).toEqual([
      ['alice', false, 'Name: Cost of living'],
      ['bob', true, 'Name: Charges and fees'],
    ]);
    expect(c.rule).toContain('Both versions are kept');
    const a = await alice.call('team.sync', {});
    expect(a.newConflicts.map((x) => x.id)).toEqual([c.id]);
    // Alice settles it, keeping her name; both copies end with it and the conflict settled.
    await alice.call('team.resolveConflict', { id: c.id, keep: 0 });
    await bob.call('team.sync', {});
    for (const r of [alice, bob]) {
      const themes = await r.call('analysis.codebook', {});
      expect(themes.find((x) => x.id === cost)!.name).toBe('Cost of living');
      const list = await r.call('team.conflicts', {});
      expect(list[0]).toMatchObject({
        id: c.id,
        resolvedBy: pgServer!.superuser,
        resolution: 'Kept version 1 (alice)',
      });
      expect((await r.call('team.status', {}))!.conflictsOpen).toBe(0);
    }
  });

  it('keeps both versions of a government response edited on two copies: the last writer wins', async () => {
    await alice.call('analysis.saveText', {
      kind: 'question',
      questionId: Q3,
      part: 'response',
      text: 'We will cap charges.',
    });
    await bob.call('analysis.saveText', {
      kind: 'question',
      questionId: Q3,
      part: 'response',
      text: 'We will review charges.',
    });
    await bob.call('team.sync', {});
    const a = await alice.call('team.sync', {});
    expect(a.newConflicts).toHaveLength(1);
    expect(a.newConflicts[0]!.versions.map((v) => v.summary)).toEqual([
      'We will review charges.',
      'We will cap charges.',
    ]);
    await bob.call('team.sync', {});
    for (const r of [alice, bob]) {
      const texts = await r.call('analysis.texts', {});
      expect(JSON.stringify(texts)).toContain('We will cap charges.');
    }
  });
});
