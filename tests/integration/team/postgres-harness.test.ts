import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { connectTeamDb } from '#electron/services/team/connection';
import { isAppError } from '#shared/core/errors';
import { startThrowawayPostgres } from '../../support/postgres';

/**
 * The throwaway PostgreSQL the team tests run against does what they rely on: a database and a
 * login role to connect as, a server killed with SIGKILL in the middle of a transaction and started
 * again (crash recovery: the committed rows are there, the uncommitted one is not), and nothing
 * left behind after stop. Skipped, with a printed line, where PostgreSQL is not installed.
 */
const server = await startThrowawayPostgres();

describe.skipIf(!server)('the throwaway PostgreSQL cluster', () => {
  it('serves a database and a role, survives kill -9 mid-transaction, and leaves nothing behind', async () => {
    if (!server) return;
    const env = { HOME: '/nonexistent' };
    const adminUrl = await server.createDatabase('harness');
    await server.createRole('coder', { login: true });
    const admin = await connectTeamDb(adminUrl, { env });
    await admin.query('CREATE TABLE codings (id int PRIMARY KEY, theme text)');
    await admin.query('GRANT SELECT, INSERT ON codings TO coder');
    await admin.close();

    const url = `postgresql://coder@127.0.0.1:${server.port}/harness`;
    const db = await connectTeamDb(url, { env });
    expect(db.user).toBe('coder');
    await db.query("INSERT INTO codings VALUES (1, 'committed')");
    await db.transaction(async (tx) => tx.query("INSERT INTO codings VALUES (2, 'committed in a transaction')"));

    // The server dies while this transaction's INSERT is not yet committed.
    const lost = await db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO codings VALUES (3, 'never committed')");
        server.kill9();
        await new Promise((r) => setTimeout(r, 100));
        await tx.query('SELECT 1');
      })
      .catch((e: unknown) => e);
    expect(isAppError(lost) && lost.details?.['reason']).toBe('connection-lost');
    await expect(db.query('SELECT 1')).rejects.toMatchObject({ code: 'io' });
    await db.close();

    const down = await connectTeamDb(url, { env, connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(isAppError(down) && down.details?.['reason']).toBe('unreachable');

    await server.restart();
    const again = await connectTeamDb(url, { env });
    expect(await again.query('SELECT id, theme FROM codings ORDER BY id')).toEqual([
      { id: 1, theme: 'committed' },
      { id: 2, theme: 'committed in a transaction' },
    ]);
    await again.close();

    expect(existsSync(server.dataDir)).toBe(true);
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    expect(existsSync(dirname(server.dataDir))).toBe(false);
  });
});
