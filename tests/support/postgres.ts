/**
 * A throwaway PostgreSQL cluster for tests: a real server (Debian's `postgresql` binaries) in a new
 * temp folder, on 127.0.0.1 and a free port, gone when the test stops it. Tests of the team server
 * run against the real thing, including kill -9 in the middle of a transaction and the restart after.
 *
 * When the binaries are not installed, `startThrowawayPostgres` prints one line saying so and returns
 * null, and the PostgreSQL tests skip themselves (`.ci/run` installs the package, so CI never skips).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ThrowawayPostgres {
  /** The superuser on the `postgres` database (with its password when passwordAuth is on). */
  url: string;
  port: number;
  dataDir: string;
  /** The superuser's role name. */
  superuser: string;
  /** Creates a database; the superuser's URL for it. */
  createDatabase(name: string): Promise<string>;
  /** Creates a role (CREATE ROLE … LOGIN/NOLOGIN PASSWORD …). */
  createRole(name: string, opts: { login: boolean; password?: string }): Promise<void>;
  /** An immediate shutdown, then the temp folder removed. */
  stop(): Promise<void>;
  /** SIGKILL the postmaster and every server process under it, at once: the server crashing. */
  kill9(): void;
  /** Start again on the same data folder and port (crash recovery runs first after a kill9). */
  restart(): Promise<void>;
}

export interface ThrowawayOptions {
  /** Every login needs a password (scram-sha-256), rather than `trust`: for .pgpass and login tests. */
  passwordAuth?: boolean;
}

const SUPERUSER = 'workbench_admin';
const READY_TIMEOUT_MS = 30_000;

/** Clusters still running, stopped hard if the test process exits without stopping them. */
const running = new Set<() => void>();
process.on('exit', () => {
  for (const kill of running) kill();
});

/** initdb and postgres from the PATH, else from the newest /usr/lib/postgresql/<version>/bin (Debian's place). */
export function findPostgresBinaries(): { initdb: string; postgres: string } | null {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  for (const dir of dirs) {
    const initdb = join(dir, 'initdb');
    const postgres = join(dir, 'postgres');
    if (existsSync(initdb) && existsSync(postgres)) return { initdb, postgres };
  }
  return null;
}

let skipNoted = false;
function skip(why: string): null {
  if (!skipNoted) console.log(`PostgreSQL tests skipped: ${why}`);
  skipNoted = true;
  return null;
}

/**
 * PostgreSQL refuses to run as root (a server bug would then own the machine), and the tests run as
 * root on CI. So as root the binaries run as the `postgres` account (made by Debian's package), with
 * the temp folder given to it. Node's spawn sets the user itself (uid/gid), rather than through
 * `runuser -u postgres --`, so the process we hold is the postmaster and can be signalled directly.
 */
function serverAccount(): { uid: number; gid: number } | null | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  let passwd: string;
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return null;
  }
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : null;
}

export async function startThrowawayPostgres(opts: ThrowawayOptions = {}): Promise<ThrowawayPostgres | null> {
  const bins = findPostgresBinaries();
  if (!bins) {
    return skip(
      "no initdb and postgres on the PATH or in /usr/lib/postgresql/*/bin (install Debian's postgresql package).",
    );
  }
  const account = serverAccount();
  if (account === null) return skip('running as root, and there is no postgres account to run the server as.');
  const asServer = account ? { uid: account.uid, gid: account.gid } : {};

  const dir = mkdtempSync(join(tmpdir(), 'cw-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  if (account) chownSync(dir, account.uid, account.gid);
  // The server's environment: none of the caller's PG* settings (PGPORT, PGDATA…) leak into it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  env['LC_ALL'] = 'C';

  const password = opts.passwordAuth ? randomBytes(12).toString('hex') : undefined;
  const initArgs = ['-D', dataDir, '-U', SUPERUSER, '--no-sync', '-E', 'UTF8', '--locale=C'];
  initArgs.push('-A', password ? 'scram-sha-256' : 'trust');
  if (password) {
    const pwfile = join(dir, 'superuser-password');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (account) chownSync(pwfile, account.uid, account.gid);
    initArgs.push(`--pwfile=${pwfile}`);
  }
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(bins.initdb, initArgs, { cwd: dir, env, ...asServer }, (err, stdout, stderr) =>
        err ? reject(new Error(`initdb failed: ${stderr || stdout || err.message}`)) : resolve(),
      ),
    );
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const adminUrl = (database: string) =>
    `postgresql://${SUPERUSER}${password ? `:${password}` : ''}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  let port = 0;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let killed: number[] = [];

  /** Start the postmaster on `port`; resolves once it accepts logins, rejects if it exits first. */
  const launch = async (): Promise<void> => {
    const log = openSync(logFile, 'a');
    const proc = spawn(
      bins.postgres,
      // fsync off: tests do not survive the machine crashing, only the server's processes dying,
      // and for that what a commit wrote to the OS is enough; it makes each commit far quicker.
      ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
      { cwd: dir, env, stdio: ['ignore', log, log], detached: true, ...asServer },
    );
    closeSync(log);
    proc.unref();
    child = proc;
    let gone = false;
    exited = new Promise((resolve) => proc.once('exit', () => ((gone = true), resolve())));
    const killAll = () => killTree(proc.pid);
    running.add(killAll);
    void exited.then(() => running.delete(killAll));

    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (gone) throw new Error(`postgres exited while starting:\n${tail(logFile)}`);
      const client = new pg.Client({ connectionString: adminUrl('postgres'), connectionTimeoutMillis: 2000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
      }
      if (Date.now() > deadline) {
        killAll();
        throw new Error(`postgres did not accept logins within ${READY_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`);
      }
      await sleep(50);
    }
  };

  /** A free port now may be taken by the time the server binds it: try a few. */
  try {
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await launch();
        break;
      } catch (e) {
        if (attempt >= 3 || !/already in use/i.test(tail(logFile))) throw e;
      }
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: adminUrl('postgres') });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  return {
    url: adminUrl('postgres'),
    port,
    dataDir,
    superuser: SUPERUSER,
    createDatabase: async (name) => {
      await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
      return adminUrl(name);
    },
    createRole: async (name, o) => {
      await admin((c) =>
        c.query(
          `CREATE ROLE ${c.escapeIdentifier(name)} ${o.login ? 'LOGIN' : 'NOLOGIN'}` +
            (o.password !== undefined ? ` PASSWORD ${c.escapeLiteral(o.password)}` : ''),
        ),
      );
    },
    kill9: () => {
      if (child?.pid) killed = killTree(child.pid);
    },
    restart: async () => {
      // The old postmaster and its processes must be gone: a new one refuses to start while any
      // old process still holds the shared memory.
      await exited;
      const until = Date.now() + 10_000;
      while (killed.some(alive) && Date.now() < until) await sleep(20);
      for (let attempt = 1; ; attempt++) {
        try {
          await launch();
          return;
        } catch (e) {
          if (attempt >= 20 || !/still in use|lock file/i.test(tail(logFile))) throw e;
          await sleep(100);
        }
      }
    },
    stop: async () => {
      const proc = child;
      if (proc?.pid && proc.exitCode === null && proc.signalCode === null) {
        // SIGQUIT: the postmaster's immediate shutdown (it stops its processes, no checkpoint).
        proc.kill('SIGQUIT');
        const timer = setTimeout(() => killTree(proc.pid), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * SIGKILL a postmaster and the processes it started (each of which puts itself in a process group
 * of its own, so a group kill would miss them). The postmaster is stopped first so it cannot start
 * another while its children are found in /proc. The pids killed.
 */
function killTree(pid: number | undefined): number[] {
  if (!pid) return [];
  const signal = (p: number, s: NodeJS.Signals) => {
    try {
      process.kill(p, s);
    } catch {
      // already gone
    }
  };
  signal(pid, 'SIGSTOP');
  const children: number[] = [];
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // The fields after the command name, which is in brackets and may hold spaces.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === pid) children.push(Number(entry));
      } catch {
        // exited meanwhile
      }
    }
  } catch {
    // no /proc (not Linux): the server's processes notice the postmaster is gone and exit by themselves
  }
  signal(pid, 'SIGKILL');
  for (const c of children) signal(c, 'SIGKILL');
  return [pid, ...children];
}

/** Whether a process still runs (a zombie, exited but not yet reaped, holds nothing and counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return existsSync('/proc') ? false : true;
    } catch {
      return false;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no server log)';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
