import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
import { Package } from '../harness/ooxml-read';
import { analysisWorkspace, importGenerated, responseIds, type Ws } from '../unit/analysis-app/helpers';
import { exampleDraft } from '#shared/domain/draft/example';
import { MACHINE_DESCRIPTION_PREFIX } from '#shared/analysis/theme-review';

/**
 * R-PUB5: a sentence in a published document is a fact. What the government response says about
 * the analysis — how many answers were coded, against how many themes, by how many people, how
 * people could respond — is counted from the workspace; nothing is said about coding that was not
 * done; a theme's description is the official's or none; a theme nobody's answer was coded with is
 * not listed.
 */
const t = tempDir('cw-publication-statements-');
afterAll(() => t.cleanup());
const Q3 = 'example-q3';
let ws: Ws;

/** The government response's body text, paragraphs joined by newlines, XML entities undone. */
async function responseText(name: string): Promise<string> {
  const r = await ws.call('outputs.export', {
    allowUnfinished: true,
    kind: 'government-response-docx',
    path: t.path(name),
    exportAnyway: true,
  });
  const xml = new Package(readFileSync(r.path)).text('word/document.xml');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

beforeAll(async () => {
  ws = await analysisWorkspace(t.dir, 'statements.consult');
  await importGenerated(ws, t.dir, 'survey.csv', { count: 80, seed: 3 });
}, 120_000);

describe('what the government response says about the analysis', () => {
  it('with nothing coded, says nothing about coding, themes or other themes', async () => {
    const text = await responseText('uncoded.docx');
    expect(text).not.toMatch(/We read every answer|coded it against|code frame|drew up the code frame/);
    expect(text).not.toContain('Respondents raised no themes');
    expect(text).not.toMatch(/^Other themes$/m);
  });

  it('says how many answers were coded, of how many, against how many themes, as counted', async () => {
    const used = await ws.call('analysis.saveTheme', {
      name: 'Booking appointments',
      description: `${MACHINE_DESCRIPTION_PREFIX}book; appointment; online.`,
      questionIds: [Q3],
    });
    await ws.call('analysis.saveTheme', { name: 'Never used', description: 'Nobody said this.', questionIds: [Q3] });
    const overview = await ws.call('analysis.overview', {});
    const open = overview.questions.filter((q) => q.codable).reduce((s, q) => s + q.progress.total, 0);
    const q3 = await ws.call('analysis.answers', { questionId: Q3, filter: 'uncoded', offset: 0, limit: 5 });
    expect(q3.rows).toHaveLength(5);
    for (const a of q3.rows)
      await ws.call('analysis.code', { responseId: a.responseId, questionId: Q3, themeId: used.id, action: 'add' });
    const text = await responseText('coded.docx');
    const share = Math.round((5 / open) * 100);
    expect(text).toContain(
      `We coded 5 of the ${open} answers to the open questions (${share < 1 ? 'less than 1' : share}%) against ` +
        'a code frame of 1 theme; the theme figures are of the answers coded.',
    );
    // The machine's description is not published as the government's words; the unused theme is not listed.
    expect(text).toContain('Booking appointments');
    expect(text).not.toContain(MACHINE_DESCRIPTION_PREFIX.trim());
    expect(text).not.toContain('Never used');
    expect(text).toContain('We coded no themes beyond those the questions asked about.');
  });

  it('says how people could respond from the ways the consultation offered, not the ways answers arrived', async () => {
    // Every response here arrived by the online survey; the draft offered four ways.
    const w = exampleDraft().metadata.waysToRespond;
    expect(w.onlineUrl && w.email && w.postalAddress && w.responseForm).toBeTruthy();
    expect(await responseIds(ws)).toHaveLength(80);
    const text = await responseText('channels.docx');
    expect(text).toContain('People could respond by online survey, email, post and the response form.');
  });
});
