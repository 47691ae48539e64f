import { beforeAll, describe, expect, it } from 'vitest';
import { orderedQuestions, questionNumbers } from '#shared/domain/draft/model';
import { buildConsultationDocx, buildConsultationHtml } from '#electron/services/documents/consultation-outputs';
import { Package, wordParagraphs } from '../../harness/ooxml-read';
import { CTX, richDraft } from './fixtures';

// jsdom ships no types of its own: load it by name (see tests/harness/ooxml-read.ts).
const jsdomModule: string = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as {
  JSDOM: new (html: string, options: { url: string }) => { window: { document: Document } };
};

let html: string;
let doc: Document;

beforeAll(async () => {
  html = new TextDecoder().decode(await buildConsultationHtml(richDraft(), CTX));
  doc = new JSDOM(html, { url: 'http://localhost/' }).window.document;
});

const all = (sel: string) => Array.from(doc.querySelectorAll(sel));

describe('consultation document (HTML)', () => {
  it('is one accessible, self-contained page: language, title, one h1, headings in order', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc.documentElement.getAttribute('lang')).toBe('en-GB');
    expect(doc.title).toBe(
      'One online place for NHS information and services – Department of Health and Social Care (fictional example)',
    );
    expect(all('h1').map((h) => h.textContent)).toEqual(['One online place for NHS information and services']);
    let last = 1;
    for (const h of all('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName.slice(1));
      expect(level).toBeLessThanOrEqual(last + 1);
      last = level;
    }
    expect(all('a.skip-link')[0]?.getAttribute('href')).toBe('#main');
    expect(doc.getElementById('main')?.tagName).toBe('MAIN');
  });

  it('loads nothing from anywhere: a strict content security policy, no scripts, pictures inline', () => {
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(all('script, link, iframe, object, embed')).toHaveLength(0);
    for (const img of all('img')) expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(html).not.toContain('tracker.example.com');
  });

  it('gives every picture an alt attribute (empty for decorative ones) and sizes', () => {
    const imgs = all('img');
    expect(imgs.map((i) => i.getAttribute('alt'))).toEqual([
      'Bar chart: 71% of adults looked for health information online in 2026',
      '',
    ]);
    for (const i of imgs) expect(Number(i.getAttribute('width'))).toBeGreaterThan(0);
  });

  it('marks up tables with column headers (and row headers in the box), with no empty cells', () => {
    const tables = all('table');
    expect(tables.length).toBe(3);
    for (const t of tables) {
      expect(t.querySelectorAll('thead th[scope="col"]').length).toBeGreaterThan(0);
      for (const c of Array.from(t.querySelectorAll('td, th'))) expect(c.textContent?.trim()).not.toBe('');
    }
    expect(tables[0]!.querySelectorAll('tbody th[scope="row"]').length).toBe(11);
  });

  it('says exactly what the Word document says: the same contents, questions and numbers', async () => {
    const draft = richDraft();
    const numbers = questionNumbers(draft);
    const expected = orderedQuestions(draft).map((q) => `Question ${numbers.get(q.id)!}: ${q.text}`);
    const questions = all('p.question').map((p) => p.textContent);
    expect(questions).toEqual([...expected, ...expected]);
    const word = wordParagraphs(new Package(await buildConsultationDocx(draft, CTX)).xml('word/document.xml'));
    expect(all('h2:not(#contents-title)').map((h) => h.textContent)).toEqual(
      word.filter((p) => p.style === 'Heading1').map((p) => p.text),
    );
    expect(all('nav.contents a').map((a) => a.textContent)).toEqual(
      word.filter((p) => p.style === 'Heading1').map((p) => p.text),
    );
    for (const a of all('nav.contents a')) expect(doc.getElementById(a.getAttribute('href')!.slice(1))).not.toBeNull();
  });

  it('makes links real, with the author’s text', () => {
    const links = all('main a').map((a) => ({ href: a.getAttribute('href'), text: a.textContent }));
    expect(links).toContainEqual({
      href: 'https://www.example.gov.uk/nhs-digital-strategy',
      text: 'NHS digital strategy',
    });
    expect(links).toContainEqual({
      href: 'mailto:digital-access-consultation@example.gov.uk',
      text: 'digital-access-consultation@example.gov.uk',
    });
    expect(all('span[lang="cy-GB"]')).toHaveLength(1);
  });

  it('escapes markup in the draft instead of running it', async () => {
    const draft = richDraft();
    draft.metadata.title = 'Title <script>alert(1)</script> & "quotes"';
    draft.sections[0]!.body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: '<img src=x onerror=alert(1)>' },
            { type: 'text', text: 'bad link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
      ],
    };
    const page = new TextDecoder().decode(await buildConsultationHtml(draft, CTX));
    const d = new JSDOM(page, { url: 'http://localhost/' }).window.document;
    expect(d.querySelectorAll('script')).toHaveLength(0);
    expect(d.querySelector('h1')?.textContent).toBe('Title <script>alert(1)</script> & "quotes"');
    expect(page).not.toContain('javascript:');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
