import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { parseTeamServer, storableServerUrl, isLocalHost } from '#electron/services/team/connection';
import { matchPgpass, passwordFromPgpass, parseServiceFile } from '#electron/services/team/libpq-files';
import { isAppError } from '#shared/core/errors';
import { tempDir } from '../../harness/temp';

/**
 * The team server's address, read as psql reads it (URL, service file, PG* environment), the TLS
 * rule for a server on another computer, passwords kept out of what is stored, and the password
 * file read by libpq's rules. No server: the integration tests connect to a real one.
 */

/** An environment with nothing from the machine running the tests, and a HOME of our own. */
let t: ReturnType<typeof tempDir>;
let env: Record<string, string>;
beforeEach(() => {
  t = tempDir('cw-team-conn-');
  env = { HOME: t.dir, PGSYSCONFDIR: t.path('sysconf') };
});
afterEach(() => t.cleanup());

/** The AppError a call throws. */
function thrown(fn: () => unknown): { code: string; message: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('parseTeamServer: the address', () => {
  it('reads every part of a postgresql:// URL', () => {
    const s = parseTeamServer('postgresql://alice@db.example.gov.uk:6543/consult?sslmode=verify-full', env);
    expect(s).toEqual({
      host: 'db.example.gov.uk',
      port: 6543,
      database: 'consult',
      user: 'alice',
      sslmode: 'verify-full',
      display: 'alice@db.example.gov.uk:6543/consult',
    });
  });

  it('accepts postgres:// too, and fills the gaps with libpq defaults', () => {
    const s = parseTeamServer('postgres://bob@localhost', env);
    expect(s).toMatchObject({ host: 'localhost', port: 5432, database: 'bob', user: 'bob', sslmode: 'prefer' });
  });

  it('decodes %-escapes: a user with an @, an IPv6 address, a socket folder as the host', () => {
    expect(parseTeamServer('postgresql://a%40dept@[::1]:5433/db', env)).toMatchObject({
      user: 'a@dept',
      host: '::1',
      port: 5433,
      display: 'a@dept@[::1]:5433/db',
    });
    expect(parseTeamServer('postgresql://%2Fvar%2Frun%2Fpostgresql/db', env).host).toBe('/var/run/postgresql');
    expect(parseTeamServer('postgresql:///db?host=/tmp/sock&port=5999', env)).toMatchObject({
      host: '/tmp/sock',
      port: 5999,
      database: 'db',
    });
  });

  it('takes what the URL leaves out from PGHOST, PGPORT, PGDATABASE, PGUSER and PGSSLMODE; the URL wins', () => {
    const e = {
      ...env,
      PGHOST: 'pg.internal',
      PGPORT: '5444',
      PGDATABASE: 'teamdb',
      PGUSER: 'carol',
      PGSSLMODE: 'verify-ca',
    };
    expect(parseTeamServer('postgresql://', e)).toMatchObject({
      host: 'pg.internal',
      port: 5444,
      database: 'teamdb',
      user: 'carol',
      sslmode: 'verify-ca',
    });
    expect(parseTeamServer('postgresql://dave@other.host/otherdb?sslmode=require', e)).toMatchObject({
      host: 'other.host',
      port: 5444,
      database: 'otherdb',
      user: 'dave',
      sslmode: 'require',
    });
  });

  it("reads libpq's keyword=value form, quotes and all", () => {
    expect(parseTeamServer("host=localhost port=5433 dbname='my db' user=erin", env)).toMatchObject({
      host: 'localhost',
      port: 5433,
      database: 'my db',
      user: 'erin',
    });
  });

  it('carries the schema the team workspace is in, and refuses a name that is not plain', () => {
    const s = parseTeamServer('postgresql://u@localhost/db?schema=bus_services', env);
    expect(s.schema).toBe('bus_services');
    expect(s.display).toBe('u@localhost:5432/db, schema bus_services');
    expect(thrown(() => parseTeamServer('postgresql://u@localhost/db?schema=Bus%22x', env))).toMatchObject({
      code: 'invalid-input',
      details: { field: 'schema' },
    });
  });

  it('refuses what it cannot use: an unknown setting, a bad port, several hosts, a broken escape', () => {
    const unknown = thrown(() => parseTeamServer('postgresql://u@localhost/db?sslmod=disable', env));
    expect(unknown).toMatchObject({ code: 'invalid-input', details: { field: 'sslmod' } });
    expect(unknown.message).toContain('"sslmod"');
    expect(thrown(() => parseTeamServer('postgresql://u@localhost:99999/db', env)).details).toEqual({ field: 'port' });
    expect(thrown(() => parseTeamServer('postgresql://u@a:5432,b:5432/db', env)).details).toEqual({ field: 'host' });
    expect(thrown(() => parseTeamServer('postgresql://u@localhost/d%zzb', env)).code).toBe('invalid-input');
    expect(thrown(() => parseTeamServer('mysql://u:pw@localhost/db', env)).code).toBe('invalid-input');
    expect(thrown(() => parseTeamServer('postgresql://u@localhost/db?sslmode=sometimes', env)).details).toEqual({
      field: 'sslmode',
    });
  });

  it('never repeats a password in a refusal', () => {
    for (const url of [
      'mysql://u:hunter2-secret@localhost/db',
      'postgresql://u:hunter2-secret@localhost:0/db',
      'postgresql://u:hunter2-secret@remote.example/db?sslmode=disable',
      'postgresql://u:hunter2-secret@localhost/db?bogus=1',
    ]) {
      expect(thrown(() => parseTeamServer(url, env)).message).not.toContain('hunter2');
    }
  });
});

describe('parseTeamServer: TLS is required except to this computer', () => {
  it('counts localhost, 127.0.0.1, ::1 and a socket folder as this computer', () => {
    for (const host of ['localhost', '127.0.0.1', '::1', '/var/run/postgresql']) expect(isLocalHost(host)).toBe(true);
    for (const host of ['db.example.gov.uk', '10.0.0.5', '127.0.0.2', 'localhost.evil.example']) {
      expect(isLocalHost(host)).toBe(false);
    }
  });

  it('allows any sslmode to this computer, and plain by default (nothing crosses a network)', () => {
    expect(parseTeamServer('postgresql://u@localhost/db?sslmode=disable', env).sslmode).toBe('disable');
    expect(parseTeamServer('postgresql://u@127.0.0.1/db', env).sslmode).toBe('prefer');
    expect(parseTeamServer('postgresql://u@%2Ftmp/db', env).sslmode).toBe('prefer');
  });

  it('treats a server on another computer with no sslmode as require, never plain', () => {
    expect(parseTeamServer('postgresql://u@db.example.gov.uk/db', env).sslmode).toBe('require');
    for (const mode of ['require', 'verify-ca', 'verify-full']) {
      expect(parseTeamServer(`postgresql://u@db.example.gov.uk/db?sslmode=${mode}`, env).sslmode).toBe(mode);
    }
  });

  it('refuses sslmode=disable (or allow, or prefer) to another computer, naming the host and why', () => {
    const e = thrown(() => parseTeamServer('postgresql://u@db.example.gov.uk/db?sslmode=disable', env));
    expect(e.code).toBe('invalid-input');
    expect(e.details).toEqual({ field: 'sslmode', host: 'db.example.gov.uk' });
    expect(e.message).toContain('db.example.gov.uk');
    expect(e.message).toContain('encrypted');
    expect(e.message).toContain('sslmode=disable (from the address)');
    for (const mode of ['allow', 'prefer']) {
      expect(thrown(() => parseTeamServer(`postgresql://u@10.1.2.3/db?sslmode=${mode}`, env)).code).toBe(
        'invalid-input',
      );
    }
  });

  it('says so when the plain mode came from PGSSLMODE rather than the address', () => {
    const e = thrown(() => parseTeamServer('postgresql://u@db.example.gov.uk/db', { ...env, PGSSLMODE: 'disable' }));
    expect(e.message).toContain('sslmode=disable (from $PGSSLMODE)');
  });
});

describe('storableServerUrl: no password is ever stored', () => {
  it('takes the password out of the user part and out of a password= setting, and keeps the rest as given', () => {
    expect(storableServerUrl('postgresql://alice:s3cr%40t@db.example.gov.uk:5432/consult?sslmode=verify-full')).toBe(
      'postgresql://alice@db.example.gov.uk:5432/consult?sslmode=verify-full',
    );
    expect(storableServerUrl('postgres://alice@h/db?password=s3cret&schema=team')).toBe(
      'postgres://alice@h/db?schema=team',
    );
    expect(storableServerUrl('postgresql://alice:pw@h/db?password=pw')).toBe('postgresql://alice@h/db');
    expect(storableServerUrl('postgresql://:pw@h')).toBe('postgresql://@h');
  });

  it('leaves an address with no password exactly as it was', () => {
    for (const url of [
      'postgresql://alice@db.example.gov.uk:5432/consult?sslmode=verify-full',
      'postgresql://db.example.gov.uk:5432/consult',
      'postgresql://[::1]:5432/db',
      'postgresql:///db?service=team',
    ]) {
      expect(storableServerUrl(url)).toBe(url);
    }
  });

  it("does the same for libpq's keyword=value form", () => {
    expect(storableServerUrl("host=h user=u password='a b' dbname=d")).toBe('host=h user=u dbname=d');
  });

  it('what it returns still connects to the same place', () => {
    const url = 'postgresql://alice:pw@db.example.gov.uk:6000/consult?sslmode=verify-full&schema=s1';
    const { display, ...where } = parseTeamServer(url, env);
    expect(parseTeamServer(storableServerUrl(url), env)).toEqual({ ...where, display });
  });
});

describe('the connection service file (pg_service.conf)', () => {
  const file = `
# the department's shared settings
[team]
host=pg.dept.gov.uk
port = 6432
dbname=consultations
sslmode=verify-full

[other]
host=elsewhere
`;

  it('reads sections, keywords and comments', () => {
    expect(parseServiceFile(file).get('team')).toEqual({
      host: 'pg.dept.gov.uk',
      port: '6432',
      dbname: 'consultations',
      sslmode: 'verify-full',
    });
  });

  it('is found through ?service=, or PGSERVICE, in PGSERVICEFILE; the address beats it, it beats PG*', () => {
    writeFileSync(t.path('services.conf'), file);
    const e = { ...env, PGSERVICEFILE: t.path('services.conf'), PGUSER: 'frank', PGHOST: 'ignored.example' };
    expect(parseTeamServer('postgresql://?service=team', e)).toMatchObject({
      host: 'pg.dept.gov.uk',
      port: 6432,
      database: 'consultations',
      user: 'frank',
      sslmode: 'verify-full',
    });
    expect(parseTeamServer('postgresql://', { ...e, PGSERVICE: 'team' }).host).toBe('pg.dept.gov.uk');
    expect(parseTeamServer('service=team', e).host).toBe('pg.dept.gov.uk');
    expect(parseTeamServer('postgresql://db2.dept.gov.uk/x?service=team', e)).toMatchObject({
      host: 'db2.dept.gov.uk',
      database: 'x',
      port: 6432,
    });
  });

  it('is found in ~/.pg_service.conf, then in PGSYSCONFDIR/pg_service.conf', () => {
    writeFileSync(t.path('.pg_service.conf'), '[mine]\nhost=mine.example\n');
    expect(parseTeamServer('service=mine', env).host).toBe('mine.example');
    // The system's file is read when the user's does not define the service.
    mkdirSync(t.path('sysconf'));
    writeFileSync(t.path('sysconf/pg_service.conf'), file);
    expect(parseTeamServer('service=team', env).host).toBe('pg.dept.gov.uk');
  });

  it('says which files it looked in when the service is not defined', () => {
    const e = thrown(() => parseTeamServer('postgresql://?service=nowhere', env));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toContain('"nowhere"');
    expect(e.message).toContain(t.path('.pg_service.conf'));
    expect(e.message).toContain(t.path('sysconf/pg_service.conf'));
  });

  it('refuses a setting in the service that the app does not use, rather than ignore it', () => {
    writeFileSync(t.path('.pg_service.conf'), '[s]\nhost=h.example\nsslcert=/x.crt\n');
    expect(thrown(() => parseTeamServer('service=s', env)).details).toEqual({ field: 'sslcert' });
  });
});

describe('the password file (~/.pgpass), by libpq’s rules', () => {
  const target = { host: 'db.example.gov.uk', port: 5432, database: 'consult', user: 'alice' };

  it('takes the first line that matches; * matches anything', () => {
    const text = [
      'other.example:5432:consult:alice:wrong-host',
      'db.example.gov.uk:5433:consult:alice:wrong-port',
      'db.example.gov.uk:5432:*:alice:first',
      '*:*:*:*:fallback',
    ].join('\n');
    expect(matchPgpass(text, target)).toBe('first');
    expect(matchPgpass(text, { ...target, user: 'bob' })).toBe('fallback');
    expect(matchPgpass('other:*:*:*:x', target)).toBeUndefined();
  });

  it('reads \\: and \\\\ as a colon and a backslash, in the fields and the password', () => {
    expect(matchPgpass('*:*:*:alice:pa\\:ss\\\\word', target)).toBe('pa:ss\\word');
    expect(matchPgpass('*:*:*:al\\:ice:yes', { ...target, user: 'al:ice' })).toBe('yes');
    // An escaped backslash before a colon: the colon still ends the field.
    expect(matchPgpass('*:*:*:alice\\\\:yes', { ...target, user: 'alice\\' })).toBe('yes');
  });

  it('skips comment lines, and CRLF endings do not end up in the password', () => {
    expect(matchPgpass('#*:*:*:*:commented\r\n*:*:*:*:real\r\n', target)).toBe('real');
  });

  it('matches localhost for a connection through the default socket folder, as libpq does', () => {
    const text = 'localhost:5432:consult:alice:local';
    expect(matchPgpass(text, { ...target, host: '/var/run/postgresql' })).toBe('local');
    expect(matchPgpass(text, { ...target, host: '/some/other/dir' })).toBeUndefined();
  });

  it('reads PGPASSFILE or ~/.pgpass only when it is 0600 or stricter, and says why it ignored one', () => {
    const home = t.path('.pgpass');
    writeFileSync(home, 'db.example.gov.uk:5432:consult:alice:from-home\n');
    chmodSync(home, 0o600);
    expect(passwordFromPgpass(target, env)).toEqual({ password: 'from-home' });

    const other = t.path('elsewhere.pgpass');
    writeFileSync(other, '*:*:*:*:from-pgpassfile\n', { mode: 0o600 });
    expect(passwordFromPgpass(target, { ...env, PGPASSFILE: other }).password).toBe('from-pgpassfile');

    chmodSync(home, 0o644);
    const found = passwordFromPgpass(target, env);
    expect(found.password).toBeUndefined();
    expect(found.ignored).toContain(`chmod 600 ${home}`);
  });

  it('finds nothing, quietly, when there is no file', () => {
    expect(passwordFromPgpass(target, env)).toEqual({ password: undefined });
  });
});
