import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '../harness/temp';
import { validateOoxml } from '../harness/ooxml';
import { Package } from '../harness/ooxml-read';
import { flatText, haveRenderer, renderToPdf } from '../harness/render';
import { ensureCliBuilt, workbench } from '../harness/cli';
import { testRouter } from '../harness/router';
import { Router } from '#electron/services/router/router';
import { SettingsStore } from '#electron/services/core/settings/settings-store';
import { ANALYSIS_SHEETS } from '#electron/services/documents/reports/index';
import { exampleDraft } from '#shared/domain/draft/example';
import { orderedQuestions } from '#shared/domain/draft/model';
import {
  analysisWorkspace,
  CLOCK,
  hand,
  importGenerated,
  importResponses,
  responseIds,
  type Ws,
} from '../unit/analysis-app/helpers';

/**
 * The four documents after the consultation, made from a workspace's responses and analysis
 * through the export service (the Outputs page's call and the CLI): quotes that may not be
 * published refuse publication and say which; a response starting "=HYPERLINK(" is text in the
 * workbook and the CSV; every file is logged with its level and hash, opens in the OOXML validator
 * and renders in LibreOffice; a long export can be cancelled.
 */
const t = tempDir('cw-analysis-exports-');
afterAll(() => t.cleanup());

const Q3 = 'example-q3';
const HOSTILE = '=HYPERLINK("http://example.com/x","Click for the NHS app")';
const CONFIDENTIAL_WORDS = 'I run a small pharmacy and the online system would put us out of business within a year.';
const CONSENTING_WORDS = 'Having one place to book appointments would save my family hours every month.';
let ws: Ws;
let ids: number[];
let quoteBad: number;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

beforeAll(async () => {
  ensureCliBuilt();
  ws = await analysisWorkspace(t.dir, 'nhs.consult');
  await importGenerated(ws, t.dir, 'survey.csv', { count: 220, seed: 11 });
  await importResponses(ws, t.dir, 'letters.csv', [
    hand(
      1,
      {
        name: 'Hostile Input',
        respondingAs: 'As an individual',
        respondentType: 'Member of the public',
        publishConsent: 'Yes, without my name',
      },
      { [Q3]: { optionIds: [], text: HOSTILE } },
    ),
    hand(
      2,
      {
        name: 'Pat Pharmacist',
        respondingAs: 'On behalf of an organisation',
        organisation: 'Hilltop Pharmacy',
        respondentType: 'Business',
        confidential: 'Yes',
        publishConsent: 'No',
      },
      { [Q3]: { optionIds: [], text: CONFIDENTIAL_WORDS } },
    ),
    hand(
      3,
      {
        name: 'Jo Bloggs',
        respondingAs: 'As an individual',
        respondentType: 'Carer',
        confidential: 'No',
        publishConsent: 'Yes, without my name',
      },
      { [Q3]: { optionIds: [], text: CONSENTING_WORDS } },
    ),
  ]);
  ids = await responseIds(ws);
  const [hostile, confidential, consenting] = ids.slice(-3);
  const access = await ws.call('analysis.saveTheme', {
    name: 'Digital exclusion',
    description: 'People without the internet left behind',
    questionIds: [Q3],
  });
  const booking = await ws.call('analysis.saveTheme', {
    name: 'Easier booking',
    description: 'One place saves time',
    questionIds: [Q3],
  });
  await ws.call('analysis.bulkCode', {
    questionId: Q3,
    themeId: access.id,
    target: { kind: 'search', query: 'internet OR online OR phone' },
  });
  await ws.call('analysis.code', { responseId: consenting!, questionId: Q3, themeId: booking.id });
  await ws.call('analysis.code', { responseId: hostile!, questionId: Q3, themeId: booking.id });
  await ws.call('analysis.markQuote', { responseId: consenting!, questionId: Q3, themeIds: [booking.id] });
  quoteBad = (
    await ws.call('analysis.markQuote', {
      responseId: confidential!,
      questionId: Q3,
      passage: { start: 0, end: CONFIDENTIAL_WORDS.indexOf(' and') },
    })
  ).id;
  await ws.call('analysis.saveText', {
    kind: 'question',
    questionId: 'example-q1',
    part: 'response',
    text: 'We will build one online front door.\n\nIt will not replace the telephone.',
  });
  await ws.call('analysis.saveText', {
    kind: 'question',
    questionId: 'example-q1',
    part: 'next-steps',
    text: 'A prototype by spring 2028.',
  });
  await ws.call('analysis.saveText', {
    kind: 'section',
    section: 'next-steps',
    text: 'We will publish a delivery plan in 2028.',
  });
  await ws.call('analysis.saveText', {
    kind: 'section',
    section: 'issues',
    text: '- Many worry about being left behind\n- Pharmacies are concerned about cost',
  });
  await ws.call('analysis.settings', { threshold: 30 });
}, 120_000);

describe('government response, analysis workbook, briefing and responses CSV from the database', () => {
  it('refuses publication with a quote from a confidential respondent, naming it, and writes nothing', async () => {
    const target = t.path('refused.docx');
    const before = (await ws.call('outputs.log', {})).length;
    const err = await ws.fails('outputs.export', {
      allowUnfinished: true,
      kind: 'government-response-docx',
      path: target,
    });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(`response ${ids[ids.length - 2]}`);
    expect(err.message).toContain('asked for their response to be confidential');
    expect(err.message).toContain('I run a small pharmacy');
    expect((err.details as { quoteProblems: unknown[] }).quoteProblems).toHaveLength(1);
    expect(existsSync(target)).toBe(false);
    expect((await ws.call('outputs.log', {})).length).toBe(before);
    // The same for every publishable output.
    for (const kind of ['analysis-xlsx', 'briefing-docx', 'responses-csv'] as const)
      expect(
        (
          await ws.fails('outputs.export', {
            allowUnfinished: true,
            kind,
            path: t.path(`refused-${kind}`),
          })
        ).code,
      ).toBe('conflict');
  });

  it('makes the internal government response with the quote and the “not for publication” banner', async () => {
    const r = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind: 'government-response-docx',
      path: t.path('internal.docx'),
      redaction: 'none',
    });
    expect(r).toMatchObject({ redaction: 'none', path: t.path('internal.docx') });
    const doc = new Package(readFileSync(r.path)).text('word/document.xml');
    expect(doc).toContain('Not for publication: contains personal data');
    expect(doc).toContain('I run a small pharmacy');
    expect(sha(r.path)).toBe(r.sha256);
  });

  it(
    'publishes once the quote is removed: the questions, counts, themes, the quote that may be published and the ' +
      'texts',
    async () => {
      await ws.call('analysis.removeQuote', { id: quoteBad });
      const r = await ws.call('outputs.export', {
        allowUnfinished: true,
        kind: 'government-response-docx',
        path: t.path('government-response.docx'),
      });
      expect(r.redaction).toBe('redacted');
      const v = await validateOoxml(r.path);
      expect(v.ok, v.output).toBe(true);
      const doc = new Package(readFileSync(r.path)).text('word/document.xml');
      for (const q of orderedQuestions(exampleDraft()))
        expect(doc).toContain(q.text.replace(/&/g, '&amp;').replace(/’/g, '’'));
      expect(doc).toContain('We will build one online front door.');
      expect(doc).toContain('Next steps: A prototype by spring 2028.');
      expect(doc).toContain('We will publish a delivery plan in 2028.');
      expect(doc).toContain('Digital exclusion');
      expect(doc).toContain(CONSENTING_WORDS);
      expect(doc).not.toContain('I run a small pharmacy');
      expect(doc).not.toContain('Not for publication');
      // The threshold from the settings (30) is the one applied.
      expect(doc).toContain('fewer than 30');
      const log = await ws.call('outputs.log', {});
      expect(log[0]).toMatchObject({
        kind: 'government-response-docx',
        redaction: 'redacted',
        sha256: sha(r.path),
        path: r.path,
      });
    },
  );

  it('analysis workbook: the “=HYPERLINK(…)” answer is text, not a formula, parsed back from the xlsx', async () => {
    const r = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind: 'analysis-xlsx',
      path: t.path('analysis.xlsx'),
    });
    const v = await validateOoxml(r.path);
    expect(v.ok, v.output).toBe(true);
    expect(sha(r.path)).toBe(r.sha256);
    const bytes = readFileSync(r.path);
    const wb = XLSX.read(bytes, { type: 'buffer', cellFormula: true });
    const sheet = wb.Sheets[ANALYSIS_SHEETS.responses]!;
    const hits = Object.entries(sheet).filter(
      ([k, c]) => !k.startsWith('!') && String((c as XLSX.CellObject).v).includes('HYPERLINK'),
    );
    // The hand-made answer, and any the generator planted (it writes a few): every one is text with a leading
    // apostrophe.
    expect(hits.map(([, c]) => (c as XLSX.CellObject).v)).toContain(`'${HOSTILE}`);
    for (const [, c] of hits) {
      const cell = c as XLSX.CellObject;
      expect(cell.t).toBe('s');
      expect(cell.f).toBeUndefined();
      expect(String(cell.v)).toMatch(/^'=HYPERLINK\(/);
    }
    for (const [name, data] of new Package(bytes).files)
      if (name.startsWith('xl/worksheets/')) expect(new TextDecoder().decode(data), name).not.toMatch(/<f[ >]/);
    // One row per counted response (all 223 are active: no duplicates were resolved).
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: '' });
    const summary = await ws.call('responses.summary', {});
    expect(rows.filter((row) => /^\d+$/.test(String(row[0]))).length).toBe(summary.activeResponses);
    // Personal data is not in the publishable workbook.
    const all = [...new Package(bytes).files.values()].map((d) => new TextDecoder().decode(d)).join('\n');
    expect(all).not.toContain('Pat Pharmacist');
    expect(all).not.toContain('Jo Bloggs');
  });

  it('responses CSV: UTF-8 with a byte order mark, formula-like values neutralised', async () => {
    const r = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind: 'responses-csv',
      path: t.path('responses.csv'),
      redaction: 'none',
    });
    const bytes = readFileSync(r.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://example.com/x"",""Click for the NHS app"")"`);
    expect(text).toContain('Pat Pharmacist');
    const parsed = XLSX.read(text.slice(1), { type: 'string', raw: true });
    const cells = Object.values(parsed.Sheets[parsed.SheetNames[0]!]!).filter((c) =>
      String((c as XLSX.CellObject).v).includes('HYPERLINK'),
    ) as XLSX.CellObject[];
    expect(cells.length).toBeGreaterThanOrEqual(1);
    for (const c of cells) expect([c.t, c.f, String(c.v).startsWith("'=")]).toEqual(['s', undefined, true]);
    expect((await ws.call('outputs.log', {}))[0]).toMatchObject({
      kind: 'responses-csv',
      redaction: 'none',
      sha256: sha(r.path),
    });
  });

  it('briefing: validates, and carries the issues the team wrote', async () => {
    const r = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind: 'briefing-docx',
      path: t.path('briefing.docx'),
    });
    expect((await validateOoxml(r.path)).ok).toBe(true);
    const doc = new Package(readFileSync(r.path)).text('word/document.xml');
    expect(doc).toContain('Many worry about being left behind');
    expect(doc).toContain('Pharmacies are concerned about cost');
  });

  it.skipIf(!haveRenderer())(
    'the government response and the workbook render in LibreOffice',
    () => {
      const gr = renderToPdf(t.path('government-response.docx'), { outDir: t.path('render-gr') });
      const text = flatText(gr.text);
      expect(gr.pages).toBeGreaterThan(5);
      expect(text).toContain('We will build one online front door.');
      expect(text).toContain(flatText(CONSENTING_WORDS));
      const brief = renderToPdf(t.path('briefing.docx'), { outDir: t.path('render-brief') });
      expect(brief.pages).toBeLessThanOrEqual(2);
      const xl = renderToPdf(t.path('analysis.xlsx'), { outDir: t.path('render-xlsx') });
      expect(flatText(xl.text)).toContain('Redacted for publication.');
    },
    180_000,
  );

  it('a long export can be cancelled, and then nothing is saved or logged', async () => {
    const path = ws.path;
    await ws.router.shutdown();
    let router: Router | null = null;
    router = new Router(
      {
        settings: new SettingsStore(join(t.dir, 'cancel-config')),
        clock: CLOCK,
        actor: 'tester',
        env: { version: '0', shell: 'cli', nativeDialogs: false, platform: 'linux', defaultFolder: t.dir },
      },
      (_s, event, payload) => {
        if (event === 'job.progress') router!.cancelJob((payload as { jobId: string }).jobId);
      },
    );
    expect((await router.dispatch('s', 'workspace.open', { path })).ok).toBe(true);
    const before = await router.dispatch('s', 'outputs.log', {});
    const r = await router.dispatch(
      's',
      'outputs.export',
      { kind: 'analysis-xlsx', path: t.path('cancelled.xlsx'), allowUnfinished: true },
      { jobId: 'export-1' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(existsSync(t.path('cancelled.xlsx'))).toBe(false);
    const after = await router.dispatch('s', 'outputs.log', {});
    expect(after).toEqual(before);
    await router.shutdown();
  });

  it('npx workbench export: the four kinds, redaction chosen on the command line, and a clear refusal', () => {
    const out = (name: string) => t.path(`cli-${name}`);
    const gr = workbench(['export', ws.path, 'government-response-docx', out('gr.docx'), '--allow-unfinished']);
    expect(gr.status, gr.stderr).toBe(0);
    expect(gr.json()).toMatchObject({ kind: 'government-response-docx', redaction: 'redacted', path: out('gr.docx') });
    const csv = workbench(['export', ws.path, 'responses-csv', out('responses.csv'), '--redaction', 'none']);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.json()).toMatchObject({ redaction: 'none' });
    for (const [kind, ext] of [
      ['analysis-xlsx', '.xlsx'],
      ['briefing-docx', '.docx'],
    ] as const) {
      const r = workbench(['export', ws.path, kind, out(`${kind}${ext}`), '--allow-unfinished']);
      expect(r.status, r.stderr).toBe(0);
      expect(sha(out(`${kind}${ext}`))).toBe((r.json() as { sha256: string }).sha256);
    }
    expect(
      workbench(['export', ws.path, 'government-response-docx', out('x.docx'), '--redaction', 'partly']).status,
    ).toBe(2);
  });

  it(
    'npx workbench export refuses publication with the confidential quote back in, exit 1 and the quote named; ' +
      'internal use still works',
    async () => {
      const again = testRouter(join(t.dir, 'restore'), CLOCK);
      await again.call('workspace.open', { path: ws.path });
      await again.call('analysis.removeQuote', { id: quoteBad, restore: true });
      await again.router.shutdown();
      const refused = workbench([
        'export',
        ws.path,
        'government-response-docx',
        t.path('cli-refused.docx'),
        '--allow-unfinished',
      ]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('cannot be published');
      expect(refused.stderr).toContain(`response ${ids[ids.length - 2]}`);
      expect(refused.stderr).toContain('I run a small pharmacy');
      expect(existsSync(t.path('cli-refused.docx'))).toBe(false);
      const internal = workbench([
        'export',
        ws.path,
        'government-response-docx',
        t.path('cli-internal.docx'),
        '--redaction',
        'none',
      ]);
      expect(internal.status, internal.stderr).toBe(0);
    },
  );
});
