import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/temp';
import { analysisWorkspace, importGenerated, type Ws } from '../../unit/analysis-app/helpers';
import { exampleDraft } from '#shared/domain/draft/example';
import { connectTeamDb } from '#electron/services/team/connection';
import { useSchema } from '#electron/services/team/server-migrate';
import { serverTallies } from '#electron/services/team/server-tallies';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../../support/postgres';

/**
 * Tallies computed by PostgreSQL (team/server-tallies.ts) for a consultation no laptop holds whole: the same figures
 * as the laptop's, question by question, on 400 generated responses to every kind of question of the example
 * (single and multiple choice, scales, ranking, open, with blanks, "Other" and explanations), with one duplicate
 * resolved away so the active responses alone are counted.
 */
const t = tempDir('cw-team-tallies-');
let server: ThrowawayPostgres | null;
let lead: Ws;

beforeAll(async () => {
  server = await startThrowawayPostgres();
  if (!server) return;
  lead = await analysisWorkspace(t.dir, 'lead.consult');
  await importGenerated(lead, t.dir, 'answers.csv', { count: 400, seed: 7 });
  await lead.call('responses.detect', {});
  const first = (await lead.call('responses.duplicates', { status: 'open' }))[0];
  if (!first) throw new Error('the generated responses should hold a planted duplicate');
  await lead.call('responses.resolveDuplicates', {
    groupId: first.id,
    action: { kind: 'keep', responseId: first.members[0]!.responseId },
  });
  await lead.call('team.init', { server: server.url });
}, 180_000);

afterAll(async () => {
  await lead?.call('workspace.close', {}).catch(() => undefined);
  await server?.stop();
  t.cleanup();
});

describe.skipIf(!findPostgresBinaries())('tallies on the team server', () => {
  it('are the laptop’s figures, question by question, counted by SQL', async () => {
    const laptop = await lead.call('analysis.tallies', { campaigns: 'included' });
    const db = await connectTeamDb(server!.url);
    try {
      await useSchema(db, 'workbench');
      const onServer = await serverTallies(db, exampleDraft());
      expect(onServer.respondents).toBe(laptop.respondents);
      expect(onServer.views.filter((v) => v.tally).length).toBeGreaterThan(3);
      expect(onServer.views).toEqual(laptop.questions);
    } finally {
      await db.close();
    }
  });
});
