import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import { analysisWorkspace, hand, importResponses, CLOCK, type Ws } from '../../unit/analysis-app/helpers';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../../support/postgres';

/**
 * Who may do what is PostgreSQL's (server-schema/0002_roles.ts): the lead's publish creates the team's three group
 * roles; the DBA grants them to people's login roles. An analyst's changes reach the team, recorded with their
 * login role; a reader pulls but sends nothing; an analyst the lead has given one question sees and changes only
 * that question's work, and a change to another is refused with the reason.
 */
const t = tempDir('cw-team-roles-');
const Q1 = 'example-q1';
const Q3 = 'example-q3';
let server: ThrowawayPostgres | null;
let lead: Ws;
let ids: number[];
let cost: string;

const as = (user: string): string => {
  const u = new URL(server!.url);
  u.username = user;
  u.password = '';
  return u.toString();
};

async function admin<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: server!.url });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  server = await startThrowawayPostgres();
  if (!server) return;
  lead = await analysisWorkspace(t.dir, 'lead.consult');
  await importResponses(
    lead,
    t.dir,
    'answers.csv',
    Array.from({ length: 6 }, (_, i) =>
      hand(
        i + 1,
        { respondingAs: 'individual' },
        { [Q3]: { optionIds: [], text: `Answer ${i + 1} about cost` }, [Q1]: { optionIds: ['yes'], text: '' } },
      ),
    ),
  );
  ids = (await lead.call('analysis.answers', { questionId: Q3, offset: 0, limit: 100 })).rows
    .map((r) => r.responseId)
    .sort((a, b) => a - b);
  cost = (await lead.call('analysis.saveTheme', { name: 'Cost', questionIds: [] })).id;
  for (const name of ['alice', 'bob', 'dan']) await server.createRole(name, { login: true });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  t.cleanup();
});

describe.skipIf(!findPostgresBinaries())('roles and shared work on the team server', () => {
  it('creates the team’s roles when publishing, and makes the publisher its lead', async () => {
    const st = await lead.call('team.init', { server: server!.url });
    expect(st.role).toBe('lead');
    const roles = await admin<{ rolname: string; rolcanlogin: boolean }>(
      "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname IN ('workbench_lead', 'workbench_analyst', " +
        "'workbench_reader') ORDER BY 1",
    );
    expect(roles).toEqual([
      { rolname: 'workbench_analyst', rolcanlogin: false },
      { rolname: 'workbench_lead', rolcanlogin: false },
      { rolname: 'workbench_reader', rolcanlogin: false },
    ]);
    await admin('GRANT workbench_analyst TO alice, bob');
    await admin('GRANT workbench_reader TO dan');
  });

  it('refuses a login role with no team role, and cannot be written around team_push', async () => {
    await server!.createRole('eve', { login: true });
    const eve = testRouter(t.dir, CLOCK, { actor: 'eve' });
    const e = await eve.fails('team.join', { server: as('eve'), path: join(t.dir, 'eve.consult') });
    expect(e).toMatchObject({ code: 'forbidden' });
    expect(e.message).toContain('grant you workbench_analyst');
    // Alice, an analyst, may read the team's tables but not write them directly.
    const c = new pg.Client({ connectionString: as('alice') });
    await c.connect();
    try {
      await expect(c.query("DELETE FROM workbench.team_op WHERE replica <> ''")).rejects.toThrow(/permission denied/);
      await expect(c.query('UPDATE workbench.state SET data = NULL')).rejects.toThrow(/permission denied/);
    } finally {
      await c.end();
    }
  });

  it('records each change with the login role that made it; a reader pulls but sends nothing', async () => {
    const alice = testRouter(t.dir, CLOCK, { actor: 'alice' });
    const dan = testRouter(t.dir, CLOCK, { actor: 'dan' });
    const a = await alice.call('team.join', { server: as('alice'), path: join(t.dir, 'alice.consult') });
    expect(a.sync.status.role).toBe('analyst');
    const d = await dan.call('team.join', { server: as('dan'), path: join(t.dir, 'dan.consult') });
    expect(d.sync.status.role).toBe('reader');

    await alice.call('analysis.code', { responseId: ids[0]!, questionId: Q3, themeId: cost, action: 'add' });
    expect((await alice.call('team.sync', {})).pushed).toBe(1);
    const ops = await admin<{ role_name: string; analyst: string }>(
      "SELECT role_name, analyst FROM workbench.team_op WHERE entity = 'coding' ORDER BY seq DESC LIMIT 1",
    );
    expect(ops).toEqual([{ role_name: 'alice', analyst: 'alice' }]);

    await dan.call('analysis.code', { responseId: ids[1]!, questionId: Q3, themeId: cost, action: 'add' });
    const s = await dan.call('team.sync', {});
    expect(s.pushed).toBe(0);
    expect(s.pulled).toBe(1); // Alice's coding
    expect(s.notSent).toContain('Your role on the team is reader');
    expect(s.status.pending).toBe(1);
    await alice.call('workspace.close', {});
    await dan.call('workspace.close', {});
  });

  it('shows an analyst only the questions the lead shared with them, and refuses a change to another', async () => {
    await admin("INSERT INTO workbench.assignment (analyst, question_id) VALUES ('bob', $1)", [Q1]);
    const bob = testRouter(t.dir, CLOCK, { actor: 'bob' });
    const b = await bob.call('team.join', { server: as('bob'), path: join(t.dir, 'bob.consult') });
    // Alice's Q3 coding (after publishing) is not Bob's to see; the codebook (no question) is.
    expect(b.sync.pulled).toBe(0);
    const visible = await (async () => {
      const c = new pg.Client({ connectionString: as('bob') });
      await c.connect();
      try {
        return (
          await c.query<{ entity: string; question_id: string | null }>(
            'SELECT entity, question_id FROM workbench.state ORDER BY last_seq',
          )
        ).rows;
      } finally {
        await c.end();
      }
    })();
    expect(visible.every((r) => r.question_id === null || r.question_id === Q1)).toBe(true);
    expect(visible.some((r) => r.entity === 'theme')).toBe(true);

    await bob.call('analysis.code', { responseId: ids[2]!, questionId: Q3, themeId: cost, action: 'add' });
    const e = await bob.fails('team.sync', {});
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain(`the lead has not shared question ${Q3} with bob`);
    expect((await bob.call('team.status', {}))!.pending).toBe(1); // kept, to undo or send later
    await bob.call('workspace.close', {});
  });

  it('lets a lead who is not a superuser publish: CREATEROLE and CREATE on the database are enough', async () => {
    await admin('CREATE ROLE lena LOGIN CREATEROLE');
    await admin('GRANT CREATE ON DATABASE postgres TO lena');
    const own = await analysisWorkspace(t.dir, 'lena.consult', 'A second consultation');
    const st = await own.call('team.init', { server: as('lena'), schema: 'second' });
    expect(st.role).toBe('lead');
    const made = await admin<{ rolname: string }>(
      "SELECT rolname FROM pg_roles WHERE rolname LIKE 'second\\_%' ORDER BY 1",
    );
    expect(made.map((r) => r.rolname)).toEqual(['second_analyst', 'second_lead', 'second_reader']);
    await own.call('workspace.close', {});
  });
});
