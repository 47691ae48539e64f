import { describe, expect, it } from 'vitest';
import { OTHER_AGGREGATED, SUPPRESSED } from '#shared/analysis/suppression';
import {
  NOT_FOR_PUBLICATION,
  prepareReport,
  QuoteConsentError,
  quoteProblems,
  ReportInputError,
  type PreparedRow,
  type ResponseRow,
} from '#shared/report/index';
import { CONFIDENTIAL_ORG, HOSTILE_ANSWER, reportFixture } from '../../generators/report-fixture';

/**
 * Preparation is where confidentiality and suppression are enforced for every output, so these
 * tests check the rules against the rows the fixture's counts were computed from.
 */
const report = reportFixture({ respondents: 1200 });

async function collect(rows: AsyncGenerator<PreparedRow>): Promise<PreparedRow[]> {
  const out: PreparedRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('prepareReport for publication (redacted)', () => {
  const p = prepareReport(report, { redaction: 'redacted' });

  it('merges options chosen by fewer than 10 into "Other (aggregated)", and no printed count is below 10', () => {
    expect(p.banner).toBeNull();
    let merged = 0;
    for (const q of p.questions) {
      for (const row of q.table?.rows ?? []) {
        if (row.count !== null)
          expect(row.count === 0 || row.count >= 10, `question ${q.number}: ${row.label} = ${row.count}`).toBe(true);
        if (row.merged.length) {
          merged++;
          expect(row.label).toBe(OTHER_AGGREGATED);
        }
      }
    }
    expect(merged).toBeGreaterThan(0);
    // Question 5's rare last option is among those merged, and its small count is nowhere to be seen.
    const q5 = p.questions.find((q) => q.number === '5')!;
    const original = report.questions
      .find((q) => q.number === '5')!
      .tally!.options.find((o) => o.label === 'Don’t know')!;
    expect(original.count).toBeGreaterThan(0);
    expect(original.count).toBeLessThan(10);
    expect(q5.table!.rows.find((r) => r.label === OTHER_AGGREGATED)!.merged).toContain('Don’t know');
  });

  it('suppresses small cross-tab cells with [c], with secondary suppression so none can be worked out', () => {
    const cts = p.questions.flatMap((q) => q.crossTabs);
    expect(cts.length).toBeGreaterThan(0);
    let hidden = 0;
    for (const ct of cts) {
      for (const row of ct.rows) {
        const hiddenInRow = row.cells.filter((c) => c.count === null).length;
        hidden += hiddenInRow;
        for (const c of row.cells) {
          if (c.count !== null) expect(c.count === 0 || c.count >= 10).toBe(true);
          if (c.count === null) expect([c.countText, c.percentText]).toEqual([SUPPRESSED, SUPPRESSED]);
        }
        // A published row base with exactly one hidden cell would give it away by subtraction.
        if (row.base !== null) expect(hiddenInRow).not.toBe(1);
      }
    }
    expect(hidden).toBeGreaterThan(0);
  });

  it('withholds small theme counts and respondent groups', () => {
    const rare = p.questions.flatMap((q) => q.themes).filter((t) => t.name === 'Welsh-language services');
    expect(rare.length).toBeGreaterThan(0);
    for (const t of rare) expect([t.countText, t.percentText]).toEqual([SUPPRESSED, SUPPRESSED]);
    for (const t of p.respondents.byRegion.rows) if (t.count !== null) expect(t.count).toBeGreaterThanOrEqual(10);
    expect(p.otherThemes.find((t) => t.name === 'Veterans’ health records')!.countText).toBe(SUPPRESSED);
  });

  it('leaves confidential organisations out of the annex and counts them instead', () => {
    expect(report.organisations.some((o) => o.name === CONFIDENTIAL_ORG && o.confidential)).toBe(true);
    expect(p.organisations.map((o) => o.name)).not.toContain(CONFIDENTIAL_ORG);
    expect(p.organisationsWithheld).toBe(1);
    expect(p.organisations.length).toBe(report.organisations.length - 1);
  });

  it(
    'removes personal fields from the rows and withholds ' + 'confidential respondents’ text and organisation',
    async () => {
      const headers = p.rowColumns.map((c) => c.header);
      for (const h of [
        'Name',
        'Email',
        'Role',
        'Reason for confidentiality',
        'Asked for confidentiality',
        'Consented to publication',
      ])
        expect(headers).not.toContain(h);
      expect(headers).toContain('Respondent type');
      const rows = await collect(p.rows());
      expect(rows).toHaveLength(1200);
      const source = [...(report.rows() as Iterable<ResponseRow>)];
      const orgCol = headers.indexOf('Organisation');
      const q3 = headers.indexOf('Q3 answer');
      let withheld = 0;
      rows.forEach((row, i) => {
        const src = source[i]!;
        const text = row.cells.join('\u0001');
        expect(text).not.toContain(src.fields['email']!);
        expect(text).not.toContain(src.fields['name']!);
        if (src.confidential && src.fields['organisation']) expect(row.cells[orgCol]).toBe(SUPPRESSED);
        if ((src.confidential || src.publishConsent !== true) && src.answers['example-q3']?.text) {
          expect(row.cells[q3]).toBe(SUPPRESSED);
          withheld++;
        }
      });
      expect(withheld).toBeGreaterThan(50);
    },
  );

  it('shows options merged in the published table as "Other (aggregated)" in the rows too', async () => {
    const q5 = report.questions.find((q) => q.number === '5')!;
    const rare = q5.options.find((o) => o.label === 'Don’t know')!.id;
    const col = p.rowColumns.findIndex((c) => c.header === 'Q5 answer');
    const source = [...(report.rows() as Iterable<ResponseRow>)];
    const rows = await collect(p.rows());
    const picked = source
      .map((s, i) => [s, rows[i]!] as const)
      .filter(([s]) => s.answers[q5.id]?.choices?.includes(rare));
    expect(picked.length).toBeGreaterThan(0);
    for (const [, row] of picked) expect(row.cells[col]).toBe(OTHER_AGGREGATED);
  });

  it('refuses quotes from confidential or non-consenting respondents, naming each one', () => {
    const bad = reportFixture({ respondents: 1200, badQuotes: true });
    const problems = quoteProblems(bad);
    expect(problems.map((x) => x.reason).sort()).toEqual(['confidential', 'no-consent']);
    let error: unknown;
    try {
      prepareReport(bad, { redaction: 'redacted' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuoteConsentError);
    const e = error as QuoteConsentError;
    expect(e.problems).toHaveLength(2);
    for (const pr of e.problems) {
      expect(e.message).toContain(`Question ${pr.questionNumber}, response ${pr.respondentId}`);
      expect(pr.respondentId).toMatch(/^R-\d{6}$/);
    }
    expect(e.message).toContain('asked for their response to be confidential');
    expect(e.message).toContain('did not consent');
    // For internal use the same report is allowed.
    expect(() => prepareReport(bad, { redaction: 'none' })).not.toThrow();
  });

  it('applies a configurable threshold', () => {
    const strict = prepareReport(report, { redaction: 'redacted', threshold: 100 });
    expect(strict.threshold).toBe(100);
    for (const q of strict.questions)
      for (const r of q.table?.rows ?? []) if (r.count !== null) expect(r.count === 0 || r.count >= 100).toBe(true);
    expect(() => prepareReport(report, { redaction: 'redacted', threshold: 0 })).toThrow(ReportInputError);
  });

  it('refuses figures that contradict each other, and multiple choice without its encoded answers', () => {
    const broken = reportFixture({ respondents: 200 });
    broken.questions[0]!.answered += 1;
    expect(() => prepareReport(broken, { redaction: 'none' })).toThrow(/differs from its counts/);
    const noEncoded = reportFixture({ respondents: 200 });
    const multi = noEncoded.questions.find((q) => q.type === 'multi_choice')!;
    delete multi.encoded;
    expect(() => prepareReport(noEncoded, { redaction: 'redacted' })).toThrow(/encoded answers/);
    expect(() => prepareReport(noEncoded, { redaction: 'none' })).not.toThrow();
  });
});

describe('prepareReport for internal use (none)', () => {
  const p = prepareReport(report, { redaction: 'none' });

  it('keeps the real figures, all organisations and personal fields, and says it is not for publication', async () => {
    expect(p.banner).toBe(NOT_FOR_PUBLICATION);
    expect(p.banner).toBe('Not for publication: contains personal data');
    for (const q of p.questions) {
      const source = report.questions.find((x) => x.id === q.id)!;
      if (source.tally) expect(q.table!.rows.map((r) => r.count)).toEqual(source.tally.options.map((o) => o.count));
      expect(q.themes.every((t) => t.count !== null)).toBe(true);
    }
    expect(p.organisations.find((o) => o.name === CONFIDENTIAL_ORG)?.confidential).toBe(true);
    expect(p.rowColumns.map((c) => c.header)).toEqual(
      expect.arrayContaining(['Name', 'Email', 'Asked for confidentiality', 'Consented to publication']),
    );
    const rows = await collect(p.rows());
    expect(rows[0]!.cells).toContain(HOSTILE_ANSWER);
  });

  it('gives a 0/1 matrix whose columns add up to the theme counts (campaign rows apart)', async () => {
    const rows = await collect(p.rows());
    const campaignCol = p.rowColumns.findIndex((c) => c.header === 'Campaign');
    for (const q of report.questions) {
      for (const t of q.themes) {
        const col = p.matrixColumns.findIndex((m) => m.questionId === q.id && m.themeId === t.id);
        expect(col).toBeGreaterThanOrEqual(0);
        const sum = rows.filter((r) => r.cells[campaignCol] === '').reduce((s, r) => s + r.flags[col]!, 0);
        expect(sum, `${q.number} ${t.name}`).toBe(t.count);
      }
    }
  });
});
