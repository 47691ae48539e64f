import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { connectTeamDb } from '#electron/services/team/connection';
import type { TeamDb } from '#electron/services/team/team-db';
import { isAppError } from '#shared/core/errors';
import { startThrowawayPostgres } from '../../support/postgres';
import { tempDir } from '../../harness/temp';

/**
 * connectTeamDb against a real PostgreSQL (a throwaway cluster where every login needs a password):
 * where the password comes from (the address, PGPASSWORD, a real ~/.pgpass by libpq's rules), what
 * a failed connection says (and that it never says the password), and TeamDb's queries and
 * transactions as the sync code will use them. Skipped, with a printed line, without PostgreSQL.
 */
const server = await startThrowawayPostgres({ passwordAuth: true });
afterAll(() => server?.stop());

// A password with what .pgpass has to escape in it.
const PASSWORD = 'c0l:on\\slash';
const roleUrl = (user: string) => `postgresql://${user}@127.0.0.1:${server?.port}/team`;

let t: ReturnType<typeof tempDir>;
/** No PG* settings from the machine running the tests, and a HOME with no .pgpass of its own. */
let env: Record<string, string>;
beforeEach(() => {
  t = tempDir('cw-team-int-');
  env = { HOME: t.dir };
  return () => t.cleanup();
});

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details?: object }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected the connection to fail');
}

describe.skipIf(!server)('connectTeamDb against a real PostgreSQL', () => {
  if (!server) return;
  beforeAll(async () => {
    const adminUrl = await server.createDatabase('team');
    await server.createRole('analyst', { login: true, password: PASSWORD });
    // PostgreSQL 15 lets only the owner create in `public`: the analyst gets a schema of its own,
    // first on its search_path ("$user").
    const admin = await connectTeamDb(adminUrl, { env });
    await admin.query('CREATE SCHEMA analyst AUTHORIZATION analyst');
    await admin.close();
  });

  describe('the password', () => {
    it('comes from a real ~/.pgpass, escapes and all, and the server knows the role', async () => {
      writeFileSync(t.path('.pgpass'), `# the team server\n127.0.0.1:${server.port}:team:analyst:c0l\\:on\\\\slash\n`, {
        mode: 0o600,
      });
      const db = await connectTeamDb(roleUrl('analyst'), { env });
      try {
        expect(db.user).toBe('analyst');
        const [row] = await db.query<{ app: string; who: string }>(
          "SELECT current_setting('application_name') AS app, session_user AS who",
        );
        expect(row).toEqual({ app: 'Consultation Workbench', who: 'analyst' });
      } finally {
        await db.close();
      }
    });

    it('from PGPASSFILE, matched by wildcards', async () => {
      const file = t.path('team.pgpass');
      writeFileSync(file, `*:*:*:analyst:c0l\\:on\\\\slash\n`, { mode: 0o600 });
      const db = await connectTeamDb(roleUrl('analyst'), { env: { ...env, PGPASSFILE: file } });
      expect(db.user).toBe('analyst');
      await db.close();
    });

    it('is not read from a .pgpass others can read, and the refusal says why', async () => {
      writeFileSync(t.path('.pgpass'), `*:*:*:analyst:c0l\\:on\\\\slash\n`);
      chmodSync(t.path('.pgpass'), 0o644);
      const e = await failure(connectTeamDb(roleUrl('analyst'), { env }));
      expect(e.code).toBe('forbidden');
      expect(e.message).toContain('"analyst"');
      expect(e.message).toContain('chmod 600');
    });

    it('from PGPASSWORD, or from the address itself (for connecting; it is never stored)', async () => {
      const a = await connectTeamDb(roleUrl('analyst'), { env: { ...env, PGPASSWORD: PASSWORD } });
      expect(a.user).toBe('analyst');
      await a.close();
      const url = `postgresql://analyst:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}/team`;
      const b = await connectTeamDb(url, { env });
      expect(b.user).toBe('analyst');
      await b.close();
    });

    it('none anywhere: says where to put one', async () => {
      const e = await failure(connectTeamDb(roleUrl('analyst'), { env }));
      expect(e).toMatchObject({ code: 'forbidden', details: { reason: 'auth', user: 'analyst' } });
      expect(e.message).toContain('PGPASSWORD');
      expect(e.message).toContain('.pgpass');
    });

    it('a wrong one: the login is refused, naming the user and never the password', async () => {
      const url = `postgresql://analyst:Wrong-Secret-42@127.0.0.1:${server.port}/team`;
      const e = await failure(connectTeamDb(url, { env }));
      expect(e).toMatchObject({ code: 'forbidden', details: { reason: 'auth', user: 'analyst' } });
      expect(e.message).toContain('"analyst"');
      expect(JSON.stringify(e)).not.toContain('Wrong-Secret-42');
    });
  });

  describe('a failed connection says what failed', () => {
    it('a database that does not exist', async () => {
      const url = `postgresql://analyst@127.0.0.1:${server.port}/no_such_db`;
      const e = await failure(connectTeamDb(url, { env: { ...env, PGPASSWORD: PASSWORD } }));
      expect(e).toMatchObject({ code: 'not-found', details: { reason: 'no-database', database: 'no_such_db' } });
      expect(e.message).toContain('"no_such_db"');
    });

    it('a server that is not there: the host and port', async () => {
      const port = await unusedPort();
      const e = await failure(connectTeamDb(`postgresql://analyst:pw-not-shown@127.0.0.1:${port}/team`, { env }));
      expect(e).toMatchObject({ code: 'io', details: { reason: 'unreachable', port } });
      expect(e.message).toContain(`127.0.0.1:${port}`);
      expect(e.message).not.toContain('pw-not-shown');
    });
  });

  describe('TeamDb', () => {
    let db: TeamDb;
    let other: TeamDb;
    const connect = () => connectTeamDb(roleUrl('analyst'), { env: { ...env, PGPASSWORD: PASSWORD } });

    it('runs statements with $1 parameters and returns the rows', async () => {
      db = await connect();
      other = await connect();
      await db.query('CREATE TABLE codings (id int PRIMARY KEY, theme text, meta jsonb)');
      await db.query('INSERT INTO codings VALUES ($1, $2, $3)', [1, 'cost', { by: 'a' }]);
      expect(await db.query('SELECT id, theme, meta FROM codings')).toEqual([
        { id: 1, theme: 'cost', meta: { by: 'a' } },
      ]);
    });

    it('commits a transaction, and rolls it back when it throws', async () => {
      const got = await db.transaction(async (tx) => {
        await tx.query("INSERT INTO codings VALUES (2, 'access')");
        return 'done';
      });
      expect(got).toBe('done');
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO codings VALUES (3, 'rolled back')");
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect((await other.query('SELECT id FROM codings ORDER BY id')).map((r) => r['id'])).toEqual([1, 2]);
    });

    it('a nested transaction runs inside the outer one: undone with it, or alone when the outer catches', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.transaction(async (inner) => inner.query("INSERT INTO codings VALUES (4, 'inner')"));
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await other.query('SELECT id FROM codings WHERE id = 4')).toEqual([]);

      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO codings VALUES (5, 'outer')");
        await tx
          .transaction(async (inner) => inner.query("INSERT INTO codings VALUES (5, 'duplicate key')"))
          .catch(() => undefined);
        await tx.query("INSERT INTO codings VALUES (6, 'after')");
      });
      expect((await other.query('SELECT id FROM codings WHERE id >= 5 ORDER BY id')).map((r) => r['id'])).toEqual([
        5, 6,
      ]);
    });

    it('repeatable-read sees one snapshot, whatever commits meanwhile (read-committed sees the commit)', async () => {
      let id = 100;
      const countTwice = (isolation: 'read-committed' | 'repeatable-read') =>
        db.transaction(async (tx) => {
          const count = async () => (await tx.query<{ n: string }>('SELECT count(*) AS n FROM codings'))[0]?.n;
          const before = await count();
          await other.query("INSERT INTO codings VALUES ($1, 'meanwhile')", [id++]);
          return [before, await count()];
        }, isolation);
      const [rrBefore, rrAfter] = await countTwice('repeatable-read');
      expect(rrAfter).toBe(rrBefore);
      const [rcBefore, rcAfter] = await countTwice('read-committed');
      expect(Number(rcAfter)).toBe(Number(rcBefore) + 1);
      const level = (isolation: 'read-committed' | 'repeatable-read') =>
        db.transaction(
          async (tx) => (await tx.query<{ l: string }>("SELECT current_setting('transaction_isolation') AS l"))[0]?.l,
          isolation,
        );
      expect(await level('repeatable-read')).toBe('repeatable read');
      expect(await level('read-committed')).toBe('read committed');
    });

    it('a query from elsewhere in the program waits for a running transaction, rather than landing in it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = db.transaction(async (t1) => {
        await t1.query("INSERT INTO codings VALUES (8, 'in tx')");
        await gate;
        throw new Error('roll back');
      });
      await new Promise((r) => setTimeout(r, 50));
      const outside = db.query("INSERT INTO codings VALUES (9, 'outside')");
      release();
      await expect(tx).rejects.toThrow('roll back');
      await outside;
      expect((await other.query('SELECT id FROM codings WHERE id IN (8, 9)')).map((r) => r['id'])).toEqual([9]);
    });

    it('passes SQL errors on with their SQLSTATE, and the connection carries on', async () => {
      const e = await db.query("INSERT INTO codings VALUES (1, 'again')").catch((x: unknown) => x);
      expect((e as { code?: string }).code).toBe('23505');
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await db.close();
      await other.close();
      await expect(db.query('SELECT 1')).rejects.toThrow('closed');
    });
  });
});

/** A port nothing listens on (taken, then let go). */
function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}
