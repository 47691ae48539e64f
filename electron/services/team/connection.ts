/**
 * The connection to a team's PostgreSQL server: where it is (an address read the way psql reads
 * one), that the connection is encrypted when it leaves the computer, that no password is ever kept
 * in a workspace, and a TeamDb over one node-postgres connection for the sync code.
 *
 * Where the details come from, in libpq's order (so what works in psql works here):
 * the address (`postgresql://user@host:port/database?sslmode=…`, or libpq's `host=… dbname=…` form),
 * then the named service (`?service=` or PGSERVICE) from pg_service.conf, then the environment
 * (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE, …), then libpq's defaults. The password: one in the
 * address (accepted for connecting; the caller stores only `storableServerUrl`), else PGPASSWORD,
 * else ~/.pgpass (PGPASSFILE). The OS keychain is not read here: it belongs to the shells (the
 * Electron app can reach it, the command line and tests cannot), which can pass PGPASSWORD in `env`.
 *
 * `?schema=name` is the app's own addition: which schema of the database holds the team workspace.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import { AppError } from '#shared/core/errors';
import type { PgValue, TeamDb } from './team-db';
import {
  DEFAULT_SOCKET_DIRS,
  type Env,
  envValue,
  homeOf,
  lookUpService,
  passwordFromPgpass,
  type PgpassLookup,
} from './libpq-files';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
/** The modes that never send anything unencrypted. */
const ENCRYPTED: readonly SslMode[] = ['require', 'verify-ca', 'verify-full'];

/** A team server's address, resolved. Never holds a password. */
export interface TeamServer {
  /** A host name, an IP address, or a Unix socket folder (starting with /). */
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
  /** The schema that holds the team workspace, when the address names one. */
  schema?: string;
  /** For people: `user@host:port/database`, and the schema. */
  display: string;
}

export interface ConnectOptions {
  /** Where PG* settings, HOME and the files' locations are read from; process.env by default. */
  env?: Env;
  /** How long to wait for the server to answer; connect_timeout / PGCONNECT_TIMEOUT, else 10 s. */
  connectTimeoutMs?: number;
  /**
   * The longest one statement may run on the server (statement_timeout); 5 minutes by default, long
   * enough for the first sync's large batches, short enough that a stuck statement ends. 0: none.
   */
  statementTimeoutMs?: number;
}

const APPLICATION_NAME = 'Consultation Workbench';
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 5 * 60_000;

/** The settings an address may carry (libpq's keywords, and the app's `schema`). */
const KEYWORDS = new Set([
  'host',
  'port',
  'dbname',
  'user',
  'password',
  'sslmode',
  'sslrootcert',
  'service',
  'connect_timeout',
  'application_name', // accepted, as psql accepts it; the server always sees the app's own name
  'schema',
]);

type Settings = Partial<Record<string, string>>;

/** Where a setting came from, for messages. */
type Source = 'the address' | `service "${string}"` | `$${string}` | 'the default';

interface Resolved {
  server: TeamServer;
  password: string | undefined;
  sslrootcert: string | undefined;
  connectTimeoutMs: number | undefined;
}

const invalid = (message: string, details?: Record<string, unknown>) => new AppError('invalid-input', message, details);

/** The address's parts, read and checked, with what the environment fills in. Never the password. */
export function parseTeamServer(url: string, env: Env = process.env): TeamServer {
  return resolveServer(url, env).server;
}

/**
 * The address as it may be stored (in a workspace, settings, a log): the same address with any
 * password taken out, of the user part (`user:secret@`) and of a `password=` setting. Everything
 * else is left exactly as given.
 */
export function storableServerUrl(url: string): string {
  const s = url.trim();
  if (isUri(s)) {
    const { authorityStart, authorityEnd, queryStart } = uriParts(s);
    const authority = s.slice(authorityStart, authorityEnd);
    const at = authority.lastIndexOf('@');
    const colon = at >= 0 ? authority.indexOf(':') : -1;
    const userinfo = colon >= 0 && colon < at ? authority.slice(0, colon) + authority.slice(at) : authority;
    let query = queryStart >= 0 ? s.slice(queryStart + 1) : undefined;
    if (query !== undefined) {
      const kept = query.split('&').filter((pair) => safeDecode(pair.split('=')[0] ?? '') !== 'password');
      query = kept.join('&');
    }
    const rest = s.slice(authorityEnd, queryStart >= 0 ? queryStart : s.length);
    return s.slice(0, authorityStart) + userinfo + rest + (query ? `?${query}` : '');
  }
  const pairs = keywordPairs(s);
  return pairs
    .filter(([k]) => k !== 'password')
    .map(([k, v]) => `${k}=${/^[^\s'\\]+$/.test(v) ? v : `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`}`)
    .join(' ');
}

/**
 * One connection to the team server, as a TeamDb. Throws an AppError saying what went wrong (the
 * address refused, the server unreachable, the login refused, no such database), never with the
 * password in it.
 */
export async function connectTeamDb(url: string, opts: ConnectOptions = {}): Promise<TeamDb> {
  const env = opts.env ?? process.env;
  const { server, password, sslrootcert, connectTimeoutMs } = resolveServer(url, env);
  let pgpass: PgpassLookup | undefined;
  const statementTimeout = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    // A function, so node-postgres never falls back to its own (deprecated) .pgpass reading or to
    // process.env: the password comes from the address, PGPASSWORD in `env`, or .pgpass, in that order.
    password: async () => {
      if (password !== undefined) return password;
      pgpass = passwordFromPgpass(server, env);
      // undefined tells node-postgres there is none: the login then fails, and connectError says so.
      return pgpass.password as string;
    },
    ssl: tlsOptions(server, sslrootcert, env),
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...(statementTimeout > 0
      ? {
          statement_timeout: statementTimeout,
          // A laptop that vanishes inside a transaction must not hold its locks for long.
          idle_in_transaction_session_timeout: statementTimeout,
          // And a network that silently drops packets ends a query too, after the server would have.
          query_timeout: statementTimeout + 30_000,
        }
      : {}),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const db = new PgTeamDb(client, server);
  // node-postgres emits 'error' when the connection drops between queries; unheard, it would end the process.
  client.on('error', (e) => db.lost(e));
  try {
    await client.connect();
    const rows = await client.query<{ session_user: string }>('SELECT session_user');
    db.user = rows.rows[0]?.session_user ?? server.user;
  } catch (e) {
    await client.end().catch(() => undefined);
    throw connectError(e, server, password ?? pgpass?.password, pgpass?.ignored);
  }
  return db;
}

// ─── The address ─────────────────────────────────────────────────────────────────────────────────

function resolveServer(url: string, env: Env): Resolved {
  const given = readAddress(url.trim());
  const sources = new Map<string, Source>(Object.keys(given).map((k) => [k, 'the address']));
  const settings: Settings = { ...given };

  const serviceName = settings['service'] ?? envValue(env, 'PGSERVICE');
  if (serviceName) {
    const { settings: service, searched } = lookUpService(serviceName, env);
    if (!service) {
      throw invalid(`The PostgreSQL service "${serviceName}" is not defined in ${searched.join(' or ')}.`, {
        field: 'service',
      });
    }
    for (const [k, v] of Object.entries(service)) {
      checkKeyword(k, `service "${serviceName}"`);
      if (k === 'service') throw invalid(`The PostgreSQL service "${serviceName}" names another service.`);
      if (settings[k] === undefined) {
        settings[k] = v;
        sources.set(k, `service "${serviceName}"`);
      }
    }
  }

  const fromEnv: [string, string][] = [
    ['host', 'PGHOST'],
    ['port', 'PGPORT'],
    ['dbname', 'PGDATABASE'],
    ['user', 'PGUSER'],
    ['password', 'PGPASSWORD'],
    ['sslmode', 'PGSSLMODE'],
    ['sslrootcert', 'PGSSLROOTCERT'],
    ['connect_timeout', 'PGCONNECT_TIMEOUT'],
  ];
  for (const [k, name] of fromEnv) {
    const v = envValue(env, name);
    if (settings[k] === undefined && v !== undefined) {
      settings[k] = v;
      sources.set(k, `$${name}`);
    }
  }

  const host = settings['host'] || defaultHost();
  if (host.includes(',')) {
    throw invalid('The team server address names several hosts; give the one server the team uses.', {
      field: 'host',
    });
  }
  const portText = settings['port'] || '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw invalid(`The port "${portText}" (from ${sources.get('port')}) is not a port number (1 to 65535).`, {
      field: 'port',
    });
  }
  const user = settings['user'] || osUser();
  const database = settings['dbname'] || user;

  const schema = settings['schema'];
  // Lower case only, so the name means the same quoted or not in the SQL that uses it.
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw invalid(
      `The schema "${schema}" is not a plain lower-case name (letters, digits and _, up to 63 characters).`,
      { field: 'schema' },
    );
  }

  const sslmode = checkSslMode(settings['sslmode'], sources.get('sslmode'), host);

  const timeoutText = settings['connect_timeout'];
  let connectTimeoutMs: number | undefined;
  if (timeoutText !== undefined && timeoutText !== '') {
    const secs = Number(timeoutText);
    if (!Number.isInteger(secs) || secs < 0) {
      throw invalid(`connect_timeout "${timeoutText}" is not a whole number of seconds.`, { field: 'connect_timeout' });
    }
    // As libpq: 0 means wait forever (node-postgres: 0 is no timeout); under 2 s counts as 2 s.
    connectTimeoutMs = secs === 0 ? 0 : Math.max(secs, 2) * 1000;
  }

  const shownHost = host.includes(':') ? `[${host}]` : host;
  const display = `${user}@${shownHost}:${port}/${database}${schema ? `, schema ${schema}` : ''}`;
  return {
    server: { host, port, database, user, sslmode, ...(schema ? { schema } : {}), display },
    password: settings['password'] || undefined,
    sslrootcert: settings['sslrootcert'],
    connectTimeoutMs,
  };
}

/** Whether the server is on this computer, where the connection never crosses a network. */
export function isLocalHost(host: string): boolean {
  return host.startsWith('/') || ['localhost', '127.0.0.1', '::1'].includes(host.toLowerCase());
}

/**
 * The TLS rule: a server on another computer is reached only encrypted (require, verify-ca or
 * verify-full; require when nothing says). The responses hold personal data and the login a
 * password, and a department's network is not a private one. On this computer, libpq's default.
 */
function checkSslMode(given: string | undefined, source: Source | undefined, host: string): SslMode {
  if (given !== undefined && !(SSL_MODES as readonly string[]).includes(given)) {
    throw invalid(`sslmode "${given}" (from ${source}) is not one of ${SSL_MODES.join(', ')}.`, { field: 'sslmode' });
  }
  const mode = given as SslMode | undefined;
  if (isLocalHost(host)) return mode ?? 'prefer';
  if (mode === undefined) return 'require';
  if (!ENCRYPTED.includes(mode)) {
    throw invalid(
      `The team server ${host} is on another computer, so the connection to it must be encrypted (TLS): ` +
        `sslmode=${mode} (from ${source}) would let the responses and the login cross the network unencrypted. ` +
        'Use sslmode=verify-full (best: it also checks the server is the one named), verify-ca or require.',
      { field: 'sslmode', host },
    );
  }
  return mode;
}

/**
 * node-postgres's TLS settings for the mode. disable, allow and prefer (only ever to this computer)
 * connect unencrypted: node-postgres cannot try TLS and fall back, and nothing crosses a network.
 * require encrypts without checking the certificate, as libpq does; verify-ca checks it was signed
 * by the trusted authority; verify-full also that it names the host. The authority: sslrootcert /
 * PGSSLROOTCERT, else ~/.postgresql/root.crt when present, else (or `system`) the computer's own list.
 */
function tlsOptions(server: TeamServer, rootcert: string | undefined, env: Env): false | ConnectionOptions {
  const mode = server.sslmode;
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  const file = rootcert && rootcert !== 'system' ? rootcert : join(homeOf(env), '.postgresql', 'root.crt');
  let ca: string | undefined;
  if (rootcert !== 'system' && (rootcert || existsSync(file))) {
    try {
      ca = readFileSync(file, 'utf8');
    } catch {
      throw invalid(`The root certificate file ${file} (sslrootcert) cannot be read.`, { field: 'sslrootcert' });
    }
  }
  return {
    rejectUnauthorized: true,
    ...(ca ? { ca } : {}),
    ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
  };
}

function defaultHost(): string {
  if (process.platform === 'win32') return 'localhost';
  return DEFAULT_SOCKET_DIRS.find((d) => existsSync(d)) ?? '/tmp';
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

function checkKeyword(k: string, source: string): void {
  if (!KEYWORDS.has(k)) {
    throw invalid(`"${k}" (in ${source}) is not a setting the app uses; it uses ${[...KEYWORDS].join(', ')}.`, {
      field: k,
    });
  }
}

const isUri = (s: string) => /^postgres(ql)?:\/\//i.test(s);

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalid('The team server address has a malformed %-escape.');
  }
}

/** Where the authority (user, password, host, port) and the query start in a URI. */
function uriParts(s: string): { authorityStart: number; authorityEnd: number; queryStart: number } {
  const authorityStart = s.indexOf('://') + 3;
  const queryStart = s.indexOf('?', authorityStart);
  const end = queryStart >= 0 ? queryStart : s.length;
  const slash = s.indexOf('/', authorityStart);
  return { authorityStart, authorityEnd: slash >= 0 && slash < end ? slash : end, queryStart };
}

/** The settings an address gives (libpq keywords). Refuses what libpq would, and what the app does not use. */
function readAddress(s: string): Settings {
  const out: Settings = {};
  const set = (k: string, v: string) => {
    checkKeyword(k, 'the address');
    out[k] = v;
  };
  if (!isUri(s)) {
    if (s && !/^\s*\w+\s*=/.test(s)) {
      // Never echo the text: it may hold a password.
      throw invalid('The team server address must start postgresql:// (or be libpq settings such as service=name).');
    }
    for (const [k, v] of keywordPairs(s)) set(k, v);
    return out;
  }
  const { authorityStart, authorityEnd, queryStart } = uriParts(s);
  const authority = s.slice(authorityStart, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const user = safeDecode(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
    if (user) set('user', user);
    if (colon >= 0) set('password', safeDecode(userinfo.slice(colon + 1)));
  }
  const hostport = authority.slice(at + 1);
  if (hostport.includes(',')) {
    throw invalid('The team server address names several hosts; give the one server the team uses.', {
      field: 'host',
    });
  }
  let host = hostport;
  let port = '';
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw invalid('The team server address has an unclosed [ around an IPv6 address.');
    host = hostport.slice(1, close);
    port = hostport.slice(close + 1).replace(/^:/, '');
  } else if (hostport.includes(':')) {
    host = hostport.slice(0, hostport.lastIndexOf(':'));
    port = hostport.slice(hostport.lastIndexOf(':') + 1);
  }
  if (host) set('host', safeDecode(host));
  if (port) set('port', port);
  const path = s.slice(authorityEnd + 1, queryStart >= 0 ? queryStart : s.length);
  if (authorityEnd < s.length && s[authorityEnd] === '/' && path) set('dbname', safeDecode(path));
  if (queryStart >= 0) {
    for (const pair of s.slice(queryStart + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0) throw invalid('The team server address has a setting with no value (each is name=value).');
      const k = safeDecode(pair.slice(0, eq));
      const v = safeDecode(pair.slice(eq + 1));
      // JDBC's ssl=true, which libpq also reads as sslmode=require.
      if (k === 'ssl' && v === 'true') set('sslmode', 'require');
      else set(k, v);
    }
  }
  return out;
}

/** libpq's `keyword=value keyword='quoted value'` form; a backslash escapes inside quotes. */
function keywordPairs(s: string): [string, string][] {
  const pairs: [string, string][] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= s.length) return pairs;
    const m = /^(\w+)\s*=\s*/.exec(s.slice(i));
    if (!m) throw invalid('The libpq settings could not be read: each is name=value, separated by spaces.');
    i += m[0].length;
    let value = '';
    if (s[i] === "'") {
      i++;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        value += s[i++];
      }
      if (i >= s.length) throw invalid('The libpq settings have an unclosed quote.');
      i++;
    } else {
      while (i < s.length && !/\s/.test(s[i] ?? '')) {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        value += s[i++];
      }
    }
    pairs.push([m[1] as string, value]);
  }
}

// ─── The connection ──────────────────────────────────────────────────────────────────────────────

/** The transaction the current async call chain is inside, if any. */
interface TxState {
  isolation: 'read-committed' | 'repeatable-read';
  savepoints: number;
  done: boolean;
}

/**
 * TeamDb over one node-postgres Client. One connection runs one transaction at a time, so a
 * transaction holds it: a query or transaction from elsewhere in the program waits until it ends
 * (rather than landing inside it), while anything inside the transaction's own call chain (the `tx`
 * given, or this object) runs inside it. A nested transaction is a savepoint: if it throws and the
 * outer code catches that, only the nested work is undone. Nested calls are made one at a time.
 *
 * SQL errors are passed on as node-postgres gives them (`code` is the SQLSTATE, e.g. 40001 for a
 * serialization failure to retry); a dropped connection becomes an AppError ('io', details.reason
 * 'connection-lost'), after which this object only fails: connect again.
 */
class PgTeamDb implements TeamDb {
  user = '';
  private readonly tx = new AsyncLocalStorage<TxState>();
  private active: Promise<void> | null = null;
  private lostError: AppError | null = null;
  private closed = false;

  constructor(
    private readonly client: pg.Client,
    private readonly server: TeamServer,
  ) {}

  lost(e: unknown): void {
    if (this.closed || this.lostError) return;
    const why = e instanceof Error ? e.message : String(e);
    this.lostError = new AppError(
      'io',
      `The connection to the team server ${this.server.display} was lost (${why}). ` +
        'A transaction that had not finished was not saved; connect again to carry on.',
      { reason: 'connection-lost', host: this.server.host, port: this.server.port },
    );
  }

  async query<R extends object = Record<string, unknown>>(sql: string, params?: readonly PgValue[]): Promise<R[]> {
    if (!this.current()) await this.idle();
    return this.run<R>(sql, params);
  }

  async transaction<T>(
    fn: (tx: TeamDb) => Promise<T>,
    isolation: 'read-committed' | 'repeatable-read' = 'read-committed',
  ): Promise<T> {
    const outer = this.current();
    if (outer) {
      if (isolation === 'repeatable-read' && outer.isolation !== 'repeatable-read') {
        // A savepoint cannot change the isolation, and silently reading without a snapshot would be a bug.
        throw new AppError(
          'internal',
          'A repeatable-read transaction was opened inside a read-committed one: open the outer one repeatable-read.',
        );
      }
      const name = `cw_nested_${++outer.savepoints}`;
      await this.run(`SAVEPOINT ${name}`);
      try {
        const result = await fn(this);
        await this.run(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (e) {
        await this.run(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
        throw e;
      }
    }
    await this.idle();
    let finished!: () => void;
    this.active = new Promise((resolve) => (finished = resolve));
    const state: TxState = { isolation, savepoints: 0, done: false };
    try {
      return await this.tx.run(state, async () => {
        await this.run(
          `BEGIN ISOLATION LEVEL ${isolation === 'repeatable-read' ? 'REPEATABLE READ' : 'READ COMMITTED'}`,
        );
        try {
          const result = await fn(this);
          await this.run('COMMIT');
          return result;
        } catch (e) {
          // When the connection is gone the server has already rolled back; the first error is the one to tell.
          await this.run('ROLLBACK').catch(() => undefined);
          throw e;
        }
      });
    } finally {
      state.done = true;
      this.active = null;
      finished();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => undefined);
  }

  private current(): TxState | undefined {
    const s = this.tx.getStore();
    return s && !s.done ? s : undefined;
  }

  /** Wait until no transaction holds the connection. */
  private async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  private async run<R extends object>(sql: string, params?: readonly PgValue[]): Promise<R[]> {
    if (this.closed) throw new AppError('io', 'The connection to the team server has been closed.');
    if (this.lostError) throw this.lostError;
    try {
      const res = (await this.client.query(sql, params as unknown[] | undefined)) as unknown;
      // Several statements in one string give one result each; the last one's rows are the answer.
      const last = (Array.isArray(res) ? res[res.length - 1] : res) as pg.QueryResult | undefined;
      return (last?.rows ?? []) as R[];
    } catch (e) {
      if (isConnectionLoss(e)) {
        this.lost(e);
        if (this.lostError) throw this.lostError;
      }
      throw e;
    }
  }
}

/** A dropped connection rather than an SQL error: no SQLSTATE, or the server shutting down. */
function isConnectionLoss(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && /^57P0[123]$/.test(code)) return true;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return false;
  const message = e instanceof Error ? e.message : '';
  return (
    /Connection terminated|Client has encountered a connection error|not queryable|Query read timeout/i.test(message) ||
    (typeof code === 'string' && /^E[A-Z]+$/.test(code))
  );
}

/** A failed connect as an AppError that says which part failed, in words, never with the password. */
function connectError(e: unknown, server: TeamServer, password: string | undefined, pgpassNote?: string): AppError {
  const code = (e as { code?: unknown }).code;
  const raw = e instanceof Error ? e.message : String(e);
  const said = password ? raw.split(password).join('********') : raw;
  const where = `${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`;
  const details = { host: server.host, port: server.port, user: server.user, database: server.database };
  if (code === '28P01' || /password must be a string|password authentication failed/i.test(said)) {
    const noPassword = /must be a string/.test(said);
    return new AppError(
      'forbidden',
      noPassword
        ? `The team server at ${where} asks for a password for "${server.user}", and none was found: ` +
            `set PGPASSWORD or add a line to ~/.pgpass${pgpassNote ? ` (${pgpassNote})` : ''}.`
        : `The team server at ${where} refused the login of "${server.user}": the password is wrong` +
            `${pgpassNote ? ` (${pgpassNote})` : ''}.`,
      { ...details, reason: 'auth' },
    );
  }
  if (code === '28000') {
    return new AppError('forbidden', `The team server at ${where} does not let "${server.user}" in: ${said}`, {
      ...details,
      reason: 'auth',
    });
  }
  if (code === '3D000') {
    return new AppError(
      'not-found',
      `The team server at ${where} has no database "${server.database}": ` +
        'check its name with your database administrator.',
      { ...details, reason: 'no-database' },
    );
  }
  if (/does not support SSL/i.test(said)) {
    return new AppError(
      'io',
      `The team server at ${where} does not accept encrypted (TLS) connections, and the app needs one to reach it.`,
      { ...details, reason: 'tls' },
    );
  }
  if (
    typeof code === 'string' &&
    /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ERR_TLS|ALTNAME|HOSTNAME/.test(code) &&
    !/^[0-9A-Z]{5}$/.test(code)
  ) {
    return new AppError(
      'io',
      `The team server at ${where} could not be confirmed as the right server (its certificate: ${said}).` +
        ' Ask your database administrator for its root certificate (sslrootcert).',
      { ...details, reason: 'tls' },
    );
  }
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return new AppError('io', `The team server at ${where} refused the connection: ${said}`, {
      ...details,
      reason: 'refused',
      sqlstate: code,
    });
  }
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `no computer called ${server.host} was found`
      : code === 'ECONNREFUSED'
        ? 'nothing is listening there'
        : code === 'ENOENT'
          ? 'no server socket is in that folder'
          : /timeout/i.test(said) || code === 'ETIMEDOUT'
            ? 'it did not answer in time'
            : said;
  return new AppError(
    'io',
    `The team server at ${where} cannot be reached (${why}). Check the address, and that this computer is on the ` +
      'network that reaches it.',
    { ...details, reason: 'unreachable' },
  );
}
