import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDraft } from '#shared/domain/draft/example';
import { orderedQuestions, questionNumbers } from '#shared/domain/draft/model';
import { buildOutput, outputFileName, type OutputKind } from '#electron/services/documents/consultation-outputs';
import { flatText, haveRenderer, renderToPdf, type Rendered } from '../../harness/render';
import { tempDir } from '../../harness/temp';
import { badDraft, CTX, writeTo } from './fixtures';

/**
 * Render check: LibreOffice (headless) converts every output of the example consultation to PDF;
 * each must convert, have a plausible number of pages and show every question. About a second a
 * conversion, so one conversion per kind.
 */
const tmp = tempDir('cw-outputs-render-');
const rendered = new Map<OutputKind, Rendered>();
const PAGES: Record<OutputKind, [number, number]> = {
  'consultation-docx': [15, 35],
  'consultation-html': [8, 35],
  'response-form-docx': [5, 15],
  'response-form-xlsx': [2, 10],
  'questions-xlsx': [1, 6],
};

describe.skipIf(!haveRenderer())('outputs render in LibreOffice', () => {
  beforeAll(async () => {
    const draft = exampleDraft();
    for (const kind of Object.keys(PAGES) as OutputKind[]) {
      const path = writeTo(tmp.dir, outputFileName(kind, draft), await buildOutput(kind, draft, CTX));
      rendered.set(kind, renderToPdf(path, { outDir: `${tmp.dir}/${kind}` }));
    }
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it.each(Object.keys(PAGES) as OutputKind[])(
    '%s converts to PDF with the expected number of pages and every question',
    (kind) => {
      const r = rendered.get(kind)!;
      const [min, max] = PAGES[kind];
      expect(r.pages).toBeGreaterThanOrEqual(min);
      expect(r.pages).toBeLessThanOrEqual(max);
      const text = flatText(r.text);
      const draft = exampleDraft();
      const numbers = questionNumbers(draft);
      for (const q of orderedQuestions(draft)) {
        expect(text, `${kind}: question ${numbers.get(q.id)!}`).toContain(flatText(q.text));
        if (kind !== 'questions-xlsx' && kind !== 'response-form-xlsx')
          expect(text).toContain(`Question ${numbers.get(q.id)!}`);
      }
      // The hidden sheet never prints.
      expect(text).not.toContain('do not edit this sheet');
    },
  );

  it('shows the cover dates and the filled-in contents of the Word document', () => {
    const text = flatText(rendered.get('consultation-docx')!.text);
    expect(text).toContain('This consultation begins at 9am on 1 March 2027.');
    expect(text).toContain('This consultation ends at 11:59pm on 24 May 2027.');
    // Contents entries carry page numbers worked out when the file was written.
    expect(text).toMatch(/Executive summary\.{5,} ?\d+/);
    expect(text).toMatch(/Annex A: list of questions\.{5,} ?\d+/);
  });

  it('renders the hostile draft too', async () => {
    const path = writeTo(tmp.dir, 'bad.docx', await buildOutput('consultation-docx', badDraft(), CTX));
    const r = renderToPdf(path, { outDir: `${tmp.dir}/bad` });
    expect(r.pages).toBeGreaterThan(15);
    expect(flatText(r.text)).toContain('Option 40, with a comma and "quotes"');
  }, 60_000);
});
