import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTeamDb } from '#electron/services/team/connection';
import { useSchema } from '#electron/services/team/server-migrate';
import { searchServer, toTsQuery } from '#electron/services/team/server-search';
import type { TeamDb } from '#electron/services/team/team-db';
import { isAppError } from '#shared/core/errors';
import { tempDir } from '../../harness/temp';
import { analysisWorkspace, hand, importResponses, type Ws } from '../../unit/analysis-app/helpers';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../../support/postgres';

/**
 * The team server's search (team/server-search.ts) finds what the laptop finds, with the same query syntax: the
 * same queries run through the Router's responses.search on a workspace (answers only: the server holds no names)
 * and through PostgreSQL after `team init` of that workspace, compared answer by answer, page order included. Where
 * the tokenisers differ (accents; web addresses), the difference is shown as it is.
 */
const t = tempDir('cw-team-search-');
const [Q3, Q8, Q10, Q11] = ['example-q3', 'example-q8', 'example-q10', 'example-q11'];
const TEXTS: Record<string, string>[] = [
  { [Q3]: 'The cost of broadband is too high', [Q8]: 'A screen reader would help' },
  { [Q3]: 'Slow broadband in rural areas', [Q10]: 'Pharmacy access is poor' },
  { [Q3]: 'I cannot get an appointment online', [Q8]: 'Screen readers do not work; reader screen mode is odd' },
  { [Q3]: 'Prescription renewals are confusing', [Q11]: 'Rural access to the pharmacist' },
  { [Q3]: 'My e-mail address never works', [Q8]: "I don’t trust it, I don't" },
  { [Q3]: 'Visit www.gov.uk for help', [Q10]: 'The café near the surgery has wifi' },
  { [Q3]: 'Appointment and prescription both in one place', [Q8]: 'A cafe would be nice' },
  { [Q3]: 'It costs 3.5 pounds per call to the GP’s line' },
  { [Q3]: 'Dementia patients need carers’ access', [Q11]: 'BROADBAND everywhere' },
  { [Q3]: 'Rural bus and rural broadband', [Q8]: 'Pharmacies, pharmacists and farms' },
  { [Q3]: 'Access for rural people', [Q10]: 'Online access is slow and broadband patchy' },
  { [Q3]: 'Nothing to add' },
];

let pgServer: ThrowawayPostgres | null = null;
let lead: Ws;
let db: TeamDb;
let url: string;

/** A database whose character classes are UTF-8's (C.UTF-8), as a department's server is set up. */
async function utf8Database(server: ThrowawayPostgres): Promise<string> {
  const admin = await connectTeamDb(server.url);
  try {
    await admin.query("CREATE DATABASE team TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
  } finally {
    await admin.close();
  }
  return server.url.replace(/\/postgres$/, '/team');
}

beforeAll(async () => {
  pgServer = await startThrowawayPostgres();
  if (!pgServer) return;
  lead = await analysisWorkspace(t.dir, 'lead.consult');
  await importResponses(
    lead,
    t.dir,
    'answers.csv',
    TEXTS.map((answers, i) =>
      hand(
        i + 1,
        { respondingAs: 'individual' },
        Object.fromEntries(Object.entries(answers).map(([q, text]) => [q, { optionIds: [], text }])),
      ),
    ),
  );
  // A department's server has a UTF-8 locale (en_GB.UTF-8); the throwaway cluster's own is C, see the last test.
  url = await utf8Database(pgServer);
  await lead.call('team.init', { server: url });
  db = await connectTeamDb(url);
  await useSchema(db, 'workbench');
}, 120_000);

afterAll(async () => {
  await db?.close();
  await lead?.call('workspace.close', {}).catch(() => undefined);
  await pgServer?.stop();
  t.cleanup();
});

/** The same query on the laptop (answers only) and on the server: counts and the answers found, in page order. */
async function both(query: string, opts: { questionId?: string; offset?: number; limit?: number } = {}) {
  const { questionId, offset, limit = 500 } = opts;
  const laptop = await lead.call('responses.search', {
    query,
    scope: 'answers',
    limit,
    ...(offset !== undefined ? { offset } : {}),
    ...(questionId ? { filters: { questionId } } : {}),
  });
  const server = await searchServer(db, { query, questionId, offset, limit });
  return {
    laptop: {
      total: laptop.total,
      responses: laptop.responses,
      hits: laptop.results.map((h) => `${h.responseId}/${h.questionId}`),
    },
    server: {
      total: server.total,
      responses: server.responses,
      hits: server.results.map((h) => `${h.responseId}/${h.questionId}`),
    },
  };
}

describe.skipIf(!findPostgresBinaries())('search on the team server, with the laptop’s query syntax', () => {
  it('turns the official’s words into a tsquery of quoted lexemes, never query syntax', () => {
    expect(toTsQuery('broadband')).toBe("'broadband'");
    expect(toTsQuery('rural AND access')).toBe("'rural' & 'access'");
    expect(toTsQuery('"screen reader"')).toBe("('screen' <-> 'reader')");
    expect(toTsQuery('pharm*')).toBe("'pharm':*");
    expect(toTsQuery('appointment OR prescription')).toBe("'appointment' | 'prescription'");
    expect(toTsQuery('broadband -slow')).toBe("('broadband') & !'slow'");
    expect(toTsQuery('buses NOT trains')).toBe("('buses') & !'trains'");
    expect(toTsQuery('e-mail')).toBe("'e-mail'");
    expect(toTsQuery("o'brien's \\ & | ! <->")).toBe("'o''brien''s' & '\\\\' & '&' & '|' & '!' & '<->'");
    let error: unknown;
    try {
      toTsQuery('-slow');
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('invalid-input');
  });

  it.each([
    'broadband',
    'BROADBAND',
    '"screen reader"',
    'screen reader',
    '"reader screen"',
    'pharm*',
    'Pharmac*',
    'appointment OR prescription',
    'broadband -slow',
    '-slow broadband',
    'broadband NOT slow',
    'rural AND access',
    'rural access OR pharmacy',
    'pharmacy OR rural access',
    'prescrip* OR dementia -carers',
    'e-mail',
    'e-mail address',
    'mail',
    "don't",
    'don’t',
    'www.gov.uk',
    '3.5',
    'carers',
    'GP',
    'zebra',
    '"" online',
  ])('finds the same answers for %s', async (query) => {
    const r = await both(query);
    expect(r.server).toEqual(r.laptop);
  });

  it('agrees on one question’s answers, and page by page', async () => {
    const q = await both('broadband OR access', { questionId: Q3 });
    expect(q.server).toEqual(q.laptop);
    expect(q.laptop.total).toBe(5);
    for (const offset of [0, 2, 4, 6]) {
      const p = await both('broadband OR access OR screen', { offset, limit: 2 });
      expect(p.server).toEqual(p.laptop);
    }
  });

  it('differs where tokenisers do: accents folded on the laptop; web addresses whole on PostgreSQL', async () => {
    // "cafe" and "café" find both on the laptop (unicode61 removes diacritics); PostgreSQL's 'simple' keeps accents.
    for (const query of ['cafe', 'café']) {
      const r = await both(query);
      expect([r.laptop.total, r.server.total]).toEqual([2, 1]);
    }
    // "gov" is a word of www.gov.uk on the laptop; PostgreSQL's parser keeps a host name whole.
    const gov = await both('gov');
    expect(gov.laptop.total).toBe(1);
    expect(gov.server.total).toBe(0);
    // "3" is a word of 3.5 on the laptop; PostgreSQL reads 3.5 as one number.
    const three = await both('3');
    expect([three.laptop.total, three.server.total]).toEqual([1, 0]);
  });

  it('needs a UTF-8 locale on the server: under C, every non-ASCII character is a letter to PostgreSQL', async () => {
    // So "carers’" (a typographic apostrophe) would be one word, and "carers" would not find it.
    const c = await connectTeamDb(pgServer!.url);
    try {
      const [r] = await c.query<{ c: string }>("SELECT to_tsvector('simple', 'carers’ café') AS c");
      expect(r!.c).toBe("'café':2 'carers’':1");
    } finally {
      await c.close();
    }
    const [r] = await db.query<{ u: string }>("SELECT to_tsvector('simple', 'carers’ café') AS u");
    expect(r!.u).toBe("'café':2 'carers':1");
  });
});
