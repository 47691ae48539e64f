import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildOutput,
  OUTPUT_KINDS,
  outputFileName,
  readResponseFormDocx,
  readResponseFormXlsx,
} from '#electron/services/documents/consultation-outputs';
import { validateOoxml } from '../../harness/ooxml';
import { Package, wordParagraphs } from '../../harness/ooxml-read';
import { tempDir } from '../../harness/temp';
import { badDraft, CTX, EMOJI, RTL, writeTo } from './fixtures';

const tmp = tempDir('cw-outputs-bad-');
afterAll(() => tmp.cleanup());

// Characters XML 1.0 cannot carry; one of them anywhere makes Word refuse the whole file.
const ILLEGAL = new RegExp(
  [
    String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|`,
    String.raw`(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`,
  ].join(''),
);

describe('hostile input: emoji, right-to-left text, 5,000-character paragraphs, 40 options, control characters', () => {
  it('produces a valid file of every kind, with the text kept and the illegal characters dropped', async () => {
    const draft = badDraft();
    for (const kind of OUTPUT_KINDS) {
      const bytes = await buildOutput(kind, draft, CTX);
      const name = outputFileName(kind, draft);
      expect(name, kind).toMatch(/^[a-z0-9-]+\.(docx|xlsx|html)$/);
      const path = writeTo(tmp.dir, name, bytes);
      if (kind === 'consultation-html') {
        const html = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        expect(ILLEGAL.test(html)).toBe(false);
        expect(html).toContain(RTL);
        expect(html).toContain(EMOJI);
        continue;
      }
      const r = await validateOoxml(path);
      expect(r.ok, `${kind}: ${r.output}`).toBe(true);
      const pkg = new Package(bytes);
      for (const [part] of pkg.files)
        if (/\.(xml|rels)$/.test(part)) expect(ILLEGAL.test(pkg.text(part)), `${kind} ${part}`).toBe(false);
    }
  });

  it(
    'keeps the long paragraph whole, and the emoji and ' + 'right-to-left text as written, in the Word document',
    async () => {
      const draft = badDraft();
      const doc = new Package(await buildOutput('consultation-docx', draft, CTX)).xml('word/document.xml');
      const texts = wordParagraphs(doc).map((p) => p.text);
      const long = draft.sections.find((s) => s.kind === 'proposal')!.body.content[0]!;
      expect(
        long.type === 'paragraph' && texts.includes(long.content![0]!.type === 'text' ? long.content![0]!.text : ''),
      ).toBe(true);
      expect(texts).toContain(`${RTL} ${RTL}`);
      expect(texts).toContain('Control\uFFFDcharacters'); // the unpaired surrogate shows as the replacement character
      expect(texts).toContain(EMOJI);
      expect(texts.filter((t) => t.startsWith('Option ')).length).toBe(80); // 40 options inline and in Annex A
    },
  );

  it('keeps 40 options with commas and quotes as separate, exact choices in the spreadsheet form', async () => {
    const bytes = await buildOutput('response-form-xlsx', badDraft(), CTX);
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(bytes, { type: 'array' }).Sheets['_workbench']!, {
      header: 1,
      defval: '',
    });
    const options = rows.filter((r) => r[0] === 'option' && r[1] === 'bad-q40');
    expect(options).toHaveLength(41);
    expect(options[1]![5]).toBe('Option 2, with a comma and "quotes"');
    expect(readResponseFormXlsx(bytes).answers).toEqual([]);
    expect(readResponseFormDocx(await buildOutput('response-form-docx', badDraft(), CTX)).answers).toEqual([]);
  });
});
