import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDraft } from '#shared/domain/draft/example';
import { orderedQuestions, questionNumbers } from '#shared/domain/draft/model';
import { buildConsultationDocx } from '#electron/services/documents/consultation-outputs';
import { validateOoxml } from '../../harness/ooxml';
import { byNs, DC, Package, paragraphText, R, W, WP, wAttr, wordParagraphs } from '../../harness/ooxml-read';
import { tempDir } from '../../harness/temp';
import { CTX, richDraft, writeTo } from './fixtures';

const tmp = tempDir('cw-outputs-docx-');
let pkg: Package;
let doc: Document;
let path: string;

beforeAll(async () => {
  const bytes = await buildConsultationDocx(richDraft(), CTX);
  path = writeTo(tmp.dir, 'consultation.docx', bytes);
  pkg = new Package(bytes);
  doc = pkg.xml('word/document.xml');
});
afterAll(() => tmp.cleanup());

const HEADING = /^(Title|Heading([1-9]))$/;

describe('consultation document (.docx)', () => {
  it('passes the OOXML schema validator', async () => {
    const r = await validateOoxml(path);
    expect(r.output).toMatch(/valid/);
    expect(r.ok, r.output).toBe(true);
  });

  it('uses the built-in Title and Heading 1–3 styles in order, never skipping a level', () => {
    const headings = wordParagraphs(doc).filter((p) => HEADING.test(p.style));
    expect(headings[0]).toMatchObject({ style: 'Title', text: 'One online place for NHS information and services' });
    let last = 0;
    for (const h of headings.slice(1)) {
      const level = Number(HEADING.exec(h.style)![2]);
      expect(level, `“${h.text}” jumps from level ${last} to ${level}`).toBeLessThanOrEqual(last + 1);
      last = level;
    }
    expect(new Set(headings.map((h) => h.style))).toEqual(new Set(['Title', 'Heading1', 'Heading2', 'Heading3']));
    // The styles are Word's built-in ones (by name), so navigation and the contents work.
    const styles = pkg.xml('word/styles.xml');
    const names = new Map(
      byNs(styles, W, 'style').map((s) => [wAttr(s, 'styleId'), wAttr(byNs(s, W, 'name')[0]!, 'val')]),
    );
    expect([names.get('Heading1'), names.get('Heading2'), names.get('Heading3'), names.get('Title')]).toEqual([
      'Heading 1',
      'Heading 2',
      'Heading 3',
      'Title',
    ]);
  });

  it(
    'puts the parts in the standard order: cover, foreword, ' + 'contents, summary, box, sections, annexes, glossary',
    () => {
      const h1 = wordParagraphs(doc)
        .filter((p) => p.style === 'Heading1' || p.style === 'TOCHeading')
        .map((p) => p.text);
      expect(h1).toEqual([
        'Ministerial foreword',
        'Contents',
        'Executive summary',
        'About this consultation',
        'Background',
        'Proposal 1: one online front door',
        'Proposal 2: standards for health information online',
        'Proposal 3: nobody left behind',
        'Impacts',
        'Next steps',
        'How to respond',
        'Confidentiality and data protection',
        'Annex A: list of questions',
        'Annex B: about you',
        'Annex C: privacy notice',
        'Glossary',
      ]);
    },
  );

  it('has a real TOC field built from the heading styles, its page numbers laid out so Word need not ask', () => {
    const instr = byNs(doc, W, 'instrText').map((i) => i.textContent ?? '');
    expect(instr.some((t) => /^\s*TOC\s.*\\o\s+"1-1"/.test(t))).toBe(true);
    expect(instr.some((t) => /PAGEREF _Toc\d+/.test(t))).toBe(true);
    // Each TOC entry's anchor is a bookmark on a heading.
    const anchors = byNs(doc, W, 'hyperlink')
      .map((h) => wAttr(h, 'anchor'))
      .filter(Boolean);
    const bookmarks = new Set(byNs(doc, W, 'bookmarkStart').map((b) => wAttr(b, 'name')));
    expect(anchors.length).toBeGreaterThanOrEqual(15);
    for (const a of anchors) expect(bookmarks.has(a)).toBe(true);
    // Laid out here, so Word is not told to update fields (it asked every time the file was opened).
    expect(byNs(pkg.xml('word/settings.xml'), W, 'updateFields')).toHaveLength(0);
    expect(instr.filter((t) => /PAGEREF _Toc\d+/.test(t)).length).toBeGreaterThanOrEqual(15);
  });

  it('gives questions an outline level, so each is in Word’s navigation pane but not in the contents', () => {
    const styles = pkg.xml('word/styles.xml');
    const question = byNs(styles, W, 'style').find((st) => wAttr(st, 'styleId') === 'Question')!;
    expect(wAttr(byNs(question, W, 'outlineLvl')[0]!, 'val')).toBe('2');
    // The contents list outline level 1 only: the sections.
    const instr = byNs(doc, W, 'instrText').map((i) => i.textContent ?? '');
    expect(instr.some((t) => /^\s*TOC\s.*\\o\s+"1-1"/.test(t))).toBe(true);
  });

  it('asks Word to update the contents only when their page numbers were not laid out (a long document)', async () => {
    const unlaid = new Package(await buildConsultationDocx(richDraft(), CTX, { contentsPageNumbers: 'never' }));
    expect(byNs(unlaid.xml('word/settings.xml'), W, 'updateFields')).toHaveLength(1);
  });

  it('sets title, subject, creator and language en-GB', () => {
    const core = pkg.xml('docProps/core.xml');
    expect(byNs(core, DC, 'title')[0]?.textContent).toBe('One online place for NHS information and services');
    expect(byNs(core, DC, 'subject')[0]?.textContent).toMatch(/^We want your views/);
    expect(byNs(core, DC, 'creator')[0]?.textContent).toBe('Department of Health and Social Care (fictional example)');
    expect(byNs(core, DC, 'language')[0]?.textContent).toBe('en-GB');
    const defaults = byNs(pkg.xml('word/styles.xml'), W, 'rPrDefault')[0]!;
    expect(wAttr(byNs(defaults, W, 'lang')[0]!, 'val')).toBe('en-GB');
    expect(wAttr(byNs(defaults, W, 'rFonts')[0]!, 'ascii')).toBe('Arial');
  });

  it('uses Arial at 12pt or larger everywhere, left aligned, with no empty paragraphs for spacing', () => {
    for (const part of ['word/styles.xml', 'word/document.xml', 'word/footer1.xml']) {
      const x = pkg.xml(part);
      for (const sz of byNs(x, W, 'sz')) expect(Number(wAttr(sz, 'val')), part).toBeGreaterThanOrEqual(24);
      for (const f of byNs(x, W, 'rFonts')) expect(wAttr(f, 'ascii')).toBe('Arial');
      for (const jc of byNs(x, W, 'jc')) expect(['left', 'start']).toContain(wAttr(jc, 'val'));
    }
    const body = byNs(doc, W, 'body')[0]!;
    const topLevel = Array.from(body.children).filter((c) => c.localName === 'p');
    for (const p of topLevel) {
      const hasContent =
        paragraphText(p).trim() !== '' ||
        byNs(p, W, 'drawing').length > 0 ||
        byNs(p, W, 'fldChar').length > 0 ||
        byNs(p, W, 'sectPr').length > 0;
      expect(hasContent, `empty paragraph: ${p.outerHTML.slice(0, 200)}`).toBe(true);
    }
  });

  it('marks every table’s first row as a repeating header, with no merged and no empty cells', () => {
    const tables = byNs(doc, W, 'tbl');
    expect(tables.length).toBeGreaterThanOrEqual(3); // about box, the body table, annex B
    for (const t of tables) {
      const rows = byNs(t, W, 'tr');
      expect(byNs(rows[0]!, W, 'tblHeader')).toHaveLength(1);
      for (const r of rows.slice(1)) expect(byNs(r, W, 'tblHeader')).toHaveLength(0);
      expect(byNs(t, W, 'gridSpan')).toHaveLength(0);
      expect(byNs(t, W, 'vMerge')).toHaveLength(0);
      const widths = rows.map((r) => byNs(r, W, 'tc').length);
      expect(new Set(widths).size).toBe(1);
      for (const tc of byNs(t, W, 'tc')) expect(byNs(tc, W, 'p').map(paragraphText).join('').trim()).not.toBe('');
    }
    // The author's table: the blank and the missing cell say "Not applicable".
    const survey = tables.find((t) => paragraphText(byNs(t, W, 'tc')[0]!) === 'Service')!;
    expect(byNs(survey, W, 'tc').map((tc) => paragraphText(tc))).toEqual([
      'Service',
      'Users in 2026',
      'Change',
      'Booking',
      '12,400,000',
      'Not applicable',
      'Prescriptions',
      '8,100,000',
      'Not applicable',
    ]);
  });

  it('prints every question in one numbered style, and Annex A repeats exactly the same numbers and text', () => {
    const draft = richDraft();
    const numbers = questionNumbers(draft);
    const expected = orderedQuestions(draft).map((q) => `Question ${numbers.get(q.id)!}: ${q.text}`);
    const paras = wordParagraphs(doc);
    const annexAt = paras.findIndex((p) => p.style === 'Heading1' && p.text === 'Annex A: list of questions');
    const annexEnd = paras.findIndex((p) => p.style === 'Heading1' && p.text === 'Annex B: about you');
    const inline = paras
      .slice(0, annexAt)
      .filter((p) => p.style === 'Question')
      .map((p) => p.text);
    const annex = paras
      .slice(annexAt, annexEnd)
      .filter((p) => p.style === 'Question')
      .map((p) => p.text);
    expect(inline).toEqual(expected);
    expect(annex).toEqual(inline);
    expect(inline[0]).toBe(
      'Question 1: To what extent do you agree that there should be one online front door for NHS information ' +
        'and services in England?',
    );
  });

  it('lists each closed question’s options with real numbering definitions', () => {
    const paras = wordParagraphs(doc);
    const q2 = paras.findIndex((p) => p.text.startsWith('Question 2:'));
    const listed = paras
      .slice(q2 + 1, q2 + 10)
      .filter((p) => byNs(p.el, W, 'numPr').length > 0)
      .map((p) => p.text);
    expect(listed).toEqual([
      'Booking appointments',
      'Ordering repeat prescriptions',
      'Seeing test results',
      'Reading advice about conditions',
      'Finding local services',
      'Contacting my GP practice',
      'Other (please specify)',
    ]);
    const numbering = pkg.xml('word/numbering.xml');
    const formats = byNs(numbering, W, 'numFmt').map((n) => wAttr(n, 'val'));
    expect(formats).toContain('bullet');
    expect(formats).toContain('decimal');
    // The author's numbered list starts at 3.
    expect(byNs(numbering, W, 'start').some((s) => wAttr(s, 'val') === '3')).toBe(true);
    expect(paras.find((p) => p.text === 'Please explain your answer.')).toBeDefined();
    expect(paras.find((p) => p.text === 'Please use no more than 300 words.')).toBeDefined();
  });

  it('fills the "About this consultation" box from the metadata, with GOV.UK dates and durations in weeks', () => {
    const box = byNs(doc, W, 'tbl').find((t) => paragraphText(byNs(t, W, 'tc')[0]!) === 'Topic')!;
    const rows = byNs(box, W, 'tr').map((r) =>
      byNs(r, W, 'tc').map((tc) => byNs(tc, W, 'p').map(paragraphText).join('\n')),
    );
    const labels = rows.map((r) => r[0]);
    expect(labels).toEqual([
      'Topic',
      'From',
      'To',
      'Duration',
      'Enquiries (including requests for the paper in an alternative format) to',
      'How to respond',
      'Additional ways to take part',
      'Response paper',
      'Impact assessment',
      'Territorial extent',
      'Other versions',
      'Compliance with the Consultation Principles',
    ]);
    const value = (label: string) => rows.find((r) => r[0] === label)![1]!;
    expect(value('Duration')).toBe('12 weeks, from 9am on 1 March 2027 to 11:59pm on 24 May 2027 (UK time).');
    expect(value('Response paper')).toContain('by 16 August 2027');
    expect(value('Territorial extent')).toBe('England');
    expect(value('How to respond')).toContain('Please respond by 11:59pm on 24 May 2027.');
    const texts = wordParagraphs(doc).map((p) => p.text);
    expect(texts).toContain('This consultation begins at 9am on 1 March 2027.');
    expect(texts).toContain('This consultation ends at 11:59pm on 24 May 2027.');
  });

  it('makes links real hyperlinks with descriptive text, and marks the Welsh notice as Welsh', () => {
    const rels = pkg.xml('word/_rels/document.xml.rels');
    const external = new Map(
      Array.from(rels.getElementsByTagName('Relationship'))
        .filter((r) => r.getAttribute('TargetMode') === 'External')
        .map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]),
    );
    const links = byNs(doc, W, 'hyperlink')
      .filter((h) => h.getAttributeNS(R, 'id'))
      .map((h) => ({ target: external.get(h.getAttributeNS(R, 'id')), text: paragraphText(h) }));
    expect(links).toContainEqual({
      target: 'https://www.example.gov.uk/nhs-digital-strategy',
      text: 'NHS digital strategy',
    });
    expect(links).toContainEqual({
      target: 'https://consult.example.gov.uk/digital-access',
      text: 'respond using the online survey',
    });
    expect(links).toContainEqual({
      target: 'mailto:digital-access-consultation@example.gov.uk',
      text: 'digital-access-consultation@example.gov.uk',
    });
    for (const l of links) {
      expect(l.target).toMatch(/^(https?:|mailto:)/);
      expect(l.text.trim()).not.toMatch(/^(click here|here|more)$/i);
      // Not a bare address as its text (the example's How to respond once linked “https://consult…”).
      expect(l.text.trim()).not.toMatch(/^https?:/i);
    }
    const welsh = byNs(doc, W, 'lang').filter((l) => wAttr(l, 'val') === 'cy-GB');
    expect(welsh.length).toBe(1);
  });

  it('gives pictures their alternative text, marks those without as decorative, and never embeds remote ones', () => {
    const pics = byNs(doc, WP, 'docPr');
    expect(pics).toHaveLength(2);
    expect(pics[0]!.getAttribute('descr')).toBe(
      'Bar chart: 71% of adults looked for health information online in 2026',
    );
    expect(pics[1]!.getAttribute('descr')).toBeNull();
    expect(pics[1]!.outerHTML).toMatch(/adec:decorative[^>]*val="1"/);
    expect(new Set(pics.map((p) => p.getAttribute('id'))).size).toBe(2);
    expect([...pkg.files.keys()].filter((n) => n.startsWith('word/media/'))).toHaveLength(2);
    expect(pkg.text('word/_rels/document.xml.rels')).not.toContain('tracker.example.com');
    expect(wordParagraphs(doc).map((p) => p.text)).toContain('Image: A remote picture');
  });

  it('numbers pages in the footer', () => {
    const footer = pkg.xml('word/footer1.xml');
    const fields = byNs(footer, W, 'instrText').map((i) => (i.textContent ?? '').trim());
    expect(fields).toContain('PAGE');
    expect(fields).toContain('NUMPAGES');
  });

  it('writes the generated How to respond and confidentiality sections when the draft has none', async () => {
    const draft = exampleDraft();
    draft.sections = draft.sections.filter((s) => s.kind !== 'how-to-respond' && s.kind !== 'confidentiality');
    const p2 = new Package(await buildConsultationDocx(draft, CTX));
    const texts = wordParagraphs(p2.xml('word/document.xml')).map((p) => p.text);
    expect(texts).toContain('How to respond');
    expect(texts).toContain('The consultation closes at 11:59pm on 24 May 2027 (UK time).');
    expect(texts.some((t) => t.includes('Freedom of Information Act 2000'))).toBe(true);
  });
});
