/**
 * The two files PostgreSQL's own client library (libpq) reads for connection details, read by the
 * same rules, so a department's existing setup (psql, pgAdmin, scripts) works for the app unchanged:
 *
 * - the connection service file (`pg_service.conf`): named sets of connection settings;
 * - the password file (`~/.pgpass`): passwords kept outside any address and outside the workspace.
 *
 * node-postgres reads `.pgpass` itself when given no password, but that path is deprecated (it warns,
 * and goes in pg 9), only looks at `process.env`, and parses differently from libpq (an escaped
 * backslash before a `:`, `#` comments, the default socket directory matching `localhost`). So the
 * app reads it here, with libpq's rules, and hands the password to node-postgres itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

const isWindows = process.platform === 'win32';

/** A setting given as '' counts as not given, as it does for libpq's environment variables. */
export const envValue = (env: Env, name: string): string | undefined => env[name] || undefined;

/**
 * The home folder as libpq finds it: $HOME first (so tests and sandboxes can point elsewhere), then
 * the account's home folder.
 */
export const homeOf = (env: Env): string => envValue(env, 'HOME') ?? homedir();

/**
 * libpq's compiled-in socket folder, used when no host is given. Debian's libpq (and so psql on the
 * department's Debian and Ubuntu machines) uses /var/run/postgresql; upstream's uses /tmp.
 */
export const DEFAULT_SOCKET_DIRS = ['/var/run/postgresql', '/run/postgresql', '/tmp'];

/** Where libpq looks for the system-wide service file when PGSYSCONFDIR is not set (Debian's sysconfdir). */
const DEFAULT_SYSCONFDIR = '/etc/postgresql-common';

export interface ServiceLookup {
  /** The service's settings (libpq keywords), or undefined when no file defines it. */
  settings: Record<string, string> | undefined;
  /** The files looked in (whether or not they exist), for a message saying where it was not found. */
  searched: string[];
}

/**
 * A service's settings, looked up as libpq does: the user's file (PGSERVICEFILE, else
 * ~/.pg_service.conf) first; if the service is not there, the system's (PGSYSCONFDIR/pg_service.conf).
 * A missing file is skipped; the first file that defines the service wins, whole.
 */
export function lookUpService(name: string, env: Env): ServiceLookup {
  const userFile = envValue(env, 'PGSERVICEFILE') ?? join(homeOf(env), '.pg_service.conf');
  const systemFile = join(envValue(env, 'PGSYSCONFDIR') ?? DEFAULT_SYSCONFDIR, 'pg_service.conf');
  const searched = [userFile, systemFile];
  for (const file of searched) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const settings = parseServiceFile(text).get(name);
    if (settings) return { settings, searched };
  }
  return { settings: undefined, searched };
}

/**
 * An INI-like file: `[name]` starts a service, `keyword=value` lines belong to it, `#` lines and
 * blank lines are skipped. libpq takes the value verbatim after the `=`; spaces around the keyword
 * and value are trimmed here too, since hand-written files often have them.
 */
export function parseServiceFile(text: string): Map<string, Record<string, string>> {
  const services = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      current = {};
      // A service defined twice: libpq stops at the first, so later ones are ignored.
      const name = line.slice(1, -1).trim();
      if (!services.has(name)) services.set(name, current);
      else current = undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || !current) continue;
    current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return services;
}

/** What a password lookup in the password file found. */
export interface PgpassLookup {
  password: string | undefined;
  /** Why the file was not read, when it exists but libpq would ignore it: for the error message. */
  ignored?: string;
}

export interface PgpassTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** The password file: PGPASSFILE, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows). */
export function pgpassPath(env: Env): string {
  const given = envValue(env, 'PGPASSFILE');
  if (given) return given;
  if (isWindows) return join(envValue(env, 'APPDATA') ?? homeOf(env), 'postgresql', 'pgpass.conf');
  return join(homeOf(env), '.pgpass');
}

/**
 * The password for a connection from the password file, by libpq's rules: lines
 * `host:port:database:user:password`; `*` matches anything; `\:` and `\\` are a literal colon and
 * backslash; `#` lines are comments; the first matching line wins. A connection over the default
 * socket folder matches the host `localhost`. On Unix a file that others can read (not 0600 or
 * stricter), or that is not a plain file, is ignored, as libpq ignores it: a password others can
 * read is not a secret.
 */
export function passwordFromPgpass(target: PgpassTarget, env: Env): PgpassLookup {
  const file = pgpassPath(env);
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { password: undefined, ignored: `${file} is not a plain file` };
    if (!isWindows && (st.mode & 0o077) !== 0) {
      return {
        password: undefined,
        ignored: `${file} was ignored because others can read it (run: chmod 600 ${file})`,
      };
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return { password: undefined };
  }
  return { password: matchPgpass(text, target) };
}

/** The first line of a password file's text that matches the target, de-escaped. */
export function matchPgpass(text: string, target: PgpassTarget): string | undefined {
  const host = !target.host || DEFAULT_SOCKET_DIRS.includes(target.host) ? 'localhost' : target.host;
  const wanted = [host, String(target.port), target.database, target.user];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    let pos: number | null = 0;
    for (const value of wanted) {
      pos = matchField(line, pos, value);
      if (pos === null) break;
    }
    if (pos === null) continue;
    // The password runs to the end of the line, or to an unescaped colon.
    let password = '';
    for (let i = pos; i < line.length; i++) {
      let c = line[i];
      if (c === ':') break;
      if (c === '\\' && i + 1 < line.length) c = line[++i];
      password += c;
    }
    return password;
  }
  return undefined;
}

/**
 * Whether the field starting at `pos` matches `value` (libpq's pwdfMatchesString): `*` alone
 * matches anything; otherwise character by character, a backslash taking the next one literally.
 * The position after the field's closing colon, or null.
 */
function matchField(line: string, pos: number, value: string): number | null {
  if (line[pos] === '*' && line[pos + 1] === ':') return pos + 2;
  let j = 0;
  for (let i = pos; i < line.length; i++) {
    let c = line[i];
    if (c === ':') return j === value.length ? i + 1 : null;
    if (c === '\\' && i + 1 < line.length) c = line[++i];
    if (j >= value.length || value[j] !== c) return null;
    j++;
  }
  return null;
}
